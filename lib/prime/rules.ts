// Seller Fulfilled Prime rules (SPEC S1-S6, S18 and the defaults): how one order counts in each metric, how the
// figures compare with the thresholds, and how a seller's program status moves. Pure: no I/O, unit-tested.
// The SQL of lib/prime/evaluation.ts and lib/prime/defects.ts computes the same classification set-based; an
// integration test checks the two agree on generated facts.

export const ORDER_METRICS = ['on_time_shipment', 'on_time_delivery', 'valid_tracking', 'cancellation', 'buy_shipping'] as const;
export const COVERAGE_METRICS = ['one_day_speed', 'two_day_speed', 'nationwide_coverage', 'weekend_operations', 'weekend_delivery', 'cutoff_compliance'] as const;
export const METRICS = [...ORDER_METRICS, ...COVERAGE_METRICS] as const;
export type OrderMetric = (typeof ORDER_METRICS)[number];
export type CoverageMetric = (typeof COVERAGE_METRICS)[number];
export type Metric = (typeof METRICS)[number];
export type ProgramStatus = 'not_enrolled' | 'trial' | 'enrolled' | 'ineligible';

export type SfpThresholds = {
  windowDays: number;
  onTimeShipmentMin: number;
  onTimeDeliveryMin: number;
  validTrackingMin: number;
  validTrackingEnforced: boolean;
  cancellationMax: number;
  buyShippingMin: number;
  oneDayCoverageMin: number;
  twoDayCoverageMin: number;
  operatingDaysMin: number;
  trialDays: number;
  preQualificationDays: number;
  preQualificationMinPackages: number;
  preQualificationLateShipmentMax: number;
  preQualificationCancellationMax: number;
  preQualificationValidTrackingMin: number;
  weekdayCutoffEarliest: string;
  weekendCutoffEarliest: string;
  pickupEarliest: string;
};

// ---------------------------------------------------------------------------------------------------------------
// One order (a seller's part of it) as the metrics see it.

export type CancellationActor = 'seller' | 'buyer' | 'giver' | 'recipient' | 'marketplace' | 'system';
export type OrderFact = {
  orderId: string;
  purchasedAt: Date;
  sizeTier?: 'standard' | 'oversize';
  expectedShipDate: string | null; // YYYY-MM-DD
  promisedDeliveryDate: string | null;
  latestShipAt: Date | null;
  promisedDeliveryBy: Date | null;
  trackingId: string | null;
  labelSource: 'buy_shipping' | 'external' | null;
  specialOperatingPlan: boolean;
  claimsProtected: boolean;
  firstScanAt: Date | null;
  clockStopAt: Date | null;
  cancelledAt: Date | null;
  cancelActor: CancellationActor | null;
};

const seen = (t: Date | null, asOf: Date) => (t && t.getTime() <= asOf.getTime() ? t : null);
export const isCancelled = (f: OrderFact, asOf: Date) => seen(f.cancelledAt, asOf) !== null;
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);
// Ship-side metrics and cancellations are keyed on the ship-by date (the purchase day when the order never got a
// promise); delivery on the promised delivery date.
export const shipKey = (f: OrderFact) => f.expectedShipDate ?? utcDay(f.purchasedAt);

export type Outcome = 'good' | 'defect' | 'pending' | 'excluded';

// On-time shipment: the first physical carrier scan by the latest ship instant. Not scanned after it: late.
export function shipmentOutcome(f: OrderFact, asOf: Date): Outcome {
  if (isCancelled(f, asOf) || !f.latestShipAt) return 'excluded';
  const scan = seen(f.firstScanAt, asOf);
  if (scan) return scan <= f.latestShipAt ? 'good' : 'defect';
  return asOf > f.latestShipAt ? 'defect' : 'pending';
}

