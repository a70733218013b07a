import { addDays, endOfLocalDay, isFederalHoliday, localDateOf, weekdayOf, zonedInstant, type LocalDate } from '@/lib/calendar';
import type { CarrierService, WeekendCapability } from './carriers';
import { CONTIGUOUS_48_DC, type Zip3Row } from './geo';

// Pure shipping rules: zones, the delivery promise, handling-time validation (S7), size tiers, region automation
// (S20) and coverage. No I/O: every input is an argument.

// ---------- Zones ----------

const EARTH_RADIUS_MI = 3958.8;

export function greatCircleMiles(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MI * Math.asin(Math.min(1, Math.sqrt(h)));
}

// SPEC bands: 1: <= 50 mi, 2: 51-150, 3: 151-300, 4: 301-600, 5: 601-1000, 6: 1001-1400, 7: 1401-1800, 8: > 1800.
// Distances are rounded to whole miles first, so 50.4 is zone 1 and 50.6 zone 2 (the bands are in whole miles).
export function zoneForMiles(miles: number): number {
  const m = Math.round(miles);
  if (m <= 50) return 1;
  if (m <= 150) return 2;
  if (m <= 300) return 3;
  if (m <= 600) return 4;
  if (m <= 1000) return 5;
  if (m <= 1400) return 6;
  if (m <= 1800) return 7;
  return 8;
}

export type Zip3Lookup = (zip3: string) => Zip3Row | null;

export function zoneFor(fromZip3: string, toZip3: string, lookup: Zip3Lookup): number | null {
  const a = lookup(fromZip3);
  const b = lookup(toZip3);
  if (!a || !b) return null;
  return a.zip3 === b.zip3 ? 1 : zoneForMiles(greatCircleMiles(a, b));
}

// ---------- Carrier days ----------

export function weekendPickup(s: Pick<CarrierService, 'saturdayPickup' | 'sundayPickup' | 'saturdayDropOff' | 'sundayDropOff'>, weekday: number): WeekendCapability {
  if (weekday === 6) return best(s.saturdayPickup, s.saturdayDropOff);
  if (weekday === 0) return best(s.sundayPickup, s.sundayDropOff);
  return 'yes';
}
const rank: Record<WeekendCapability, number> = { no: 0, limited: 1, yes: 2 };
const best = (a: WeekendCapability, b: WeekendCapability) => (rank[a] >= rank[b] ? a : b);

// Whether the carrier takes parcels on a weekday: weekdays always; a weekend day when it picks up or accepts drop-offs
// ('limited' counts: the seller has set a pickup for that day, which is how limited service is arranged).
export function carrierAcceptsOn(s: Pick<CarrierService, 'saturdayPickup' | 'sundayPickup' | 'saturdayDropOff' | 'sundayDropOff'>, weekday: number): boolean {
  return weekendPickup(s, weekday) !== 'no';
}

// A service offers weekend delivery when it delivers on Saturday or Sunday and picks up on that weekend day (S3).
export function isWeekendDeliveryService(s: Pick<CarrierService, 'deliveryWeekdays' | 'saturdayPickup' | 'sundayPickup' | 'saturdayDropOff' | 'sundayDropOff'>): boolean {
  return (s.deliveryWeekdays.includes(6) && carrierAcceptsOn(s, 6)) || (s.deliveryWeekdays.includes(0) && carrierAcceptsOn(s, 0));
}

// ---------- Handling days (S7) ----------

export type HandlingDay = { weekday: number; operating: boolean; orderCutoff: string; lastPickup: string };

export const toMinutes = (t: string) => {
  const [h, m] = t.split(':').map(Number);
  return h * 60 + (m || 0);
};
export const hhmm = (t: string) => t.slice(0, 5);

export type HandlingIssue = { field: 'orderCutoff' | 'lastPickup'; level: 'error' | 'warning'; message: string };

// What a day is checked against: the program's earliest cut-offs and pickup (lib/config sfp), and whether the
// seller is held to the Prime rules. Built from the configuration by handlingPolicy, never from literals.
export type HandlingPolicy = { prime: boolean; weekdayCutoffEarliest: string; weekendCutoffEarliest: string; pickupEarliest: string };

