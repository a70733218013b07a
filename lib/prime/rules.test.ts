import { describe, expect, it } from 'vitest';
import { TEST_THRESHOLDS as T } from './test-thresholds';
import {
  adviceFor,
  buyShippingOutcome,
  cancellationOutcome,
  countOrderMetrics,
  coverageFigures,
  decideTransition,
  defectMarks,
  deliveryOutcome,
  failingMetrics,
  judgeMetrics,
  METRICS,
  NO_COVERAGE,
  preQualify,
  shipmentOutcome,
  trackingOutcome,
  trialProgress,
  windowStartFrom,
  addDays,
  type OrderFact,
} from './rules';


const at = (s: string) => new Date(s);
// A Prime order bought Monday 10:00, to ship by Monday 23:59:59 and arrive by Wednesday 20:00 (UTC for simplicity).
function fact(over: Partial<OrderFact> = {}): OrderFact {
  return {
    orderId: 'o1',
    purchasedAt: at('2026-11-02T10:00:00Z'),
    expectedShipDate: '2026-11-02',
    promisedDeliveryDate: '2026-11-04',
    latestShipAt: at('2026-11-02T23:59:59Z'),
    promisedDeliveryBy: at('2026-11-04T20:00:00Z'),
    trackingId: '1Z999',
    labelSource: 'buy_shipping',
    specialOperatingPlan: false,
    claimsProtected: true,
    firstScanAt: at('2026-11-02T17:00:00Z'),
    clockStopAt: at('2026-11-04T15:00:00Z'),
    cancelledAt: null,
    cancelActor: null,
    ...over,
  };
}
const LATER = at('2026-11-10T00:00:00Z');

describe('on-time shipment', () => {
  it('counts a first scan by the ship-by instant as on time', () => expect(shipmentOutcome(fact(), LATER)).toBe('good'));
  it('counts a scan after the ship-by instant as late', () => expect(shipmentOutcome(fact({ firstScanAt: at('2026-11-03T09:00:00Z') }), LATER)).toBe('defect'));
  it('counts no scan at all, once the ship-by passed, as late', () => expect(shipmentOutcome(fact({ firstScanAt: null }), LATER)).toBe('defect'));
  it('waits while the ship-by has not passed', () => expect(shipmentOutcome(fact({ firstScanAt: null }), at('2026-11-02T12:00:00Z'))).toBe('pending'));
  it('ignores a scan that happened after the evaluation instant', () => expect(shipmentOutcome(fact({ firstScanAt: at('2026-11-02T17:00:00Z') }), at('2026-11-02T12:00:00Z'))).toBe('pending'));
  it('leaves cancelled orders out', () => expect(shipmentOutcome(fact({ cancelledAt: at('2026-11-02T11:00:00Z'), cancelActor: 'seller' }), LATER)).toBe('excluded'));
});

describe('on-time delivery', () => {
  it('counts a clock-stop by the promise as on time', () => expect(deliveryOutcome(fact(), LATER)).toBe('good'));
  it('a late ship that arrives on time is late for shipment but on time for delivery', () => {
    const f = fact({ firstScanAt: at('2026-11-03T08:00:00Z'), clockStopAt: at('2026-11-04T12:00:00Z') });
    expect(shipmentOutcome(f, LATER)).toBe('defect');
    expect(deliveryOutcome(f, LATER)).toBe('good');
  });
  it('a Buy Shipping label scanned on time and delivered late is not held against the seller (claims protection)', () => {
    const f = fact({ clockStopAt: at('2026-11-06T12:00:00Z') });
    expect(deliveryOutcome(f, LATER)).toBe('good');
    expect(defectMarks(f, LATER).late_delivery).toBe(false);
  });
  it('a Buy Shipping label scanned late and delivered late counts against the seller', () =>
    expect(deliveryOutcome(fact({ firstScanAt: at('2026-11-03T09:00:00Z'), clockStopAt: at('2026-11-06T12:00:00Z') }), LATER)).toBe('defect'));
  it('an external label delivered late counts against the seller', () =>
    expect(deliveryOutcome(fact({ labelSource: 'external', claimsProtected: false, clockStopAt: at('2026-11-06T12:00:00Z') }), LATER)).toBe('defect'));
  it('a Buy Shipping label whose quote missed the promise is not protected', () => expect(deliveryOutcome(fact({ claimsProtected: false, clockStopAt: at('2026-11-06T12:00:00Z') }), LATER)).toBe('defect'));
  it('no clock-stop after the promise passed is late; before, pending', () => {
    expect(deliveryOutcome(fact({ labelSource: 'external', claimsProtected: false, clockStopAt: null }), LATER)).toBe('defect');
    expect(deliveryOutcome(fact({ clockStopAt: null }), at('2026-11-04T10:00:00Z'))).toBe('pending');
  });
});

