import { describe, expect, it } from 'vitest';
import { CARRIER_SERVICES } from '@/lib/shipping/carriers';
import { ZIP3_TABLE } from '@/lib/shipping/geo';
import { automateRegions, coverageOf, resolveManualRegions } from '@/lib/shipping/rules';
import { cutoffsByWeekday, projectWhatIf, sameDayShare, type WhatIfInput, type WhatIfTemplate } from './what-if-rules';

// The what-if projection on hand-built settings: a Denver warehouse (ZIP3 802).
const DENVER = '802';
const svc = (id: string, maxZone = 8) => {
  const s = CARRIER_SERVICES.find((c) => c.id === id)!;
  return { id: s.id, transitDays: s.transitDays, maxZone, rateBaseCents: s.rateBaseCents, ratePerZoneCents: s.ratePerZoneCents };
};
const ALL = CARRIER_SERVICES.map((s) => svc(s.id));
const weekdays = (cutoff: string, saturday: string | null = '11:00') =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, operating: weekday >= 1 && weekday <= 5 ? true : weekday === 6 && saturday !== null, orderCutoff: weekday === 6 ? (saturday ?? '11:00') : cutoff }));

// A template as the shipping domain stores it: automated from the saved services, or hand-made regions.
function automated(services: ReturnType<typeof svc>[]): WhatIfTemplate {
  return { automated: true, shipFromZip3: DENVER, regions: [], promises: [...automateRegions(services, DENVER, ZIP3_TABLE).values()] };
}
function manual(regions: WhatIfTemplate['regions'], services: ReturnType<typeof svc>[]): WhatIfTemplate {
  return { automated: false, shipFromZip3: DENVER, regions, promises: [...resolveManualRegions(regions, services, DENVER, ZIP3_TABLE).promises.values()] };
}

function input(over: Partial<WhatIfInput> & { saved?: ReturnType<typeof svc>[] }): WhatIfInput {
  const saved = over.saved ?? [svc('ups-ground')];
  return {
    zip3Table: ZIP3_TABLE,
    services: ALL.map((s) => saved.find((x) => x.id === s.id) ?? s),
    chosen: new Set(saved.map((s) => s.id)),
    zones: new Map(),
    templates: [automated(saved)],
    shipFromZip3: DENVER,
    addStates: [],
    addLevel: 'two_day',
    cutoffs: weekdays('14:00'),
    proposed: { weekdayCutoff: '14:00', saturdayCutoff: '11:00' },
    orders: [],
    thresholds: { oneDayCoverageMin: 0.3, twoDayCoverageMin: 0.74, weekdayCutoffEarliest: '14:00', weekendCutoffEarliest: '10:30' },
    ...over,
  };
}

describe('what-if: services and zone limits', () => {
  it('changes nothing when nothing changes: the projection equals today', () => {
    const r = projectWhatIf(input({}));
    expect(r.projected).toEqual(r.current);
    expect(r.newTemplate).toBe(false);
  });

  it('adding a next-day air service raises one-day and two-day speed from the automated template', () => {
    const r = projectWhatIf(input({ chosen: new Set(['ups-ground', 'ups-next-day-air']) }));
    expect(r.current.oneDayShare).toBeLessThan(0.1);
    expect(r.projected.oneDayShare).toBeCloseTo(1, 5);
    expect(r.meets).toEqual({ oneDay: true, twoDay: true, nationwide: true });
    // The promise to New York drops from ground's transit to one day.
    const ny = r.destinations.find((d) => d.zip3 === '100')!;
    expect(ny.now).toBeGreaterThanOrEqual(3);
    expect(ny.projected).toBe(1);
  });

  it('widening a zone limit brings the missing states back', () => {
    const limited = [svc('ups-ground', 4)];
    const r = projectWhatIf(input({ saved: limited, zones: new Map([['ups-ground', 8]]) }));
    expect(r.current.nationwide).toBe(false);
    expect(r.current.missingStates).toContain('NY');
    expect(r.projected.nationwide).toBe(true);
    // Denver to New York is zone 7: UPS Ground's four days.
    expect(r.destinations.find((d) => d.zip3 === '100')).toMatchObject({ now: null, projected: 4 });
  });

  it('a hand-made template keeps its regions and re-plans them with the projected services', () => {
    const saved = [svc('ups-ground'), svc('ups-2nd-day-air')];
    const t = manual([{ kind: 'state', code: 'TX', level: 'two_day' }], saved);
    const r = projectWhatIf(input({ saved, templates: [t], chosen: new Set(['ups-ground']) }));
    // Texas only, either way: coverage is the regions', whatever service plans them.
    expect(r.projected.missingStates).toEqual(r.current.missingStates);
    expect(r.projected.missingStates).toHaveLength(48);
  });

  it('no template yet: the projection is a first automated template from the chosen ship-from, and says so', () => {
    const r = projectWhatIf(input({ templates: [], chosen: new Set(['ups-2nd-day-air']) }));
    expect(r.newTemplate).toBe(true);
    expect(r.current).toMatchObject({ oneDayShare: 0, twoDayShare: 0, nationwide: false });
    expect(r.projected.twoDayShare).toBeCloseTo(1, 5);
  });
});