// Valid tracking: a shipped package (it has a tracking ID) with at least one physical scan once its ship-by passed.
export function trackingOutcome(f: OrderFact, asOf: Date): Outcome {
  if (isCancelled(f, asOf) || !f.trackingId || !f.latestShipAt) return 'excluded';
  if (seen(f.firstScanAt, asOf)) return 'good';
  return asOf > f.latestShipAt ? 'defect' : 'pending';
}

// Claims protection: a Buy Shipping label whose quote met the promise, scanned by the ship-by instant.
export function claimsProtection(f: OrderFact, asOf: Date): boolean {
  const scan = seen(f.firstScanAt, asOf);
  return f.labelSource === 'buy_shipping' && f.claimsProtected && !!scan && !!f.latestShipAt && scan <= f.latestShipAt;
}

// On-time delivery: the clock-stop (first attempt or delivery) by the promised instant. A protected late package
// is not held against the seller: it counts as on time.
export function deliveryOutcome(f: OrderFact, asOf: Date): Outcome {
  if (isCancelled(f, asOf) || !f.promisedDeliveryBy) return 'excluded';
  const stop = seen(f.clockStopAt, asOf);
  if (stop && stop <= f.promisedDeliveryBy) return 'good';
  if (!stop && asOf <= f.promisedDeliveryBy) return 'pending';
  return claimsProtection(f, asOf) ? 'good' : 'defect';
}

// Seller cancellation rate: every order counts in the denominator; only the seller's own cancellations are defects.
// Gifts declined, expired, cancelled by their giver or converted, and buyer requests, are never the seller's.
export function cancellationOutcome(f: OrderFact, asOf: Date): Outcome {
  if (f.purchasedAt > asOf) return 'excluded';
  return isCancelled(f, asOf) && f.cancelActor === 'seller' ? 'defect' : 'good';
}

// Buy Shipping usage: shipped packages whose label was bought through the platform. Special operating plans are
// exempt (those services are not sold through Buy Shipping).
export function buyShippingOutcome(f: OrderFact, asOf: Date): Outcome {
  if (isCancelled(f, asOf) || !f.labelSource || f.specialOperatingPlan) return 'excluded';
  return f.labelSource === 'buy_shipping' ? 'good' : 'defect';
}

export const OUTCOME_OF: Record<OrderMetric, (f: OrderFact, asOf: Date) => Outcome> = {
  on_time_shipment: shipmentOutcome,
  on_time_delivery: deliveryOutcome,
  valid_tracking: trackingOutcome,
  cancellation: cancellationOutcome,
  buy_shipping: buyShippingOutcome,
};

export type Ratio = { num: number; den: number };
export type OrderCounts = Record<OrderMetric, Ratio>;

const inRange = (day: string | null, from: string, to: string) => day !== null && day >= from && day <= to;

// The order metrics over a window of days [from, to] as of an instant. For "good" metrics num counts the good
// packages; for cancellation num counts the defects (a rate with a maximum).
export function countOrderMetrics(facts: readonly OrderFact[], w: { from: string; to: string; asOf: Date }): OrderCounts {
  const c: OrderCounts = {
    on_time_shipment: { num: 0, den: 0 },
    on_time_delivery: { num: 0, den: 0 },
    valid_tracking: { num: 0, den: 0 },
    cancellation: { num: 0, den: 0 },
    buy_shipping: { num: 0, den: 0 },
  };
  for (const f of facts) {
    for (const m of ORDER_METRICS) {
      const key = m === 'on_time_delivery' ? f.promisedDeliveryDate : shipKey(f);
      if (!inRange(key, w.from, w.to)) continue;
      const o = OUTCOME_OF[m](f, w.asOf);
      if (o === 'excluded' || o === 'pending') continue;
      c[m].den++;
      if (m === 'cancellation' ? o === 'defect' : o === 'good') c[m].num++;
    }
  }
  return c;
}

// ---------------------------------------------------------------------------------------------------------------
// Coverage and operations figures (from the shipping domain), and the comparison with thresholds.