// Whose handling the Prime rules bind: sellers in the program (trial, enrolled) and revoked sellers working back to
// it (S4: they can't offer Prime again until every term is met). Others are told the rule, never refused by it.
export function primeRulesApply(status: 'not_enrolled' | 'trial' | 'enrolled' | 'ineligible'): boolean {
  return status !== 'not_enrolled';
}

export function handlingPolicy(sfp: { weekdayCutoffEarliest: string; weekendCutoffEarliest: string; pickupEarliest: string }, prime: boolean): HandlingPolicy {
  return { prime, weekdayCutoffEarliest: sfp.weekdayCutoffEarliest, weekendCutoffEarliest: sfp.weekendCutoffEarliest, pickupEarliest: sfp.pickupEarliest };
}

// The S7 / SPEC checks of one carrier's day. Errors refuse the save for a Prime seller (a cut-off earlier than the
// program allows) or for anyone (a pickup before the cut-off); a pickup before the program's earliest is only flagged.
// A seller outside the program gets the early cut-off as a note that says it is a Prime requirement.
export function checkHandlingDay(d: HandlingDay, policy: HandlingPolicy): HandlingIssue[] {
  if (!d.operating) return [];
  const out: HandlingIssue[] = [];
  const weekend = d.weekday === 0 || d.weekday === 6;
  const earliest = weekend ? policy.weekendCutoffEarliest : policy.weekdayCutoffEarliest;
  if (!policy.prime && toMinutes(d.orderCutoff) < toMinutes(earliest)) {
    out.push({
      field: 'orderCutoff',
      level: 'warning',
      message: `Seller Fulfilled Prime requires a ${weekend ? 'weekend' : 'weekday'} cut-off of ${earliest} or later. You’re not in the program, so it is saved as it is; move it before you start a Prime trial.`,
    });
  } else if (toMinutes(d.orderCutoff) < toMinutes(earliest)) {
    out.push({
      field: 'orderCutoff',
      level: 'error',
      message: weekend
        ? `Seller Fulfilled Prime needs a weekend cut-off of ${earliest} or later, so weekend orders still ship the same day.`
        : `Seller Fulfilled Prime needs a weekday cut-off of ${earliest} or later, so orders placed in the afternoon still ship the same day.`,
    });
  }
  if (toMinutes(d.lastPickup) < toMinutes(d.orderCutoff)) {
    out.push({ field: 'lastPickup', level: 'error', message: 'The last pickup can’t be before the order cut-off: orders placed just before the cut-off would miss it.' });
  } else if (toMinutes(d.lastPickup) < toMinutes(policy.pickupEarliest)) {
    out.push({ field: 'lastPickup', level: 'warning', message: `A pickup before ${policy.pickupEarliest} leaves little time to pack the day’s orders.` });
  }
  return out;
}

// A location's week for one carrier: each day checked, a weekend day the location does not operate skipped.
export function checkHandlingWeek(days: readonly HandlingDay[], loc: { saturdayOperations: boolean; sundayOperations: boolean }, policy: HandlingPolicy): (HandlingIssue & { weekday: number })[] {
  return days.flatMap((d) => {
    const operates = d.operating && (d.weekday === 6 ? loc.saturdayOperations : d.weekday === 0 ? loc.sundayOperations : true);
    return checkHandlingDay({ ...d, operating: operates }, policy).map((i) => ({ ...i, weekday: d.weekday }));
  });
}

// ---------- The delivery promise ----------

export type DeliveryEstimateInput = {
  orderedAt: Date;
  tz: string; // the ship-from's zone: cut-offs and operating days are read in it
  // The planned carrier's handling days at the ship-from, by weekday (a missing weekday = not operating).
  cutoffs: HandlingDay[];
  service: Pick<CarrierService, 'transitDays' | 'deliveryWeekdays' | 'saturdayPickup' | 'sundayPickup' | 'saturdayDropOff' | 'sundayDropOff'>;
  zone: number;
  // Transit to promise, in the carrier's delivery days; defaults to the service's transit for the zone.
  transitDays?: number;
  handlingDays?: number; // 0 for Prime
  destinationTz?: string; // the destination's zone, for the delivery window; defaults to tz
  isHoliday?: (d: LocalDate) => boolean; // defaults to US federal holidays (observed)
  maxDays?: number;
};