describe('valid tracking', () => {
  it('is valid with at least one physical scan', () => expect(trackingOutcome(fact(), LATER)).toBe('good'));
  it('is invalid with no scan at all once the ship-by passed', () => expect(trackingOutcome(fact({ firstScanAt: null }), LATER)).toBe('defect'));
  it('leaves unshipped packages (no tracking ID) out', () => expect(trackingOutcome(fact({ trackingId: null, labelSource: null, firstScanAt: null }), LATER)).toBe('excluded'));
});

describe('seller cancellation rate', () => {
  it('counts only the seller’s own cancellations', () => {
    expect(cancellationOutcome(fact({ cancelledAt: at('2026-11-02T11:00:00Z'), cancelActor: 'seller' }), LATER)).toBe('defect');
    for (const actor of ['buyer', 'giver', 'recipient', 'marketplace', 'system'] as const)
      expect(cancellationOutcome(fact({ cancelledAt: at('2026-11-02T11:00:00Z'), cancelActor: actor }), LATER)).toBe('good');
  });
  it('a declined gift is never the seller’s: counted in orders, not as a cancellation', () => {
    const declined = fact({ expectedShipDate: null, promisedDeliveryDate: null, latestShipAt: null, promisedDeliveryBy: null, trackingId: null, labelSource: null, firstScanAt: null, clockStopAt: null, cancelledAt: at('2026-11-03T09:00:00Z'), cancelActor: 'recipient' });
    const c = countOrderMetrics([declined], { from: '2026-11-01', to: '2026-11-30', asOf: LATER });
    expect(c.cancellation).toEqual({ num: 0, den: 1 });
    expect(c.on_time_shipment.den + c.on_time_delivery.den + c.valid_tracking.den + c.buy_shipping.den).toBe(0);
  });
});

describe('Buy Shipping usage', () => {
  it('counts labels bought elsewhere as outside Buy Shipping', () => expect(buyShippingOutcome(fact({ labelSource: 'external' }), LATER)).toBe('defect'));
  it('exempts special operating plans', () => expect(buyShippingOutcome(fact({ labelSource: 'external', specialOperatingPlan: true }), LATER)).toBe('excluded'));
  it('leaves unshipped orders out', () => expect(buyShippingOutcome(fact({ labelSource: null }), LATER)).toBe('excluded'));
});