describe('what-if: adding states to the Prime template regions', () => {
  const saved = [svc('ups-ground'), svc('ups-2nd-day-air')];
  const rockies = () => manual(['CO', 'WY', 'UT'].map((code) => ({ kind: 'state' as const, code, level: 'two_day' as const })), saved);

  it('adds the states at two days where a chosen service delivers in time, and counts them in coverage', () => {
    const r = projectWhatIf(input({ saved, templates: [rockies()], addStates: ['NY', 'NJ'] }));
    expect(r.addedStates).toEqual({ covered: ['NJ', 'NY'], unmet: [] });
    expect(r.current.missingStates).toContain('NY');
    expect(r.projected.missingStates).not.toContain('NY');
    expect(r.projected.missingStates).toHaveLength(r.current.missingStates.length - 2);
    expect(r.projected.twoDayShare).toBeGreaterThan(r.current.twoDayShare);
    expect(r.destinations.find((d) => d.zip3 === '100')).toMatchObject({ now: null, projected: 2 });
    // The same as the shipping domain computes for a template with those regions.
    const { states: _s, ...expected } = coverageOf(
      resolveManualRegions(['CO', 'WY', 'UT', 'NY', 'NJ'].map((code) => ({ kind: 'state' as const, code, level: 'two_day' as const })), saved, DENVER, ZIP3_TABLE).promises,
      ZIP3_TABLE,
    );
    expect(r.projected.twoDayShare).toBeCloseTo(expected.twoDayShare, 9);
  });

  it('a state no chosen service reaches in time is listed as unmet and not counted', () => {
    const groundOnly = [svc('ups-ground')];
    const r = projectWhatIf(input({ saved: groundOnly, templates: [manual([{ kind: 'state', code: 'CO', level: 'standard' }], groundOnly)], addStates: ['NY'], addLevel: 'one_day' }));
    expect(r.addedStates).toEqual({ covered: [], unmet: ['NY'] });
    expect(r.projected.missingStates).toContain('NY');
    expect(r.projected.oneDayShare).toBe(r.current.oneDayShare);
  });
});

describe('what-if: cut-offs and the orders that would have made them', () => {
  // Tuesdays: 10 orders at 13:00, 30 at 14:30; Saturdays: 5 at 10:45; Sundays: 5 (never same day).
  const orders = [
    { weekday: 2, minute: 13 * 60, n: 10 },
    { weekday: 2, minute: 14 * 60 + 30, n: 30 },
    { weekday: 6, minute: 10 * 60 + 45, n: 5 },
    { weekday: 0, minute: 12 * 60, n: 5 },
  ];

  it('a later weekday cut-off: the share of last month’s orders that would have shipped the same day', () => {
    const r = projectWhatIf(input({ orders, proposed: { weekdayCutoff: '15:00', saturdayCutoff: '11:00' } }));
    expect(r.sameDay).toEqual({ orders: 50, now: 15 / 50, projected: 45 / 50 });
    expect(r.cutoffs).toEqual({ weekdayOk: true, saturdayOk: true, now: { weekday: '14:00', saturday: '11:00' } });
  });

  it('an earlier Saturday cut-off loses Saturday orders and breaks the program’s earliest time', () => {
    const r = projectWhatIf(input({ orders, proposed: { weekdayCutoff: '14:00', saturdayCutoff: '10:00' } }));
    expect(r.sameDay.projected).toBe(10 / 50);
    expect(r.cutoffs.saturdayOk).toBe(false);
    expect(r.cutoffs.weekdayOk).toBe(true);
  });

  it('a Saturday cut-off changes nothing where the location does not operate on Saturdays', () => {
    const r = projectWhatIf(input({ orders, cutoffs: weekdays('14:00', null), proposed: { weekdayCutoff: '14:00', saturdayCutoff: '12:00' } }));
    expect(r.sameDay.now).toBe(10 / 50);
    expect(r.sameDay.projected).toBe(10 / 50);
    expect(r.cutoffs.now.saturday).toBeNull();
  });

  it('no orders: nothing to measure; the latest carrier’s cut-off is the day’s', () => {
    expect(sameDayShare([], new Map([[2, '14:00']]))).toBeNull();
    const byDay = cutoffsByWeekday([
      { weekday: 2, operating: true, orderCutoff: '14:00' },
      { weekday: 2, operating: true, orderCutoff: '16:30' },
      { weekday: 3, operating: false, orderCutoff: '18:00' },
    ]);
    expect([...byDay]).toEqual([[2, '16:30']]);
  });
});