export type DeliveryEstimate = {
  shipDate: LocalDate; // in the seller's zone
  latestShipAt: Date; // end of the ship date in the seller's zone
  deliveryDate: LocalDate; // in the destination's zone
  promisedDeliveryBy: Date; // end of the delivery date in the destination's zone
  pickupWindow: { start: Date; end: Date };
  deliveryWindow: { start: Date; end: Date };
  transitDays: number;
};

// SPEC default: handling time (0 days for Prime) plus the service's transit for the zone, from the next operating
// pickup after the order (an order after the cut-off ships the next operating day), skipping days the carrier does not
// pick up or deliver and US federal holidays. Null when no ship day exists within maxDays (nothing operates).
export function deliveryEstimate(input: DeliveryEstimateInput): DeliveryEstimate | null {
  const isHoliday = input.isHoliday ?? isFederalHoliday;
  const maxDays = input.maxDays ?? 21;
  const byWeekday = new Map(input.cutoffs.map((c) => [c.weekday, c]));
  const orderDay = localDateOf(input.orderedAt, input.tz);
  const shipsOn = (d: LocalDate) => {
    const wd = weekdayOf(d);
    const c = byWeekday.get(wd);
    return !!c && c.operating && carrierAcceptsOn(input.service, wd) && !isHoliday(d);
  };

  // The first ship day: today if the order is before today's cut-off, else the next day that ships.
  let shipDate: LocalDate | null = null;
  for (let i = 0; i <= maxDays; i++) {
    const d = addDays(orderDay, i);
    if (!shipsOn(d)) continue;
    if (i === 0 && input.orderedAt.getTime() >= zonedInstant(d, byWeekday.get(weekdayOf(d))!.orderCutoff, input.tz).getTime()) continue;
    shipDate = d;
    break;
  }
  if (!shipDate) return null;
  for (let h = input.handlingDays ?? 0, guard = 0; h > 0 && guard <= maxDays; guard++) {
    shipDate = addDays(shipDate, 1);
    if (shipsOn(shipDate)) h--;
  }

  const transitDays = input.transitDays ?? input.service.transitDays[Math.min(8, Math.max(1, input.zone)) - 1];
  let deliveryDate = shipDate;
  for (let left = transitDays, guard = 0; left > 0 && guard <= maxDays * 2; guard++) {
    deliveryDate = addDays(deliveryDate, 1);
    if (input.service.deliveryWeekdays.includes(weekdayOf(deliveryDate)) && !isHoliday(deliveryDate)) left--;
  }

  const day = byWeekday.get(weekdayOf(shipDate))!;
  const destTz = input.destinationTz ?? input.tz;
  const cutoffAt = zonedInstant(shipDate, day.orderCutoff, input.tz);
  return {
    shipDate,
    latestShipAt: endOfLocalDay(shipDate, input.tz),
    deliveryDate,
    promisedDeliveryBy: endOfLocalDay(deliveryDate, destTz),
    pickupWindow: { start: cutoffAt, end: zonedInstant(shipDate, day.lastPickup, input.tz) },
    deliveryWindow: { start: zonedInstant(deliveryDate, '08:00', destTz), end: zonedInstant(deliveryDate, '20:00', destTz) },
    transitDays,
  };
}

// ---------- Size tiers ----------

// SPEC: standard size is <= 20 lb and <= 18 x 14 x 8 in (longest, median, shortest side).
export function sizeTierOf(p: { lengthIn: number; widthIn: number; heightIn: number; weightOz: number }): 'standard' | 'oversize' {
  const [a, b, c] = [p.lengthIn, p.widthIn, p.heightIn].sort((x, y) => y - x);
  return p.weightOz <= 20 * 16 && a <= 18 && b <= 14 && c <= 8 ? 'standard' : 'oversize';
}

// ---------- Promise levels, region automation (S20) and coverage ----------

export type PromiseLevel = 'one_day' | 'two_day' | 'standard';
export const PROMISE_LABEL: Record<PromiseLevel, string> = { one_day: 'One-day', two_day: 'Two-day', standard: 'Standard' };