describe('window and thresholds', () => {
  it('an empty window has no data and fails nothing', () => {
    const c = countOrderMetrics([], { from: '2026-11-01', to: '2026-11-30', asOf: LATER });
    const results = judgeMetrics(c, NO_COVERAGE, T);
    expect(results.map((r) => r.status)).toEqual(METRICS.map((m) => (['on_time_shipment', 'on_time_delivery', 'valid_tracking', 'cancellation', 'buy_shipping'].includes(m) ? 'no_data' : 'not_measured')));
    expect(failingMetrics(results)).toEqual([]);
  });
  it('keys ship metrics on the ship-by date and delivery on the promised date', () => {
    const f = fact({ expectedShipDate: '2026-10-31', promisedDeliveryDate: '2026-11-02' });
    const c = countOrderMetrics([f], { from: '2026-11-01', to: '2026-11-30', asOf: LATER });
    expect(c.on_time_shipment.den).toBe(0);
    expect(c.on_time_delivery.den).toBe(1);
  });
  it('compares at the exact threshold without rounding surprises', () => {
    const ok = { on_time_shipment: { num: 99, den: 100 }, on_time_delivery: { num: 97, den: 100 }, valid_tracking: { num: 99, den: 100 }, cancellation: { num: 1, den: 200 }, buy_shipping: { num: 99, den: 100 } };
    expect(failingMetrics(judgeMetrics(ok, NO_COVERAGE, T))).toEqual([]);
    const bad = { ...ok, on_time_delivery: { num: 96, den: 100 }, cancellation: { num: 2, den: 200 } };
    expect(failingMetrics(judgeMetrics(bad, NO_COVERAGE, T))).toEqual(['on_time_delivery', 'cancellation']);
  });
  it('valid tracking can be switched off', () => {
    const c = { on_time_shipment: { num: 1, den: 1 }, on_time_delivery: { num: 1, den: 1 }, valid_tracking: { num: 0, den: 1 }, cancellation: { num: 0, den: 1 }, buy_shipping: { num: 1, den: 1 } };
    expect(failingMetrics(judgeMetrics(c, NO_COVERAGE, T))).toEqual(['valid_tracking']);
    expect(failingMetrics(judgeMetrics(c, NO_COVERAGE, { ...T, validTrackingEnforced: false }))).toEqual([]);
  });
  it('judges coverage figures', () => {
    const c = { on_time_shipment: { num: 0, den: 0 }, on_time_delivery: { num: 0, den: 0 }, valid_tracking: { num: 0, den: 0 }, cancellation: { num: 0, den: 0 }, buy_shipping: { num: 0, den: 0 } };
    const cov = { oneDay: { num: 29, den: 100 }, twoDay: { num: 74, den: 100 }, nationwide: { num: 48, den: 49 }, weekendOps: { num: 6, den: 7 }, weekendDelivery: { num: 0, den: 3 }, cutoff: { num: 6, den: 6 } };
    expect(failingMetrics(judgeMetrics(c, cov, T))).toEqual(['one_day_speed', 'nationwide_coverage', 'weekend_delivery']);
  });
});

