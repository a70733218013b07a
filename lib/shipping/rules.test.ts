import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, localDateOf, weekdayOf, zonedInstant } from '@/lib/calendar';
import { parseConfig } from '@/lib/config';
import { CARRIER_SERVICES } from './carriers';
import { CONTIGUOUS_48_DC, ZIP3_TABLE, zip3Of, zip3Row } from './geo';
import {
  automateRegions,
  carrierAcceptsOn,
  checkHandlingDay,
  checkHandlingWeek,
  coverageOf,
  deliveryEstimate,
  greatCircleMiles,
  handlingPolicy,
  isWeekendDeliveryService,
  levelForTransit,
  promiseViewOf,
  resolveManualRegions,
  showsPrimeBadge,
  sizeTierOf,
  zoneFor,
  zoneForMiles,
  type HandlingDay,
} from './rules';

const svc = (id: string) => CARRIER_SERVICES.find((s) => s.id === id)!;
const week = (cutoff: string, lastPickup = '17:00', days = [1, 2, 3, 4, 5]): HandlingDay[] =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, operating: days.includes(weekday), orderCutoff: cutoff, lastPickup }));

describe('zones from great-circle distance', () => {
  it('applies the SPEC bands at their edges', () => {
    expect([0, 50, 50.4, 51, 150, 151, 300, 301, 600, 601, 1000, 1001, 1400, 1401, 1800, 1801, 2900].map(zoneForMiles)).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8]);
  });

  it('measures real distances between ZIP3 centroids', () => {
    // New York (100) to Los Angeles (900) is about 2,450 miles: zone 8. Newark (071) to Manhattan (100): zone 1.
    const ny = zip3Row('100')!;
    const la = zip3Row('900')!;
    expect(greatCircleMiles(ny, la)).toBeGreaterThan(2350);
    expect(greatCircleMiles(ny, la)).toBeLessThan(2550);
    expect(zoneFor('100', '900', zip3Row)).toBe(8);
    expect(zoneFor('071', '100', zip3Row)).toBe(1);
    expect(zoneFor('100', '100', zip3Row)).toBe(1);
    // Denver (802) to Chicago (606) is about 900 miles: zone 5.
    expect(zoneFor('802', '606', zip3Row)).toBe(5);
    expect(zoneFor('802', 'xyz', zip3Row)).toBeNull();
  });

  it('zones are symmetric and grow with distance', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZIP3_TABLE), fc.constantFrom(...ZIP3_TABLE), (a, b) => {
        expect(zoneFor(a.zip3, b.zip3, zip3Row)).toBe(zoneFor(b.zip3, a.zip3, zip3Row));
      }),
      { numRuns: 200 },
    );
    fc.assert(fc.property(fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), (x, y) => (x <= y ? zoneForMiles(x) <= zoneForMiles(y) : zoneForMiles(x) >= zoneForMiles(y))));
  });

  it('reads ZIP and ZIP+4, refuses what is not a US ZIP we deliver to', () => {
    expect(zip3Of('94105')).toBe('941');
    expect(zip3Of(' 94105-1234 ')).toBe('941');
    expect(zip3Of('9410')).toBeNull();
    expect(zip3Of('00901')).toBeNull(); // Puerto Rico is not in the table
  });
});

describe('the S17 weekend matrix', () => {
  it('matches the seed table for every service', () => {
    const m = Object.fromEntries(CARRIER_SERVICES.map((s) => [s.id, [s.saturdayPickup, s.saturdayDropOff, s.sundayPickup, s.sundayDropOff].join('/')]));
    expect(m['ups-ground']).toBe('limited/no/limited/no');
    expect(m['fedex-ground']).toBe('limited/no/limited/no');
    expect(m['ups-2nd-day-air']).toBe('yes/yes/no/no');
    expect(m['ups-next-day-air']).toBe('yes/yes/no/no');
    expect(m['fedex-home-delivery']).toBe('no/no/no/no');
    expect(m['fedex-2day']).toBe('yes/yes/no/no');
    expect(m['fedex-standard-overnight']).toBe('yes/yes/no/no');
    for (const id of ['usps-ground-advantage', 'usps-priority-mail', 'usps-priority-mail-express']) expect(m[id]).toBe('yes/yes/limited/limited');
  });

  it('says which services take parcels and deliver at weekends', () => {
    expect(carrierAcceptsOn(svc('ups-ground'), 6)).toBe(true); // limited pickup
    expect(carrierAcceptsOn(svc('fedex-home-delivery'), 6)).toBe(false);
    expect(carrierAcceptsOn(svc('ups-2nd-day-air'), 0)).toBe(false);
    expect(carrierAcceptsOn(svc('usps-priority-mail'), 0)).toBe(true);
    expect(isWeekendDeliveryService(svc('usps-priority-mail'))).toBe(true);
    expect(isWeekendDeliveryService(svc('ups-2nd-day-air'))).toBe(true);
    expect(isWeekendDeliveryService(svc('ups-ground'))).toBe(false);
    expect(isWeekendDeliveryService(svc('fedex-home-delivery'))).toBe(false);
  });

  it('flags the service under a special operating plan', () => {
    expect(CARRIER_SERVICES.filter((s) => s.specialOperatingPlan).map((s) => s.id)).toEqual(['ontrac-ground']);
  });
});