export type CoverageFigures = {
  oneDay: Ratio | null; // population covered within one day / US population
  twoDay: Ratio | null;
  nationwide: Ratio | null; // states (48 contiguous + DC) covered / 49
  weekendOps: Ratio | null; // operating days / 7
  weekendDelivery: Ratio | null; // enabled services that pick up and deliver at weekends / enabled services
  cutoff: Ratio | null; // operating days whose cut-off and last pickup meet the earliest times / operating days
};
export const NO_COVERAGE: CoverageFigures = { oneDay: null, twoDay: null, nationwide: null, weekendOps: null, weekendDelivery: null, cutoff: null };

// What the shipping domain reports per seller (lib/shipping/operations.ts), as far as the metrics need it.
export type TemplateCoverageInput = { standardTemplates: number; oneDayShare: number; twoDayShare: number; missingStates: readonly string[] };
export type OperationsInput = {
  operatingDays: readonly number[]; // weekdays (0 = Sunday) the seller hands parcels to a carrier
  weekendOperations: boolean; // Mon-Sat or Sun-Fri
  weekendDeliveryServices: readonly string[];
  cutoffIssueDays: readonly number[]; // operating days with a cut-off before the earliest allowed
  earlyPickupDays: readonly number[]; // operating days whose last pickup is before the earliest allowed (or the cut-off)
};

const PPM = 1_000_000;
const STATES_48_DC = 49;

// The coverage metrics as ratios:
// - one-day / two-day speed: the population-weighted share of US destinations, in parts per million;
// - nationwide: of the 48 contiguous states and DC, those the standard-size Prime templates cover;
// - weekend operations: operating days of the week (fewer than the minimum unless they form Mon-Sat or Sun-Fri);
// - weekend delivery: enabled services that pick up and deliver at weekends (at least one);
// - cut-off times: operating days whose order cut-off AND last carrier pickup meet the program's earliest times
//   (weekday cut-off 14:00, weekend 10:30, pickup 16:00 by default: SPEC lists all three among the requirements).
// A seller with no standard-size template is "not measured" on speed and coverage, and one with no handling days and
// no service on operations: there is nothing of theirs to measure (nor can they promise Prime delivery).
export function coverageFigures(c: TemplateCoverageInput | undefined, o: OperationsInput | undefined, operatingDaysMin: number): CoverageFigures {
  const templated = !!c && c.standardTemplates > 0;
  const operating = !!o && (o.operatingDays.length > 0 || o.weekendDeliveryServices.length > 0);
  const days = o?.operatingDays.length ?? 0;
  const failingDays = o ? o.operatingDays.filter((d) => o.cutoffIssueDays.includes(d) || o.earlyPickupDays.includes(d)).length : 0;
  return {
    // floor(x + 0.5) rather than Math.round: the same three float operations as the daily job's SQL twin
    // (lib/prime/sql.ts coverageFiguresSql), so both give the same integer for every share.
    oneDay: templated ? { num: Math.floor(c!.oneDayShare * PPM + 0.5), den: PPM } : null,
    twoDay: templated ? { num: Math.floor(c!.twoDayShare * PPM + 0.5), den: PPM } : null,
    nationwide: templated ? { num: STATES_48_DC - Math.min(STATES_48_DC, c!.missingStates.length), den: STATES_48_DC } : null,
    weekendOps: operating ? { num: o!.weekendOperations ? days : Math.min(days, operatingDaysMin - 1), den: 7 } : null,
    weekendDelivery: operating ? { num: o!.weekendDeliveryServices.length, den: Math.max(1, o!.weekendDeliveryServices.length) } : null,
    cutoff: operating ? { num: days - failingDays, den: Math.max(days, 1) } : null,
  };
}

export type MetricStatus = 'pass' | 'fail' | 'no_data' | 'not_measured' | 'not_enforced';
export type MetricResult = { metric: Metric; num: number | null; den: number | null; rate: number | null; status: MetricStatus; threshold: string };