describe('program states', () => {
  const asOf = at('2026-11-20T00:00:00Z');
  it('revokes an enrolled seller failing a metric, and keeps one who meets them', () => {
    expect(decideTransition({ status: 'enrolled', trialStartedAt: null }, { failing: ['on_time_delivery'], shippedPackages: 10, asOf }, 30)).toMatchObject({ to: 'ineligible', cause: 'revoked' });
    expect(decideTransition({ status: 'enrolled', trialStartedAt: null }, { failing: [], shippedPackages: 10, asOf }, 30)).toBeNull();
  });
  it('leaves a trial running until its 30 days are up', () =>
    expect(decideTransition({ status: 'trial', trialStartedAt: at('2026-11-01T00:00:00Z') }, { failing: ['cancellation'], shippedPackages: 5, asOf }, 30)).toBeNull());
  it('passing the trial enrolls automatically (S1); failing says why and returns to Not enrolled', () => {
    const started = at('2026-10-15T00:00:00Z');
    expect(decideTransition({ status: 'trial', trialStartedAt: started }, { failing: [], shippedPackages: 40, asOf }, 30)).toMatchObject({ to: 'enrolled', cause: 'trial_passed' });
    const failed = decideTransition({ status: 'trial', trialStartedAt: started }, { failing: ['buy_shipping'], shippedPackages: 40, asOf }, 30);
    expect(failed).toMatchObject({ to: 'not_enrolled', cause: 'trial_failed' });
    expect(failed!.note).toContain('Buy Shipping usage rate');
    expect(decideTransition({ status: 'trial', trialStartedAt: started }, { failing: [], shippedPackages: 0, asOf }, 30)).toMatchObject({ to: 'not_enrolled' });
  });
  it('does nothing to sellers not enrolled or already ineligible', () => {
    expect(decideTransition({ status: 'not_enrolled', trialStartedAt: null }, { failing: ['cancellation'], shippedPackages: 1, asOf }, 30)).toBeNull();
    expect(decideTransition({ status: 'ineligible', trialStartedAt: null }, { failing: ['cancellation'], shippedPackages: 1, asOf }, 30)).toBeNull();
  });
  it('shows trial progress', () => expect(trialProgress(at('2026-11-01T08:00:00Z'), at('2026-11-13T09:00:00Z'), 30)).toEqual({ startedOn: '2026-11-01', endsOn: '2026-12-01', daysElapsed: 12, daysLeft: 18, total: 30 }));
  it('measures a trial (or a reinstatement) from its start only', () => {
    expect(windowStartFrom({ status: 'trial', trialStartedAt: at('2026-11-10T05:00:00Z'), enrolledAt: null }, addDays('2026-11-20', -29))).toBe('2026-11-10');
    expect(windowStartFrom({ status: 'enrolled', trialStartedAt: null, enrolledAt: at('2026-01-01T00:00:00Z') }, addDays('2026-11-20', -29))).toBe('2026-10-22');
    expect(windowStartFrom({ status: 'ineligible', trialStartedAt: null, enrolledAt: at('2026-11-19T00:00:00Z') }, addDays('2026-11-20', -29))).toBe('2026-10-22');
  });
  it('pre-qualifies on 100 packages, late shipment < 4%, cancellation < 2.5%, valid tracking > 95%', () => {
    const good = { on_time_shipment: { num: 97, den: 100 }, on_time_delivery: { num: 0, den: 0 }, valid_tracking: { num: 96, den: 100 }, cancellation: { num: 2, den: 102 }, buy_shipping: { num: 0, den: 0 } };
    expect(preQualify(good, T)).toMatchObject({ qualified: true, packages: 100 });
    const edge = { ...good, on_time_shipment: { num: 96, den: 100 }, valid_tracking: { num: 95, den: 100 } };
    expect(preQualify(edge, T).reasons).toHaveLength(2);
    expect(preQualify({ ...good, on_time_shipment: { num: 99, den: 99 } }, T).reasons[0]).toMatch(/99 of the 100/);
  });
});

describe('causes and actions (S6)', () => {
  it('has the seed’s cause and action for every metric, with a note where the seed has one', () => {
    for (const m of METRICS) {
      const a = adviceFor(m);
      expect(a.cause.length).toBeGreaterThan(5);
      expect(a.action.length).toBeGreaterThan(20);
    }
    expect(adviceFor('buy_shipping').action).toContain('“X” in the Shipped outside Buy Shipping column');
    expect(adviceFor('weekend_operations').note).toContain('10:30');
    expect(adviceFor('valid_tracking').fromSeed).toBe(false);
  });
});

