// The what-if panel's projection, pure (unit-tested): what a seller's Prime templates would promise with other services,
// zone limits, added states and cut-offs, and what that does to delivery speed, nationwide coverage, the promise a
// buyer sees and the share of orders that ship the day they are placed. lib/prime/what-if.ts loads the inputs.
import { automateRegions, coverageOf, resolveManualRegions, toMinutes, type EnabledService, type ManualRegion, type PromiseLevel } from '@/lib/shipping/rules';
import type { Zip3Row } from '@/lib/shipping/geo';

export type WhatIfTemplate = { automated: boolean; shipFromZip3: string; regions: ManualRegion[]; promises: { zip3: string; level: PromiseLevel; transitDays: number }[] };
export type WhatIfService = EnabledService;
export type WeekCutoffs = { weekday: number; operating: boolean; orderCutoff: string }[];
export type OrderTimes = { weekday: number; minute: number; n: number }[]; // orders by local weekday and minute of the day

export type WhatIfInput = {
  zip3Table: readonly Zip3Row[];
  services: WhatIfService[]; // every service the seller could enable, with its saved zone limit
  chosen: ReadonlySet<string>; // the services enabled in the projection
  zones: ReadonlyMap<string, number>; // zone limits changed in the projection
  templates: WhatIfTemplate[]; // the seller's standard-size Prime templates (none: an automated one from shipFromZip3)
  shipFromZip3: string; // the chosen ship-from (added states and a first template ship from here)
  addStates: readonly string[];
  addLevel: 'one_day' | 'two_day';
  cutoffs: WeekCutoffs; // the location's cut-offs today
  proposed: { weekdayCutoff: string; saturdayCutoff: string };
  orders: OrderTimes; // the last 30 days' orders, in the ship-from's zone
  thresholds: { oneDayCoverageMin: number; twoDayCoverageMin: number; weekdayCutoffEarliest: string; weekendCutoffEarliest: string };
};

export type CoverageView = { oneDayShare: number; twoDayShare: number; nationwide: boolean; missingStates: string[] };
export type DestinationPromise = { name: string; zip3: string; now: number | null; projected: number | null };
export type WhatIfResult = {
  current: CoverageView;
  projected: CoverageView;
  meets: { oneDay: boolean; twoDay: boolean; nationwide: boolean };
  addedStates: { covered: string[]; unmet: string[] };
  destinations: DestinationPromise[];
  cutoffs: { weekdayOk: boolean; saturdayOk: boolean; now: { weekday: string | null; saturday: string | null } };
  sameDay: { orders: number; now: number | null; projected: number | null };
  newTemplate: boolean;
};

// Where a typical buyer lives: the five most populous metro areas, by ZIP3.
export const TYPICAL_DESTINATIONS = [
  { name: 'New York, NY', zip3: '100' },
  { name: 'Los Angeles, CA', zip3: '900' },
  { name: 'Chicago, IL', zip3: '606' },
  { name: 'Houston, TX', zip3: '770' },
  { name: 'Atlanta, GA', zip3: '303' },
];

type Promises = Map<string, { level: PromiseLevel; transitDays: number }>;
const RANK: Record<PromiseLevel, number> = { one_day: 1, two_day: 2, standard: 3 };

function merge(into: Promises, zip3: string, p: { level: PromiseLevel; transitDays: number }) {
  const had = into.get(zip3);
  if (!had || RANK[p.level] < RANK[had.level] || (p.level === had.level && p.transitDays < had.transitDays)) into.set(zip3, p);
}

const view = (promises: Promises, table: readonly Zip3Row[]): CoverageView => {
  const { states: _states, ...c } = coverageOf(promises, table);
  return c;
};

// The cut-off that applies on each weekday: the latest of the carriers' (an order before it can still ship that day).
export function cutoffsByWeekday(cutoffs: WeekCutoffs): Map<number, string> {
  const out = new Map<number, string>();
  for (const c of cutoffs) {
    if (!c.operating) continue;
    const had = out.get(c.weekday);
    if (!had || toMinutes(c.orderCutoff) > toMinutes(had)) out.set(c.weekday, c.orderCutoff);
  }
  return out;
}

// The share of orders placed before their day's cut-off (they ship that day); null without orders.
export function sameDayShare(orders: OrderTimes, byWeekday: ReadonlyMap<number, string>): number | null {
  let all = 0;
  let made = 0;
  for (const o of orders) {
    all += o.n;
    const c = byWeekday.get(o.weekday);
    if (c !== undefined && o.minute < toMinutes(c)) made += o.n;
  }
  return all ? made / all : null;
}