const pct = (x: number) => `${+(x * 100).toFixed(2)}%`;
// Compared in integers (basis points of basis points) so 0.99 * 100 is not 98.99999.
const atLeast = (r: Ratio, min: number) => r.num * 1_000_000 >= Math.round(min * 1_000_000) * r.den;
const atMost = (r: Ratio, max: number) => r.num * 1_000_000 <= Math.round(max * 1_000_000) * r.den;

export function thresholdLabel(metric: Metric, t: SfpThresholds): string {
  switch (metric) {
    case 'on_time_shipment':
      return `≥ ${pct(t.onTimeShipmentMin)}`;
    case 'on_time_delivery':
      return `≥ ${pct(t.onTimeDeliveryMin)}`;
    case 'valid_tracking':
      return t.validTrackingEnforced ? `≥ ${pct(t.validTrackingMin)}` : `${pct(t.validTrackingMin)} (not enforced)`;
    case 'cancellation':
      return `≤ ${pct(t.cancellationMax)}`;
    case 'buy_shipping':
      return `≥ ${pct(t.buyShippingMin)}`;
    case 'one_day_speed':
      return `≥ ${pct(t.oneDayCoverageMin)}`;
    case 'two_day_speed':
      return `≥ ${pct(t.twoDayCoverageMin)}`;
    case 'nationwide_coverage':
      return '48 contiguous states + DC';
    case 'weekend_operations':
      return `${t.operatingDaysMin} operating days a week`;
    case 'weekend_delivery':
      return 'At least one weekend service';
    case 'cutoff_compliance':
      return `Weekdays ≥ ${t.weekdayCutoffEarliest}, weekends ≥ ${t.weekendCutoffEarliest}, pickup ≥ ${t.pickupEarliest}`;
  }
}

function judge(metric: Metric, r: Ratio | null, t: SfpThresholds): MetricStatus {
  if (!r) return 'not_measured';
  if (r.den === 0) return 'no_data';
  switch (metric) {
    case 'on_time_shipment':
      return atLeast(r, t.onTimeShipmentMin) ? 'pass' : 'fail';
    case 'on_time_delivery':
      return atLeast(r, t.onTimeDeliveryMin) ? 'pass' : 'fail';
    case 'valid_tracking':
      if (!t.validTrackingEnforced) return 'not_enforced';
      return atLeast(r, t.validTrackingMin) ? 'pass' : 'fail';
    case 'cancellation':
      return atMost(r, t.cancellationMax) ? 'pass' : 'fail';
    case 'buy_shipping':
      return atLeast(r, t.buyShippingMin) ? 'pass' : 'fail';
    case 'one_day_speed':
      return atLeast(r, t.oneDayCoverageMin) ? 'pass' : 'fail';
    case 'two_day_speed':
      return atLeast(r, t.twoDayCoverageMin) ? 'pass' : 'fail';
    case 'nationwide_coverage':
    case 'cutoff_compliance':
      return r.num >= r.den ? 'pass' : 'fail';
    case 'weekend_operations':
      return r.num >= t.operatingDaysMin ? 'pass' : 'fail';
    case 'weekend_delivery':
      return r.num >= 1 ? 'pass' : 'fail';
  }
}

const COVERAGE_FIELD: Record<CoverageMetric, keyof CoverageFigures> = {
  one_day_speed: 'oneDay',
  two_day_speed: 'twoDay',
  nationwide_coverage: 'nationwide',
  weekend_operations: 'weekendOps',
  weekend_delivery: 'weekendDelivery',
  cutoff_compliance: 'cutoff',
};