describe('coverage figures from the shipping settings', () => {
  const cov = { standardTemplates: 1, oneDayShare: 0.3125, twoDayShare: 0.8, missingStates: ['ME', 'VT'] };
  const sixDays = { operatingDays: [1, 2, 3, 4, 5, 6], weekendOperations: true, weekendDeliveryServices: ['ups-2nd-day-air'], cutoffIssueDays: [], earlyPickupDays: [] };
  const judged = (c: ReturnType<typeof coverageFigures>) => judgeMetrics({ on_time_shipment: { num: 0, den: 0 }, on_time_delivery: { num: 0, den: 0 }, valid_tracking: { num: 0, den: 0 }, cancellation: { num: 0, den: 0 }, buy_shipping: { num: 0, den: 0 } }, c, T);
  const statusOf = (c: ReturnType<typeof coverageFigures>, m: string) => judged(c).find((r) => r.metric === m)!.status;

  it('speed in parts per million of the population, nationwide as states covered of 49', () => {
    const f = coverageFigures(cov, sixDays, 6);
    expect(f.oneDay).toEqual({ num: 312_500, den: 1_000_000 });
    expect(f.twoDay).toEqual({ num: 800_000, den: 1_000_000 });
    expect(f.nationwide).toEqual({ num: 47, den: 49 });
    expect(statusOf(f, 'nationwide_coverage')).toBe('fail');
    expect(statusOf(f, 'one_day_speed')).toBe('pass');
  });

  it('no standard-size template, or no handling and no service: not measured (nothing to promise)', () => {
    const f = coverageFigures(undefined, undefined, 6);
    expect(f).toEqual({ oneDay: null, twoDay: null, nationwide: null, weekendOps: null, weekendDelivery: null, cutoff: null });
    expect(coverageFigures({ ...cov, standardTemplates: 0 }, { ...sixDays, operatingDays: [], weekendDeliveryServices: [] }, 6)).toEqual(f);
    expect(statusOf(f, 'cutoff_compliance')).toBe('not_measured');
  });

  it('weekend operations: six days Mon-Sat pass; five days, or six days that are not Mon-Sat or Sun-Fri, fail', () => {
    expect(coverageFigures(cov, sixDays, 6).weekendOps).toEqual({ num: 6, den: 7 });
    const weekdays = coverageFigures(cov, { ...sixDays, operatingDays: [1, 2, 3, 4, 5], weekendOperations: false }, 6);
    expect(weekdays.weekendOps).toEqual({ num: 5, den: 7 });
    expect(statusOf(weekdays, 'weekend_operations')).toBe('fail');
    const gap = coverageFigures(cov, { ...sixDays, operatingDays: [0, 1, 2, 4, 5, 6], weekendOperations: false }, 6);
    expect(gap.weekendOps).toEqual({ num: 5, den: 7 });
    expect(statusOf(gap, 'weekend_operations')).toBe('fail');
  });

  it('weekend delivery: at least one service that picks up and delivers at weekends', () => {
    expect(statusOf(coverageFigures(cov, sixDays, 6), 'weekend_delivery')).toBe('pass');
    const none = coverageFigures(cov, { ...sixDays, weekendDeliveryServices: [] }, 6);
    expect(none.weekendDelivery).toEqual({ num: 0, den: 1 });
    expect(statusOf(none, 'weekend_delivery')).toBe('fail');
  });

  it('cut-off times: a day fails on an early cut-off AND on a pickup before the earliest pickup; a day counts once', () => {
    expect(coverageFigures(cov, sixDays, 6).cutoff).toEqual({ num: 6, den: 6 });
    expect(statusOf(coverageFigures(cov, sixDays, 6), 'cutoff_compliance')).toBe('pass');
    const earlySaturday = coverageFigures(cov, { ...sixDays, cutoffIssueDays: [6] }, 6);
    expect(earlySaturday.cutoff).toEqual({ num: 5, den: 6 });
    expect(statusOf(earlySaturday, 'cutoff_compliance')).toBe('fail');
    // Pickups before 16:00 on weekdays: a requirement (SPEC), not a warning.
    const earlyPickups = coverageFigures(cov, { ...sixDays, earlyPickupDays: [1, 2, 3, 4, 5] }, 6);
    expect(earlyPickups.cutoff).toEqual({ num: 1, den: 6 });
    expect(statusOf(earlyPickups, 'cutoff_compliance')).toBe('fail');
    const both = coverageFigures(cov, { ...sixDays, cutoffIssueDays: [6], earlyPickupDays: [6] }, 6);
    expect(both.cutoff).toEqual({ num: 5, den: 6 });
    // An issue on a day the seller does not operate is not counted.
    expect(coverageFigures(cov, { ...sixDays, earlyPickupDays: [0] }, 6).cutoff).toEqual({ num: 6, den: 6 });
    // Weekend delivery services but no handling days: measured, and nothing compliant.
    expect(coverageFigures(cov, { ...sixDays, operatingDays: [], weekendOperations: false }, 6).cutoff).toEqual({ num: 0, den: 1 });
  });

  it('names all three requirements in the threshold', () => {
    expect(judged(coverageFigures(cov, sixDays, 6)).find((r) => r.metric === 'cutoff_compliance')!.threshold).toBe('Weekdays ≥ 14:00, weekends ≥ 10:30, pickup ≥ 16:00');
  });
});