export function projectWhatIf(input: WhatIfInput): WhatIfResult {
  const table = input.zip3Table;
  const projectedServices = input.services.filter((s) => input.chosen.has(s.id)).map((s) => ({ ...s, maxZone: input.zones.get(s.id) ?? s.maxZone }));

  // Today: the templates' stored promises, as the daily evaluation measures them.
  const now: Promises = new Map();
  for (const t of input.templates) for (const p of t.promises) merge(now, p.zip3, p);
  // Projected: each template recomputed with the projected services (automated regions follow them, S20; a hand-made
  // template keeps its regions and re-plans them), or a first automated template from the chosen ship-from.
  const newTemplate = input.templates.length === 0;
  const templates: WhatIfTemplate[] = newTemplate ? [{ automated: true, shipFromZip3: input.shipFromZip3, regions: [], promises: [] }] : input.templates;
  const projected: Promises = new Map();
  for (const t of templates) {
    const promises = t.automated ? automateRegions(projectedServices, t.shipFromZip3, table) : resolveManualRegions(t.regions, projectedServices, t.shipFromZip3, table).promises;
    for (const p of promises.values()) merge(projected, p.zip3, p);
  }
  // Added states, promised at the chosen level from the chosen ship-from. Only where a projected service meets that
  // promise: a state no service can reach in time is listed as unmet rather than counted.
  const covered = new Set<string>();
  const unmet = new Set<string>();
  if (input.addStates.length > 0) {
    const regions = input.addStates.map((code) => ({ kind: 'state' as const, code, level: input.addLevel }));
    const { promises } = resolveManualRegions(regions, projectedServices, input.shipFromZip3, table);
    const need = input.addLevel === 'one_day' ? 1 : 2;
    const byZip3 = new Map(table.map((r) => [r.zip3, r]));
    for (const p of promises.values()) {
      const state = byZip3.get(p.zip3)!.state;
      const svc = projectedServices.find((s) => s.id === p.serviceId);
      if (svc && svc.transitDays[p.zone - 1] <= need) {
        merge(projected, p.zip3, { level: p.level, transitDays: svc.transitDays[p.zone - 1] });
        covered.add(state);
      } else unmet.add(state);
    }
    for (const st of input.addStates) if (!covered.has(st) && !unmet.has(st)) unmet.add(st);
  }
  for (const st of unmet) if (covered.has(st)) unmet.delete(st); // partly met: some ZIP3s of the state are covered

  const currentView = view(now, table);
  const projectedView = view(projected, table);
  const t = input.thresholds;

  const nowCutoffs = cutoffsByWeekday(input.cutoffs);
  const nextCutoffs = new Map(nowCutoffs);
  for (const wd of [1, 2, 3, 4, 5]) if (nextCutoffs.has(wd)) nextCutoffs.set(wd, input.proposed.weekdayCutoff);
  if (nextCutoffs.has(6)) nextCutoffs.set(6, input.proposed.saturdayCutoff);
  const weekdayNow = [1, 2, 3, 4, 5].map((d) => nowCutoffs.get(d)).find((c) => c !== undefined) ?? null;

  const days = (p: Promises, zip3: string) => {
    const x = p.get(zip3);
    return x ? x.transitDays : null;
  };
  return {
    current: currentView,
    projected: projectedView,
    meets: { oneDay: projectedView.oneDayShare >= t.oneDayCoverageMin, twoDay: projectedView.twoDayShare >= t.twoDayCoverageMin, nationwide: projectedView.nationwide },
    addedStates: { covered: [...covered].sort(), unmet: [...unmet].sort() },
    destinations: TYPICAL_DESTINATIONS.map((d) => ({ ...d, now: days(now, d.zip3), projected: days(projected, d.zip3) })),
    cutoffs: {
      weekdayOk: toMinutes(input.proposed.weekdayCutoff) >= toMinutes(t.weekdayCutoffEarliest),
      saturdayOk: toMinutes(input.proposed.saturdayCutoff) >= toMinutes(t.weekendCutoffEarliest),
      now: { weekday: weekdayNow, saturday: nowCutoffs.get(6) ?? null },
    },
    sameDay: { orders: input.orders.reduce((s, o) => s + o.n, 0), now: sameDayShare(input.orders, nowCutoffs), projected: sameDayShare(input.orders, nextCutoffs) },
    newTemplate,
  };
}