export function judgeMetrics(counts: OrderCounts, coverage: CoverageFigures, t: SfpThresholds): MetricResult[] {
  return METRICS.map((metric) => {
    const r = (ORDER_METRICS as readonly string[]).includes(metric) ? counts[metric as OrderMetric] : coverage[COVERAGE_FIELD[metric as CoverageMetric]];
    return { metric, num: r?.num ?? null, den: r?.den ?? null, rate: r && r.den > 0 ? r.num / r.den : null, status: judge(metric, r, t), threshold: thresholdLabel(metric, t) };
  });
}

export const failingMetrics = (results: readonly MetricResult[]): Metric[] => results.filter((r) => r.status === 'fail').map((r) => r.metric);

// failingMetrics(judgeMetrics(...)) without building every metric's result and threshold label: the daily job judges
// 10,000 sellers and keeps only the failing list.
export function failingOf(counts: OrderCounts, coverage: CoverageFigures, t: SfpThresholds): Metric[] {
  return [...ORDER_METRICS.filter((metric) => judge(metric, counts[metric], t) === 'fail'), ...failingCoverageOf(coverage, t)];
}

// The coverage half of failingOf (the daily job judges the order half in SQL: lib/prime/sql.ts failingOrderMetricsSql).
export function failingCoverageOf(coverage: CoverageFigures, t: SfpThresholds): CoverageMetric[] {
  return COVERAGE_METRICS.filter((metric) => judge(metric, coverage[COVERAGE_FIELD[metric]], t) === 'fail');
}

// ---------------------------------------------------------------------------------------------------------------
// Program states (S1, S4, S5).

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return utcDay(d);
}

// The instant a day's evaluation is taken at: the end of that (UTC) day.
export const evaluationInstant = (day: string) => new Date(`${addDays(day, 1)}T00:00:00Z`);

type ProgramPhase = { status: ProgramStatus; trialStartedAt: Date | null; enrolledAt: Date | null };
// When the seller's measured window may start at the earliest: its trial's start, or its (re-)enrollment.
export const programSince = (s: ProgramPhase): Date | null => (s.status === 'trial' ? s.trialStartedAt : s.status === 'enrolled' ? s.enrolledAt : null);

// The first day of the window measured for a seller on `day`: a trial measures only the trial, and a seller enrolled
// or reinstated starts afresh from that day, so orders a plan of action already answered are not judged twice.
// `start`: the first day of a whole window (day - windowDays + 1), computed once for every seller.
export function windowStartFrom(s: ProgramPhase, start: string): string {
  const since = programSince(s);
  if (!since) return start;
  const d = utcDay(since);
  return d > start ? d : start;
}

export type Transition = { to: ProgramStatus; cause: 'trial_passed' | 'trial_failed' | 'revoked'; note: string };

// What one daily evaluation does to a seller. An enrolled seller failing any metric is revoked at once; a trial ends
// after trialDays, enrolling the seller when every metric is met over at least one shipped package.
export function decideTransition(
  s: { status: ProgramStatus; trialStartedAt: Date | null },
  e: { failing: readonly Metric[]; shippedPackages: number; asOf: Date },
  trialDays: number,
): Transition | null {
  if (s.status === 'enrolled' && e.failing.length > 0) return { to: 'ineligible', cause: 'revoked', note: `Below the requirements on: ${e.failing.map(metricName).join(', ')}` };
  if (s.status !== 'trial' || !s.trialStartedAt) return null;
  const ends = new Date(s.trialStartedAt.getTime() + trialDays * 86_400_000);
  if (e.asOf < ends) return null;
  if (e.failing.length > 0) return { to: 'not_enrolled', cause: 'trial_failed', note: `The trial ended below the requirements on: ${e.failing.map(metricName).join(', ')}` };
  if (e.shippedPackages === 0) return { to: 'not_enrolled', cause: 'trial_failed', note: 'No package was shipped during the trial, so the requirements could not be shown to be met.' };
  return { to: 'enrolled', cause: 'trial_passed', note: 'Every requirement was met during the trial.' };
}