export function levelForTransit(days: number): PromiseLevel {
  return days <= 1 ? 'one_day' : days <= 2 ? 'two_day' : 'standard';
}
export const promiseDays = (l: PromiseLevel) => (l === 'one_day' ? 1 : l === 'two_day' ? 2 : null);

export type EnabledService = { id: string; transitDays: number[]; maxZone: number; rateBaseCents?: number; ratePerZoneCents?: number };
export type Zip3Promise = { zip3: string; level: PromiseLevel; serviceId: string; zone: number; transitDays: number };

const rateAt = (s: EnabledService, zone: number) => (s.rateBaseCents ?? 0) + (s.ratePerZoneCents ?? 0) * (zone - 1);

// The best promise the enabled services give each destination ZIP3 from the ship-from: the fastest service whose zone
// limit reaches it (the cheaper one on a tie). ZIP3s no service reaches are absent. Zones are computed once per ZIP3
// and services sorted by zone, so 911 ZIP3s x 10 services is a few thousand comparisons.
export function automateRegions(services: EnabledService[], shipFromZip3: string, zip3Table: readonly Zip3Row[]): Map<string, Zip3Promise> {
  const out = new Map<string, Zip3Promise>();
  const from = zip3Table.find((r) => r.zip3 === shipFromZip3);
  if (!from || services.length === 0) return out;
  for (const to of zip3Table) {
    const zone = to.zip3 === from.zip3 ? 1 : zoneForMiles(greatCircleMiles(from, to));
    let pick: EnabledService | null = null;
    for (const s of services) {
      if (zone > s.maxZone) continue;
      if (!pick) pick = s;
      else {
        const t = s.transitDays[zone - 1];
        const pt = pick.transitDays[zone - 1];
        if (t < pt || (t === pt && rateAt(s, zone) < rateAt(pick, zone))) pick = s;
      }
    }
    if (!pick) continue;
    const transitDays = pick.transitDays[zone - 1];
    out.set(to.zip3, { zip3: to.zip3, level: levelForTransit(transitDays), serviceId: pick.id, zone, transitDays });
  }
  return out;
}

export type ManualRegion = { kind: 'state' | 'zip3'; code: string; level: PromiseLevel };

// A hand-made template: each ZIP3 gets its ZIP3 entry, else its state's. The planned service is the cheapest enabled
// service within its zone limit whose transit meets the promise; if none does, the fastest one in reach (the seller
// promised more than their services give: the page says so). Standard promises plan the cheapest service in reach.
export function resolveManualRegions(regions: ManualRegion[], services: EnabledService[], shipFromZip3: string, zip3Table: readonly Zip3Row[]): { promises: Map<string, Zip3Promise>; unreachable: string[] } {
  const promises = new Map<string, Zip3Promise>();
  const unreachable = new Set<string>();
  const from = zip3Table.find((r) => r.zip3 === shipFromZip3);
  if (!from) return { promises, unreachable: [] };
  const byState = new Map(regions.filter((r) => r.kind === 'state').map((r) => [r.code, r.level]));
  const byZip3 = new Map(regions.filter((r) => r.kind === 'zip3').map((r) => [r.code, r.level]));
  for (const to of zip3Table) {
    const level = byZip3.get(to.zip3) ?? byState.get(to.state);
    if (!level) continue;
    const zone = to.zip3 === from.zip3 ? 1 : zoneForMiles(greatCircleMiles(from, to));
    const inReach = services.filter((s) => zone <= s.maxZone);
    // With no service in reach the promise can't be planned: the ZIP3 is left out and reported.
    if (inReach.length === 0) {
      unreachable.add(to.state);
      continue;
    }
    const need = promiseDays(level);
    const meeting = inReach.filter((s) => need === null || s.transitDays[zone - 1] <= need).sort((a, b) => rateAt(a, zone) - rateAt(b, zone));
    const pick = meeting[0] ?? [...inReach].sort((a, b) => a.transitDays[zone - 1] - b.transitDays[zone - 1])[0];
    if (!meeting[0]) unreachable.add(to.state);
    promises.set(to.zip3, { zip3: to.zip3, level, serviceId: pick.id, zone, transitDays: need ?? pick.transitDays[zone - 1] });
  }
  return { promises, unreachable: [...unreachable].sort() };
}