describe('handling days (S7)', () => {
  const opts = handlingPolicy(parseConfig({}).sfp, true);
  it('refuses a weekday cut-off before 14:00 for Prime, and says why', () => {
    const issues = checkHandlingDay({ weekday: 2, operating: true, orderCutoff: '13:00', lastPickup: '17:00' }, opts);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'orderCutoff', level: 'error' });
    expect(issues[0].message).toContain('14:00');
    // Outside the program it is a note that names the Prime requirement, never a refusal.
    expect(checkHandlingDay({ weekday: 2, operating: true, orderCutoff: '13:00', lastPickup: '17:00' }, { ...opts, prime: false })).toEqual([
      { field: 'orderCutoff', level: 'warning', message: 'Seller Fulfilled Prime requires a weekday cut-off of 14:00 or later. You’re not in the program, so it is saved as it is; move it before you start a Prime trial.' },
    ]);
  });
  it('a Saturday cut-off may be as early as 10:30', () => {
    expect(checkHandlingDay({ weekday: 6, operating: true, orderCutoff: '10:30', lastPickup: '16:00' }, opts)).toEqual([]);
    expect(checkHandlingDay({ weekday: 6, operating: true, orderCutoff: '10:00', lastPickup: '16:00' }, opts)[0].message).toContain('10:30');
  });
  it('refuses a pickup before the cut-off and flags a pickup before 16:00', () => {
    expect(checkHandlingDay({ weekday: 3, operating: true, orderCutoff: '15:00', lastPickup: '14:30' }, opts)).toMatchObject([{ field: 'lastPickup', level: 'error' }]);
    expect(checkHandlingDay({ weekday: 3, operating: true, orderCutoff: '14:00', lastPickup: '15:30' }, opts)).toMatchObject([{ field: 'lastPickup', level: 'warning' }]);
  });
  it('a day the seller does not operate has nothing to check', () => {
    expect(checkHandlingDay({ weekday: 3, operating: false, orderCutoff: '09:00', lastPickup: '08:00' }, opts)).toEqual([]);
  });
  it('checks against the configured cut-offs and pickup, not fixed times', () => {
    const strict = handlingPolicy(parseConfig({ SFP_PICKUP_EARLIEST: '17:30', SFP_WEEKDAY_CUTOFF_EARLIEST: '15:00', SFP_WEEKEND_CUTOFF_EARLIEST: '11:00' }).sfp, true);
    // A 17:00 pickup passes the default 16:00 but is flagged against 17:30, and the note names 17:30.
    expect(checkHandlingDay({ weekday: 3, operating: true, orderCutoff: '15:00', lastPickup: '17:00' }, opts)).toEqual([]);
    expect(checkHandlingDay({ weekday: 3, operating: true, orderCutoff: '15:00', lastPickup: '17:00' }, strict)).toEqual([{ field: 'lastPickup', level: 'warning', message: 'A pickup before 17:30 leaves little time to pack the day’s orders.' }]);
    expect(checkHandlingDay({ weekday: 2, operating: true, orderCutoff: '14:30', lastPickup: '18:00' }, strict)[0]).toMatchObject({ field: 'orderCutoff', level: 'error', message: expect.stringContaining('15:00 or later') });
    expect(checkHandlingDay({ weekday: 6, operating: true, orderCutoff: '10:45', lastPickup: '18:00' }, strict)[0].message).toContain('11:00 or later');
    // The week: a Sunday the location does not operate is not checked; Monday's early pickup is reported as Monday's.
    const week = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, operating: true, orderCutoff: weekday === 0 ? '09:00' : '15:00', lastPickup: weekday === 1 ? '17:00' : '18:00' }));
    expect(checkHandlingWeek(week, { saturdayOperations: true, sundayOperations: false }, strict)).toEqual([{ field: 'lastPickup', level: 'warning', message: 'A pickup before 17:30 leaves little time to pack the day’s orders.', weekday: 1 }]);
  });
});