export type TrialProgress = { startedOn: string; endsOn: string; daysElapsed: number; daysLeft: number; total: number };
export function trialProgress(trialStartedAt: Date, now: Date, trialDays: number): TrialProgress {
  const elapsed = Math.max(0, Math.floor((now.getTime() - trialStartedAt.getTime()) / 86_400_000));
  const daysElapsed = Math.min(trialDays, elapsed);
  return { startedOn: utcDay(trialStartedAt), endsOn: utcDay(new Date(trialStartedAt.getTime() + trialDays * 86_400_000)), daysElapsed, daysLeft: trialDays - daysElapsed, total: trialDays };
}

// Pre-qualification over the past 90 days: enough packages, few late shipments and cancellations, valid tracking.
export type PreQualification = { qualified: boolean; packages: number; lateShipment: Ratio; cancellation: Ratio; validTracking: Ratio; reasons: string[] };
export function preQualify(c: OrderCounts, t: SfpThresholds): PreQualification {
  const late = { num: c.on_time_shipment.den - c.on_time_shipment.num, den: c.on_time_shipment.den };
  const packages = c.on_time_shipment.den;
  const reasons: string[] = [];
  if (packages < t.preQualificationMinPackages) reasons.push(`${packages} of the ${t.preQualificationMinPackages} seller-fulfilled packages needed in the past ${t.preQualificationDays} days`);
  if (late.den > 0 && !(late.num * 1_000_000 < Math.round(t.preQualificationLateShipmentMax * 1_000_000) * late.den))
    reasons.push(`Late shipment rate ${pct(late.num / late.den)} is not below ${pct(t.preQualificationLateShipmentMax)}`);
  const cr = c.cancellation;
  if (cr.den > 0 && !(cr.num * 1_000_000 < Math.round(t.preQualificationCancellationMax * 1_000_000) * cr.den))
    reasons.push(`Cancellation rate ${pct(cr.num / cr.den)} is not below ${pct(t.preQualificationCancellationMax)}`);
  const vt = c.valid_tracking;
  if (vt.den > 0 && !(vt.num * 1_000_000 > Math.round(t.preQualificationValidTrackingMin * 1_000_000) * vt.den))
    reasons.push(`Valid tracking rate ${pct(vt.num / vt.den)} is not above ${pct(t.preQualificationValidTrackingMin)}`);
  return { qualified: reasons.length === 0, packages, lateShipment: late, cancellation: cr, validTracking: vt, reasons };
}

// ---------------------------------------------------------------------------------------------------------------
// Words: names, the seed's causes and actions (S6), and where a seller finds the orders behind a metric (S18).

const NAMES: Record<Metric, string> = {
  on_time_shipment: 'On-time shipment rate',
  on_time_delivery: 'On-time delivery rate',
  valid_tracking: 'Valid tracking rate',
  cancellation: 'Cancellation rate',
  buy_shipping: 'Buy Shipping usage rate',
  one_day_speed: 'One-day delivery speed',
  two_day_speed: 'Two-day delivery speed',
  nationwide_coverage: 'Nationwide delivery coverage',
  weekend_operations: 'Weekend operations',
  weekend_delivery: 'Weekend delivery',
  cutoff_compliance: 'Cut-off times',
};
export const metricName = (m: Metric) => NAMES[m];

export type Advice = { cause: string; action: string; note?: string; fromSeed: boolean };