export type StateCoverage = { state: string; level: PromiseLevel | 'none'; shares: Record<PromiseLevel | 'none', number> };
export type Coverage = { oneDayShare: number; twoDayShare: number; nationwide: boolean; missingStates: string[]; states: StateCoverage[] };

// Population-weighted shares of US destinations promised within one and within two days; nationwide when every ZIP3
// of the 48 contiguous states and DC has a promise; per state, the promise most of its people get (for the map).
export function coverageOf(regions: Map<string, { level: PromiseLevel }>, zip3Table: readonly Zip3Row[]): Coverage {
  let total = 0;
  let one = 0;
  let two = 0;
  const perState = new Map<string, Record<PromiseLevel | 'none', number>>();
  for (const r of zip3Table) {
    const level = regions.get(r.zip3)?.level ?? 'none';
    total += r.weight;
    if (level === 'one_day') one += r.weight;
    if (level === 'one_day' || level === 'two_day') two += r.weight;
    let s = perState.get(r.state);
    if (!s) perState.set(r.state, (s = { one_day: 0, two_day: 0, standard: 0, none: 0 }));
    // A ZIP3 with no people on record (PO boxes only) still counts for "is this state covered".
    s[level] += r.weight || 1e-9;
  }
  const states: StateCoverage[] = [];
  const missing: string[] = [];
  for (const [state, s] of perState) {
    const sum = s.one_day + s.two_day + s.standard + s.none;
    const shares = { one_day: s.one_day / sum, two_day: s.two_day / sum, standard: s.standard / sum, none: s.none / sum };
    const level = (['one_day', 'two_day', 'standard', 'none'] as const).reduce((a, b) => (shares[b] > shares[a] ? b : a));
    states.push({ state, level, shares });
    if (s.none > 0 && (CONTIGUOUS_48_DC as readonly string[]).includes(state)) missing.push(state);
  }
  for (const st of CONTIGUOUS_48_DC) if (!perState.has(st)) missing.push(st);
  return {
    oneDayShare: total ? one / total : 0,
    twoDayShare: total ? two / total : 0,
    nationwide: missing.length === 0,
    missingStates: missing.sort(),
    states: states.sort((a, b) => a.state.localeCompare(b.state)),
  };
}

// S2: the Prime badge shows where the seller is Prime eligible and the promise is two days or less with free shipping.
export function showsPrimeBadge(p: { sellerEligible: boolean; level: PromiseLevel | null; freeShipping: boolean }): boolean {
  return p.sellerEligible && p.freeShipping && (p.level === 'one_day' || p.level === 'two_day');
}

// "Get it by Thursday, Nov 26" (the delivery date is a calendar day: formatted without any zone shift).
export function formatPromiseDate(d: LocalDate): string {
  const [y, m, day] = d.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day)).toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

// ---------- What the buyer is shown (product page, checkout) ----------

export type PromiseSource = 'entered' | 'saved' | 'default';

// A promise as the buyer reads it, ready to render on the server or in the browser (plain strings, no Dates): the
// date, the badge decision, and "Order within …" computed at `now`. `date: null`: no promise for that ZIP.
// `freshUntil`: the cut-off (epoch ms) after which this view no longer holds, when one is ahead.
export type PromiseView = { zip: string; source: PromiseSource; date: string | null; prime: boolean; orderWithin: string | null; freshUntil: number | null };

export function promiseViewOf(promise: { deliveryDate: LocalDate; prime: boolean; cutoffAt: Date | null } | null, zip: string, source: PromiseSource, now: Date): PromiseView {
  if (!promise) return { zip, source, date: null, prime: false, orderWithin: null, freshUntil: null };
  const left = promise.cutoffAt ? promise.cutoffAt.getTime() - now.getTime() : 0;
  let orderWithin: string | null = null;
  if (left > 0) {
    const h = Math.floor(left / 3_600_000);
    const m = Math.floor((left % 3_600_000) / 60_000);
    orderWithin = `${h > 0 ? `${h} hr${h === 1 ? '' : 's'} ` : ''}${m} min${m === 1 ? '' : 's'}`;
  }
  return { zip, source, date: formatPromiseDate(promise.deliveryDate), prime: promise.prime, orderWithin, freshUntil: left > 0 ? promise.cutoffAt!.getTime() : null };
}
