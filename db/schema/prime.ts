import { sql } from 'drizzle-orm';
import { bigint, boolean, date, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { primeProgramStatus, sellers, sizeClass } from './catalog';

// Seller Fulfilled Prime (lib/prime owns these): per-order facts, daily evaluations, plans of action.

export const primeEvaluationOutcome = pgEnum('prime_evaluation_outcome', ['meets', 'fails']);

// The metrics of SPEC S3 and its defaults (a typed list of failing metrics is an array of these).
export const primeMetric = pgEnum('prime_metric', [
  'on_time_shipment',
  'on_time_delivery',
  'valid_tracking',
  'cancellation',
  'buy_shipping',
  'one_day_speed',
  'two_day_speed',
  'nationwide_coverage',
  'weekend_operations',
  'weekend_delivery',
  'cutoff_compliance',
]);

// The thresholds one evaluation applied (a copy of lib/config.ts sfp at the time).
export type AppliedThresholds = Record<string, number | boolean | string>;

// One row per seller per day: every metric as numerator and denominator (null: not measured) and the failing metrics;
// the thresholds applied are the day's run's (prime_evaluation_runs.thresholds, one copy per day instead of 10,000).
// Written by the daily evaluation only (lib/prime/evaluation.ts), for the sellers it has just read; sellers are never
// deleted. No foreign key to sellers: its check ran once per row and locked every seller row (10,000 row
// locks a day, the largest single cost of writing the day's rows).
export const primeEvaluations = pgTable(
  'prime_evaluations',
  {
    sellerId: uuid().notNull(),
    evaluatedOn: date().notNull(),
    windowDays: smallint().notNull(),
    outcome: primeEvaluationOutcome().notNull(),
    // The program state the seller was in when evaluated, and the orders' window actually measured (a trial, or a
    // reinstatement, starts it later than evaluatedOn - windowDays + 1).
    phase: primeProgramStatus().notNull().default('not_enrolled'),
    windowStart: date(),
    asOf: timestamp({ withTimezone: true }),
    onTimeShipmentNum: integer().notNull().default(0),
    onTimeShipmentDen: integer().notNull().default(0),
    onTimeDeliveryNum: integer().notNull().default(0),
    onTimeDeliveryDen: integer().notNull().default(0),
    validTrackingNum: integer().notNull().default(0),
    validTrackingDen: integer().notNull().default(0),
    cancellationNum: integer().notNull().default(0),
    cancellationDen: integer().notNull().default(0),
    buyShippingNum: integer().notNull().default(0),
    buyShippingDen: integer().notNull().default(0),
    // Population-weighted shares of US destinations (people), from the shipping domain's coverage.
    oneDayNum: bigint({ mode: 'number' }),
    oneDayDen: bigint({ mode: 'number' }),
    twoDayNum: bigint({ mode: 'number' }),
    twoDayDen: bigint({ mode: 'number' }),
    // States (48 contiguous + DC) covered by standard-size Prime regions.
    nationwideNum: smallint(),
    nationwideDen: smallint(),
    // Operating days of the week, weekend services enabled, cut-offs that meet the earliest times allowed.
    weekendOpsNum: smallint(),
    weekendOpsDen: smallint(),
    weekendDeliveryNum: smallint(),
    weekendDeliveryDen: smallint(),
    cutoffNum: smallint(),
    cutoffDen: smallint(),
    failing: primeMetric().array().notNull().default(sql`'{}'::prime_metric[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // A row is the seller's day: that pair is its key (a random id beside it cost an index insert per row, 10,000 a day).
  (t) => [
    primaryKey({ name: 'prime_evaluations_pkey', columns: [t.sellerId, t.evaluatedOn] }),
    // Rows are written a day at a time, so pages follow the day: whether a day has rows at all is a look at a few pages.
    index('prime_evaluations_day_brin').using('brin', t.evaluatedOn),
  ],
);

export const primeStatusCause = pgEnum('prime_status_cause', ['trial_started', 'trial_passed', 'trial_failed', 'revoked', 'plan_approved']);

// Every change of a seller's program status, with its cause: the evaluation that decided it, the plan of action that
// restored it, or the person who acted.
export const primeStatusChanges = pgTable(
  'prime_status_changes',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    fromStatus: primeProgramStatus().notNull(),
    toStatus: primeProgramStatus().notNull(),
    cause: primeStatusCause().notNull(),
    // The evaluation that decided the change (the seller's row of that day), if one did.
    evaluatedOn: date(),
    planId: uuid(),
    actorUserId: uuid().references(() => users.id),
    failing: primeMetric().array().notNull().default(sql`'{}'::prime_metric[]`),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('prime_status_changes_seller_idx').on(t.sellerId, t.createdAt),
    // One decision per evaluation: a retried or concurrent evaluation can't record a change twice.
    uniqueIndex('prime_status_changes_evaluation_key').on(t.sellerId, t.evaluatedOn),
    foreignKey({ name: 'prime_status_changes_evaluation_fk', columns: [t.sellerId, t.evaluatedOn], foreignColumns: [primeEvaluations.sellerId, primeEvaluations.evaluatedOn] }),
  ],
);

// What the seller saw when writing a plan: the failing metrics with their figures and the defect orders behind them.
export type PlanSnapshot = {
  evaluatedOn: string | null;
  metrics: { metric: string; num: number; den: number; threshold: string }[];
  defectOrderIds: { metric: string; orderIds: string[] }[];
};

export const planOfActionStatus = pgEnum('plan_of_action_status', ['submitted', 'approved', 'rejected']);

export const plansOfAction = pgTable(
  'plans_of_action',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    problem: text().notNull(),
    rootCause: text().notNull(),
    preventiveSteps: text().notNull(),
    status: planOfActionStatus().notNull().default('submitted'),
    reviewerId: uuid().references(() => users.id),
    reviewNote: text(),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp({ withTimezone: true }),
    rejectedAt: timestamp({ withTimezone: true }),
    // The revocation this plan answers (a status change to "ineligible").
    revocationId: uuid().references(() => primeStatusChanges.id),
    snapshot: jsonb().$type<PlanSnapshot>(),
  },
  (t) => [
    index('plans_of_action_status_idx').on(t.status, t.submittedAt),
    index('plans_of_action_seller_idx').on(t.sellerId, t.submittedAt),
    // One open plan per seller; one approved plan per revocation.
    uniqueIndex('plans_of_action_one_open_key').on(t.sellerId).where(sql`status = 'submitted'`),
    uniqueIndex('plans_of_action_one_approved_key').on(t.revocationId).where(sql`status = 'approved'`),
  ],
);


// What the metrics are computed from: one row per seller's part of an order, fed by the domains that own the facts
// (orders and gifts for promises and cancellations, shipments for labels and scans) through lib/prime/facts.ts.
// Keeping the facts here lets the daily evaluation read one table, set-based, without joining other domains' tables.
export const cancellationActor = pgEnum('cancellation_actor', ['seller', 'buyer', 'giver', 'recipient', 'marketplace', 'system']);
export const labelSource = pgEnum('label_source', ['buy_shipping', 'external']);

export const sfpOrderFacts = pgTable(
  'sfp_order_facts',
  {
    orderId: uuid().notNull(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    purchasedAt: timestamp({ withTimezone: true }).notNull(),
    isPrime: boolean().notNull().default(false),
    sizeTier: sizeClass().notNull().default('standard'),
    // The promise: the latest ship date (a day in the seller's zone) and the promised delivery date (destination's day).
    expectedShipDate: date(),
    promisedDeliveryDate: date(),
    // The last instant that still counts as shipping on time (end of the expected ship day in the seller's zone).
    latestShipAt: timestamp({ withTimezone: true }),
    // The last instant that still counts as delivered on time.
    promisedDeliveryBy: timestamp({ withTimezone: true }),
    carrier: text(),
    carrierServiceId: text(),
    shipMethod: text(),
    trackingId: text(),
    labelSource: labelSource(),
    specialOperatingPlan: boolean().notNull().default(false),
    // A Buy Shipping label whose quoted delivery met the promise: a late delivery after an on-time scan is not held
    // against the seller (claims protection).
    claimsProtected: boolean().notNull().default(false),
    firstScanAt: timestamp({ withTimezone: true }),
    // First delivery attempt or delivery.
    clockStopAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelActor: cancellationActor(),
    cancelReason: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.sellerId] }),
    index('sfp_order_facts_seller_promise_idx').on(t.sellerId, t.promisedDeliveryDate),
    index('sfp_order_facts_seller_ship_idx').on(t.sellerId, t.expectedShipDate),
    // The defect report's keyset orders: by ship-by day (the purchase day without a promise), or by promised delivery.
    index('sfp_order_facts_seller_ship_key_idx').on(t.sellerId, sql`coalesce(${t.expectedShipDate}, (${t.purchasedAt} at time zone 'UTC')::date)`, t.orderId),
    index('sfp_order_facts_seller_promise_order_idx').on(t.sellerId, t.promisedDeliveryDate, t.orderId),
    // Defect candidates (a superset of each "X" column at any instant), so a filtered page of a seller with 100,000
    // orders reads only the few orders that can be defects (lib/prime/defects.ts repeats these predicates).
    index('sfp_order_facts_late_ship_candidates_idx')
      .on(t.sellerId, sql`coalesce(${t.expectedShipDate}, (${t.purchasedAt} at time zone 'UTC')::date)`, t.orderId)
      .where(sql`latest_ship_at is not null and (first_scan_at is null or first_scan_at > latest_ship_at)`),
    index('sfp_order_facts_late_delivery_candidates_idx')
      .on(t.sellerId, t.promisedDeliveryDate, t.orderId)
      .where(sql`promised_delivery_by is not null and (clock_stop_at is null or clock_stop_at > promised_delivery_by)`),
    index('sfp_order_facts_external_label_idx')
      .on(t.sellerId, sql`coalesce(${t.expectedShipDate}, (${t.purchasedAt} at time zone 'UTC')::date)`, t.orderId)
      .where(sql`label_source = 'external' and not special_operating_plan`),
    // The daily evaluation's window bound (lib/prime/sql.ts windowEndSql): facts are written as orders come, so pages
    // follow purchase time and a BRIN summary (a few kB) lets a day read about its window's pages, not all history.
    index('sfp_order_facts_window_end_brin').using(
      'brin',
      sql`greatest(coalesce(${t.expectedShipDate}, (${t.purchasedAt} at time zone 'UTC')::date), ${t.promisedDeliveryDate})`,
    ),
    index('sfp_order_facts_seller_cancelled_idx')
      .on(t.sellerId, sql`coalesce(${t.expectedShipDate}, (${t.purchasedAt} at time zone 'UTC')::date)`, t.orderId)
      .where(sql`cancel_actor = 'seller'`),
  ],
);

// One row per evaluated day: the claim that makes the daily evaluation run once per day across app instances (the
// second instance's INSERT waits on the first's and then finds the day taken).
export const primeEvaluationRuns = pgTable('prime_evaluation_runs', {
  day: date().primaryKey(),
  // The thresholds and windows every evaluation row of this day was judged by (a copy of lib/config.ts sfp then).
  thresholds: jsonb().$type<AppliedThresholds>().notNull().default({}),
  sellers: integer().notNull().default(0),
  statusChanges: integer().notNull().default(0),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});