// The seed's table "Cause de la révocation / Action", translated. Metrics the table has no row for (on-time
// shipment, valid tracking, cut-off times) borrow the row whose action is about them, or say they are ours.
const SEED_ADVICE = {
  onTimeDelivery: {
    cause: 'On-time delivery rate',
    action: 'Review your late shipments in the defect report and identify the root cause of the shipping delays.',
    note: 'Tip: use a shipping method that delivers your packages by the delivery date promised to the customer.',
  },
  buyShipping: {
    cause: 'Buy Shipping usage rate',
    action: 'Check your defect report for orders with the value “X” in the Shipped outside Buy Shipping column.',
    note: 'Tip: use an approved API to buy shipping labels through the Buy Shipping feature.',
  },
  cancellation: {
    cause: 'Cancellation rate',
    action:
      'Check your stock control and management procedures. If you find that some of your products are constantly out of stock, monitor your stock daily to make sure you do not list products you cannot ship immediately.',
  },
  speed: {
    cause: 'Delivery speed metrics',
    action: 'Enable or increase your Prime one-day delivery coverage by adding more states to your Prime shipping templates.',
    note: 'Note: if you use shipping region automation to set up your Prime regions, you can improve coverage by adding more shipping services and/or updating the delivery zone limit of your shipping services.',
  },
  weekendOps: {
    cause: 'Weekend operations',
    action: 'Make sure your Prime badge is always on during the weekend.',
    note: 'Note: a Saturday cut-off can be set as early as 10:30. The weekday cut-off will not be earlier than 14:00.',
  },
  weekendDelivery: {
    cause: 'Weekend delivery',
    action:
      'Use shipping services that pick up and deliver to customers during the weekend. For more information, see the order handling settings page to learn how to customize your order handling settings, including order cut-off times, weekends and weekend delivery.',
    note: 'Note: if you ship with several carriers and have pickup schedules that vary by day of the week, we encourage you to adjust the order cut-off/last pickup times for each day of the week for each carrier.',
  },
  nationwide: {
    cause: 'Nationwide delivery coverage',
    action:
      'Check that the Prime regions selected in the shipping templates for your standard-size products cover the 48 contiguous states of the United States and the District of Columbia. Buy Shipping will appear on the shipping methods page meeting the customer promise based on your templates.',
  },
} as const;

export function adviceFor(metric: Metric): Advice {
  switch (metric) {
    case 'on_time_delivery':
      return { ...SEED_ADVICE.onTimeDelivery, fromSeed: true };
    case 'on_time_shipment':
      // The seed's delivery row sends the seller to their late shipments; it is the same action.
      return { ...SEED_ADVICE.onTimeDelivery, cause: 'On-time shipment rate', fromSeed: true };
    case 'buy_shipping':
      return { ...SEED_ADVICE.buyShipping, fromSeed: true };
    case 'cancellation':
      return { ...SEED_ADVICE.cancellation, fromSeed: true };
    case 'one_day_speed':
    case 'two_day_speed':
      return { ...SEED_ADVICE.speed, fromSeed: true };
    case 'weekend_operations':
      return { ...SEED_ADVICE.weekendOps, fromSeed: true };
    case 'cutoff_compliance':
      return { ...SEED_ADVICE.weekendOps, cause: 'Cut-off times', fromSeed: true };
    case 'weekend_delivery':
      return { ...SEED_ADVICE.weekendDelivery, fromSeed: true };
    case 'nationwide_coverage':
      return { ...SEED_ADVICE.nationwide, fromSeed: true };
    case 'valid_tracking':
      // Not in the seed's table.
      return {
        cause: 'Valid tracking rate',
        action: 'Check your defect report for orders with the value “X” in the Invalid tracking column: each needs a carrier scan. Hand packages to the carrier on the day you buy their labels.',
        fromSeed: false,
      };
  }
}

// The defect report's filters ("X" columns, S18) and which metric each explains.
export const DEFECT_FILTERS = ['late_delivery', 'cancelled_by_seller', 'invalid_tracking', 'late_shipment', 'outside_buy_shipping'] as const;
export type DefectFilter = (typeof DEFECT_FILTERS)[number];
export const DEFECT_OF_METRIC: Partial<Record<Metric, DefectFilter>> = {
  on_time_delivery: 'late_delivery',
  cancellation: 'cancelled_by_seller',
  valid_tracking: 'invalid_tracking',
  on_time_shipment: 'late_shipment',
  buy_shipping: 'outside_buy_shipping',
};
export const DEFECT_LABEL: Record<DefectFilter, string> = {
  late_delivery: 'Delivered late',
  cancelled_by_seller: 'Cancelled by seller',
  invalid_tracking: 'Invalid tracking',
  late_shipment: 'Shipped late',
  outside_buy_shipping: 'Shipped outside Buy Shipping',
};