describe('the delivery promise', () => {
  const NY = 'America/New_York';
  const ground = svc('ups-ground');
  const priority = svc('usps-priority-mail');

  it('an order before the cut-off ships the same day; after it, the next operating day', () => {
    // Tuesday 24 Nov 2026, cut-off 14:00 New York.
    const before = deliveryEstimate({ orderedAt: zonedInstant('2026-11-24', '13:59', NY), tz: NY, cutoffs: week('14:00'), service: priority, zone: 4 })!;
    expect(before.shipDate).toBe('2026-11-24');
    expect(before.deliveryDate).toBe('2026-11-27'); // Priority zone 4 = 2 days; Thursday is Thanksgiving
    const after = deliveryEstimate({ orderedAt: zonedInstant('2026-11-24', '14:00', NY), tz: NY, cutoffs: week('14:00'), service: priority, zone: 4 })!;
    expect(after.shipDate).toBe('2026-11-25');
    expect(after.deliveryDate).toBe('2026-11-28'); // Thursday holiday skipped, USPS delivers Friday and Saturday
    expect(after.latestShipAt.toISOString()).toBe('2026-11-26T04:59:59.999Z');
    expect(after.pickupWindow.end.toISOString()).toBe('2026-11-25T22:00:00.000Z'); // 17:00 EST
  });

  it('a Friday evening order waits for Monday when the seller does not work weekends, and UPS Ground does not deliver Saturday', () => {
    const e = deliveryEstimate({ orderedAt: zonedInstant('2026-11-13', '18:00', NY), tz: NY, cutoffs: week('14:00'), service: ground, zone: 2 })!;
    expect(e.shipDate).toBe('2026-11-16');
    expect(e.deliveryDate).toBe('2026-11-17');
    // Thursday ship, zone 3 (2 days): Friday, then Monday (no Saturday delivery for UPS Ground).
    const t = deliveryEstimate({ orderedAt: zonedInstant('2026-11-12', '09:00', NY), tz: NY, cutoffs: week('14:00'), service: ground, zone: 3 })!;
    expect(t.deliveryDate).toBe('2026-11-16');
  });

  it('a Saturday operation ships Saturday with a carrier that takes parcels then, not with FedEx Home Delivery', () => {
    const six = week('14:00', '17:00', [1, 2, 3, 4, 5, 6]).map((d) => (d.weekday === 6 ? { ...d, orderCutoff: '10:30', lastPickup: '13:00' } : d));
    const sat = zonedInstant('2026-11-14', '09:00', NY);
    expect(deliveryEstimate({ orderedAt: sat, tz: NY, cutoffs: six, service: priority, zone: 2 })!.shipDate).toBe('2026-11-14');
    expect(deliveryEstimate({ orderedAt: sat, tz: NY, cutoffs: six, service: svc('fedex-home-delivery'), zone: 2 })!.shipDate).toBe('2026-11-16');
    // After the 10:30 Saturday cut-off: Monday.
    expect(deliveryEstimate({ orderedAt: zonedInstant('2026-11-14', '10:31', NY), tz: NY, cutoffs: six, service: priority, zone: 2 })!.shipDate).toBe('2026-11-16');
  });

  it('skips federal holidays for shipping and delivery (Christmas 2026 is a Friday)', () => {
    const e = deliveryEstimate({ orderedAt: zonedInstant('2026-12-24', '15:00', NY), tz: NY, cutoffs: week('14:00'), service: ground, zone: 1 })!;
    expect(e.shipDate).toBe('2026-12-28');
    expect(e.deliveryDate).toBe('2026-12-29');
  });

  it('reads the cut-off in the seller zone: the same instant is before the cut-off in LA and after it in NY', () => {
    const t = new Date('2026-11-24T20:00:00Z'); // 15:00 New York, 12:00 Los Angeles
    expect(deliveryEstimate({ orderedAt: t, tz: NY, cutoffs: week('14:00'), service: ground, zone: 1 })!.shipDate).toBe('2026-11-25');
    expect(deliveryEstimate({ orderedAt: t, tz: 'America/Los_Angeles', cutoffs: week('14:00'), service: ground, zone: 1 })!.shipDate).toBe('2026-11-24');
    expect(deliveryEstimate({ orderedAt: t, tz: 'Pacific/Honolulu', cutoffs: week('14:00'), service: ground, zone: 1 })!.shipDate).toBe('2026-11-24');
  });

  it('keeps the local cut-off across DST: 14:00 is 18:00 UTC in summer and 19:00 UTC in winter', () => {
    const summer = deliveryEstimate({ orderedAt: new Date('2026-10-30T18:30:00Z'), tz: NY, cutoffs: week('14:00'), service: ground, zone: 1 })!; // 14:30 EDT
    expect(summer.shipDate).toBe('2026-11-02');
    const winter = deliveryEstimate({ orderedAt: new Date('2026-11-02T18:30:00Z'), tz: NY, cutoffs: week('14:00'), service: ground, zone: 1 })!; // 13:30 EST
    expect(winter.shipDate).toBe('2026-11-02');
    expect(winter.pickupWindow.start.toISOString()).toBe('2026-11-02T19:00:00.000Z');
    // Chicago in spring: Sunday 8 March 2026 is the change; Monday 13:59 CDT still ships Monday.
    const spring = deliveryEstimate({ orderedAt: zonedInstant('2026-03-09', '13:59', 'America/Chicago'), tz: 'America/Chicago', cutoffs: week('14:00'), service: ground, zone: 1 })!;
    expect(spring.shipDate).toBe('2026-03-09');
  });

  it('handling days push the ship day by operating days', () => {
    const e = deliveryEstimate({ orderedAt: zonedInstant('2026-11-20', '10:00', NY), tz: NY, cutoffs: week('14:00'), service: ground, zone: 1, handlingDays: 1 })!;
    expect(e.shipDate).toBe('2026-11-23');
  });

  it('nothing operates: no promise', () => {
    expect(deliveryEstimate({ orderedAt: new Date(), tz: NY, cutoffs: week('14:00', '17:00', []), service: ground, zone: 1 })).toBeNull();
  });

  const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'Pacific/Honolulu', 'America/Anchorage'];
  const arb = fc.record({
    orderedAt: fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
    tz: fc.constantFrom(...zones),
    cutoffMin: fc.integer({ min: 8 * 60, max: 20 * 60 }),
    later: fc.integer({ min: 0, max: 180 }),
    days: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
    serviceId: fc.constantFrom(...CARRIER_SERVICES.map((s) => s.id)),
    zone: fc.integer({ min: 1, max: 8 }),
  });
  const t = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

  it('property: the promise never precedes the order, ships on an operating day, and delivers on a carrier day', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const s = svc(a.serviceId);
        const e = deliveryEstimate({ orderedAt: a.orderedAt, tz: a.tz, cutoffs: week(t(a.cutoffMin), '23:00', a.days), service: s, zone: a.zone });
        if (!e) return; // only when no operating day is one the carrier takes parcels on
        expect(e.latestShipAt.getTime()).toBeGreaterThan(a.orderedAt.getTime());
        expect(e.shipDate >= localDateOf(a.orderedAt, a.tz)).toBe(true);
        expect(e.deliveryDate > e.shipDate).toBe(true);
        expect(a.days).toContain(weekdayOf(e.shipDate));
        expect(s.deliveryWeekdays).toContain(weekdayOf(e.deliveryDate));
        expect(e.pickupWindow.start.getTime()).toBeGreaterThan(a.orderedAt.getTime() - 1);
      }),
      { numRuns: 500 },
    );
  });

  it('property: moving the cut-off later never makes a promise later', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const s = svc(a.serviceId);
        const early = deliveryEstimate({ orderedAt: a.orderedAt, tz: a.tz, cutoffs: week(t(a.cutoffMin), '23:30', a.days), service: s, zone: a.zone });
        const late = deliveryEstimate({ orderedAt: a.orderedAt, tz: a.tz, cutoffs: week(t(Math.min(23 * 60, a.cutoffMin + a.later)), '23:30', a.days), service: s, zone: a.zone });
        if (!early) {
          expect(late).toBeNull();
          return;
        }
        expect(late!.shipDate <= early.shipDate).toBe(true);
        expect(late!.deliveryDate <= early.deliveryDate).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('property: a week of orders never promises more than transit + a week of waiting', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const s = svc(a.serviceId);
        const e = deliveryEstimate({ orderedAt: a.orderedAt, tz: a.tz, cutoffs: week(t(a.cutoffMin), '23:00', [1, 2, 3, 4, 5]), service: s, zone: a.zone })!;
        expect(e.deliveryDate <= addDays(localDateOf(a.orderedAt, a.tz), 7 + 2 * s.transitDays[a.zone - 1] + 4)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('size tiers', () => {
  it('standard is at most 20 lb and 18 x 14 x 8 in, in any orientation', () => {
    expect(sizeTierOf({ lengthIn: 18, widthIn: 14, heightIn: 8, weightOz: 320 })).toBe('standard');
    expect(sizeTierOf({ lengthIn: 8, widthIn: 18, heightIn: 14, weightOz: 16 })).toBe('standard');
    expect(sizeTierOf({ lengthIn: 18, widthIn: 14, heightIn: 8.5, weightOz: 16 })).toBe('oversize');
    expect(sizeTierOf({ lengthIn: 10, widthIn: 10, heightIn: 10, weightOz: 16 })).toBe('oversize'); // two sides over 8
    expect(sizeTierOf({ lengthIn: 12, widthIn: 9, heightIn: 6, weightOz: 321 })).toBe('oversize');
  });
});

describe('region automation (S20) and coverage', () => {
  const enabled = (ids: string[], maxZone = 8) => ids.map((id) => ({ ...svc(id), maxZone }));

  it('ground only from Denver: nationwide, little one-day, some two-day', () => {
    const r = automateRegions(enabled(['ups-ground']), '802', ZIP3_TABLE);
    expect(r.size).toBe(ZIP3_TABLE.length);
    const c = coverageOf(r, ZIP3_TABLE);
    expect(c.nationwide).toBe(true);
    expect(c.missingStates).toEqual([]);
    expect(c.oneDayShare).toBeLessThan(0.05);
    expect(c.twoDayShare).toBeLessThan(0.3);
    expect(r.get('802')).toMatchObject({ level: 'one_day', zone: 1, serviceId: 'ups-ground' });
  });

  it('adding a service or widening a limit raises one-day and two-day coverage', () => {
    const ground = coverageOf(automateRegions(enabled(['ups-ground']), '802', ZIP3_TABLE), ZIP3_TABLE);
    const withAir = coverageOf(automateRegions(enabled(['ups-ground', 'ups-2nd-day-air']), '802', ZIP3_TABLE), ZIP3_TABLE);
    expect(withAir.twoDayShare).toBeGreaterThan(ground.twoDayShare);
    expect(withAir.twoDayShare).toBeCloseTo(1, 5);
    const narrow = coverageOf(automateRegions([...enabled(['ups-ground']), { ...svc('ups-next-day-air'), maxZone: 3 }], '802', ZIP3_TABLE), ZIP3_TABLE);
    const wide = coverageOf(automateRegions([...enabled(['ups-ground']), { ...svc('ups-next-day-air'), maxZone: 8 }], '802', ZIP3_TABLE), ZIP3_TABLE);
    expect(wide.oneDayShare).toBeGreaterThan(narrow.oneDayShare);
    expect(wide.oneDayShare).toBeCloseTo(1, 5);
  });

  it('a zone limit leaves the far states out and names them', () => {
    const c = coverageOf(automateRegions(enabled(['ups-ground'], 4), '100', ZIP3_TABLE), ZIP3_TABLE);
    expect(c.nationwide).toBe(false);
    expect(c.missingStates).toContain('CA');
    expect(c.missingStates).not.toContain('NY');
    expect(c.missingStates).not.toContain('HI'); // not part of the 48 + DC check
  });

  it('property: coverage only grows when services are added', () => {
    fc.assert(
      fc.property(fc.subarray(CARRIER_SERVICES.map((s) => s.id), { minLength: 1 }), fc.constantFrom('100', '802', '941', '606', '331'), fc.integer({ min: 1, max: 8 }), (ids, from, maxZone) => {
        const some = coverageOf(automateRegions(enabled(ids.slice(0, 1), maxZone), from, ZIP3_TABLE), ZIP3_TABLE);
        const all = coverageOf(automateRegions(enabled(ids, maxZone), from, ZIP3_TABLE), ZIP3_TABLE);
        expect(all.oneDayShare).toBeGreaterThanOrEqual(some.oneDayShare - 1e-12);
        expect(all.twoDayShare).toBeGreaterThanOrEqual(some.twoDayShare - 1e-12);
        expect(all.missingStates.length).toBeLessThanOrEqual(some.missingStates.length);
        expect(all.twoDayShare).toBeGreaterThanOrEqual(all.oneDayShare);
      }),
      { numRuns: 60 },
    );
  });

  it('manual regions: a ZIP3 overrides its state; an unplannable promise is reported', () => {
    const { promises, unreachable } = resolveManualRegions(
      [
        { kind: 'state', code: 'CO', level: 'two_day' },
        { kind: 'zip3', code: '802', level: 'one_day' },
        { kind: 'state', code: 'NY', level: 'one_day' },
      ],
      enabled(['ups-ground', 'ups-2nd-day-air']),
      '802',
      ZIP3_TABLE,
    );
    expect(promises.get('802')).toMatchObject({ level: 'one_day', serviceId: 'ups-ground' });
    expect(promises.get('805')?.level).toBe('two_day');
    expect(promises.get('100')?.level).toBe('one_day');
    expect(unreachable).toEqual(['NY']); // nothing enabled reaches New York in one day from Denver
    const c = coverageOf(promises, ZIP3_TABLE);
    expect(c.nationwide).toBe(false);
    expect(c.missingStates).toHaveLength(CONTIGUOUS_48_DC.length - 2);
    expect(c.states.find((s) => s.state === 'CO')!.level).toBe('two_day');
  });

  it('population weighting: one-day over California alone is roughly its share of the US (about 12%)', () => {
    const ca = new Map(ZIP3_TABLE.filter((r) => r.state === 'CA').map((r) => [r.zip3, { level: 'one_day' as const }]));
    const c = coverageOf(ca, ZIP3_TABLE);
    expect(c.oneDayShare).toBeGreaterThan(0.1);
    expect(c.oneDayShare).toBeLessThan(0.13);
  });

  it('transit maps to levels and the badge needs eligibility, two days or less, and free shipping (S2)', () => {
    expect([1, 2, 3, 5].map(levelForTransit)).toEqual(['one_day', 'two_day', 'standard', 'standard']);
    expect(showsPrimeBadge({ sellerEligible: true, level: 'two_day', freeShipping: true })).toBe(true);
    expect(showsPrimeBadge({ sellerEligible: true, level: 'standard', freeShipping: true })).toBe(false);
    expect(showsPrimeBadge({ sellerEligible: false, level: 'one_day', freeShipping: true })).toBe(false);
    expect(showsPrimeBadge({ sellerEligible: true, level: 'one_day', freeShipping: false })).toBe(false);
    // No promise for the destination (a ZIP we can't deliver to): no badge, on a card or a product page.
    expect(showsPrimeBadge({ sellerEligible: true, level: null, freeShipping: true })).toBe(false);
  });
});

describe('what the buyer is shown', () => {
  it('a promise becomes a date, the badge and "Order within" until the cut-off; no promise says so', () => {
    const now = new Date('2026-03-10T15:00:00Z');
    const view = promiseViewOf({ deliveryDate: '2026-03-12', prime: true, cutoffAt: new Date('2026-03-10T17:05:00Z') }, '94105', 'entered', now);
    // It holds until the cut-off (a cached page must not show it longer: lib/http/page-cache.ts).
    expect(view).toEqual({ zip: '94105', source: 'entered', date: 'Thursday, March 12', prime: true, orderWithin: '2 hrs 5 mins', freshUntil: Date.parse('2026-03-10T17:05:00Z') });
    expect(promiseViewOf({ deliveryDate: '2026-03-12', prime: false, cutoffAt: new Date('2026-03-10T15:01:00Z') }, '10001', 'saved', now).orderWithin).toBe('1 min');
    // Past the cut-off (or shipping another day): no countdown.
    const past = promiseViewOf({ deliveryDate: '2026-03-13', prime: false, cutoffAt: new Date('2026-03-10T14:00:00Z') }, '10001', 'saved', now);
    expect([past.orderWithin, past.freshUntil]).toEqual([null, null]);
    expect(promiseViewOf(null, '00901', 'entered', now)).toEqual({ zip: '00901', source: 'entered', date: null, prime: false, orderWithin: null, freshUntil: null });
  });
});