// The "X" marks of one row, as of an instant.
export function defectMarks(f: OrderFact, asOf: Date): Record<DefectFilter, boolean> {
  return {
    late_delivery: deliveryOutcome(f, asOf) === 'defect',
    cancelled_by_seller: cancellationOutcome(f, asOf) === 'defect',
    invalid_tracking: trackingOutcome(f, asOf) === 'defect',
    late_shipment: shipmentOutcome(f, asOf) === 'defect',
    outside_buy_shipping: buyShippingOutcome(f, asOf) === 'defect',
  };
}

export function formatRate(r: { num: number | null; den: number | null; metric?: Metric }): string {
  if (r.num === null || r.den === null) return 'Not measured';
  if (r.den === 0) return 'No orders yet';
  switch (r.metric) {
    case 'nationwide_coverage':
      return `${r.num} of ${r.den}`;
    case 'weekend_operations':
      return `${r.num} ${r.num === 1 ? 'day' : 'days'}`;
    case 'weekend_delivery':
      return `${r.num} ${r.num === 1 ? 'service' : 'services'}`;
    case 'cutoff_compliance':
      return `${r.num} of ${r.den} days`;
    default:
      return pct(r.num / r.den);
  }
}

// The small print under a figure: what was counted.
export function figureDetail(r: { metric: Metric; num: number | null; den: number | null }): string {
  if (r.num === null || r.den === null) return 'From your shipping templates and settings';
  switch (r.metric) {
    case 'one_day_speed':
    case 'two_day_speed':
      return 'of US population (by ZIP3) promised';
    case 'nationwide_coverage':
      return 'contiguous states + DC covered';
    case 'weekend_operations':
      return 'operating days a week';
    case 'weekend_delivery':
      return 'enabled services that pick up and deliver at weekends';
    case 'cutoff_compliance':
      return 'operating days whose cut-off and last pickup are late enough';
    case 'cancellation':
      return `${r.num.toLocaleString('en-US')} cancelled by you of ${r.den.toLocaleString('en-US')} orders`;
    default:
      return `${r.num.toLocaleString('en-US')} of ${r.den.toLocaleString('en-US')} orders`;
  }
}

// The requirement as a rate, for charts (null where it isn't a rate).
export function thresholdValue(metric: Metric, t: SfpThresholds): number | null {
  switch (metric) {
    case 'on_time_shipment':
      return t.onTimeShipmentMin;
    case 'on_time_delivery':
      return t.onTimeDeliveryMin;
    case 'valid_tracking':
      return t.validTrackingMin;
    case 'cancellation':
      return t.cancellationMax;
    case 'buy_shipping':
      return t.buyShippingMin;
    case 'one_day_speed':
      return t.oneDayCoverageMin;
    case 'two_day_speed':
      return t.twoDayCoverageMin;
    case 'nationwide_coverage':
    case 'cutoff_compliance':
      return 1;
    case 'weekend_operations':
      return t.operatingDaysMin / 7;
    case 'weekend_delivery':
      return null;
  }
}
export const higherIsBetter = (m: Metric) => m !== 'cancellation';

// How many orders count against the seller in a metric's figures (what the defect report link will list).
export const defectCount = (r: { metric: Metric; num: number | null; den: number | null }) =>
  r.num === null || r.den === null ? 0 : r.metric === 'cancellation' ? r.num : r.den - r.num;

export const PROGRAM_LABEL: Record<ProgramStatus, string> = { not_enrolled: 'Not enrolled', trial: 'Trial', enrolled: 'Eligible', ineligible: 'Ineligible' };
