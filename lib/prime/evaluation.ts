import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getClient, getDb, rows, type Database } from '@/db';
import { primeEvaluationRuns, primeEvaluations, primeStatusChanges } from '@/db/schema';
import { getContactsForUsers } from '@/lib/accounts/contacts';
import { applyPrimeStatusChanges, listSellerPrimeStates, type SellerPrimeState } from '@/lib/catalog/prime-status';
import { config } from '@/lib/config';
import { enqueueMessages, type OutboxMessageInput } from '@/lib/notifications/outbox';
import { coverageForSellers } from './coverage';
import {
  addDays,
  decideTransition,
  evaluationInstant,
  failingOf,
  judgeMetrics,
  metricName,
  formatRate,
  utcDay,
  windowStartFor,
  type CoverageFigures,
  type Metric,
  type OrderCounts,
  type SfpThresholds,
  type Transition,
} from './rules';
import { buyShipCounted, buyShipDefect, cancelCounted, cancelDefect, deliverDefect, deliverGood, shipDefect, shipGood, shipKeySql, trackDefect, trackGood } from './sql';

export const thresholds = (): SfpThresholds & { evaluationCatchUpDays: number } => config().sfp;

type SellerWindow = { sellerId: string; since: string | null };

// One seller (the dashboard): constant bounds let Postgres combine its two (seller, date) indexes with a BitmapOr
// instead of reading every order of a large seller.
function oneSellerBounds(s: SellerWindow, days: readonly string[], windowDays: number) {
  const last = [...days].sort().at(-1)!;
  const first = [...days].sort()[0];
  let from = addDays(first, 1 - windowDays);
  if (s.since && s.since > from) from = s.since;
  return sql`and f.seller_id = ${s.sellerId}::uuid
     and (f.promised_delivery_date between ${from}::date and ${last}::date or ${shipKeySql} between ${from}::date and ${last}::date)`;
}

// The order metrics of many sellers over many days in ONE statement: every seller's window for each day, joined to
// the facts once and counted with FILTER clauses (the SQL twins of rules.ts). `since` moves a seller's window start
// later (a trial, a reinstatement).
export async function countOrderMetricsSql(
  tx: Database,
  sellersIn: readonly SellerWindow[],
  days: readonly string[],
  windowDays: number,
  opts: { oneSeller?: boolean; asOf?: Date } = {},
): Promise<Map<string, OrderCounts & { windowStart: string }>> {
  if (sellersIn.length === 0 || days.length === 0) return new Map();
  const list = days.length === 1 ? await oneDayCounts(tx, sellersIn, days[0], windowDays, opts) : rows<Record<string, string | number>>(await manyDayCounts(tx, sellersIn, days, windowDays, opts));
  const out = new Map<string, OrderCounts & { windowStart: string }>();
  for (const r of list as Record<string, string | number>[]) {
    const n = (k: string) => Number(r[k]);
    out.set(`${r.sellerId}|${r.day}`, {
      windowStart: String(r.windowStart),
      on_time_shipment: { num: n('ots_num'), den: n('ots_den') },
      on_time_delivery: { num: n('otd_num'), den: n('otd_den') },
      valid_tracking: { num: n('vtr_num'), den: n('vtr_den') },
      cancellation: { num: n('cr_num'), den: n('cr_den') },
      buy_shipping: { num: n('bs_num'), den: n('bs_den') },
    });
  }
  return out;
}

// One day (the daily job, the dashboard). Every seller measured over the whole window [lo, day] (the usual case) is
// counted by ONE aggregate over the facts, with constant bounds: no join, so Postgres can scan in parallel and hash by
// seller (for one seller it combines its two (seller, date) indexes instead). Each metric counts its good and its
// defect packages (den = good + defect). The few sellers whose window starts later (a trial, a reinstatement) are
// counted by a second statement that reads only their facts, through the seller indexes.
const ONE_DAY_COUNTS = ['ots_g', 'ots_d', 'otd_g', 'otd_d', 'vtr_g', 'vtr_d', 'cr_all', 'cr_d', 'bs_all', 'bs_d'] as const;

// Each metric's good and defect packages as a plain count with a FILTER (the SQL twins of rules.ts), in a single-level
// GROUP BY seller: Postgres then aggregates in its parallel workers (a partial aggregate per worker) instead of
// classifying every row in the leader, which a two-level (seller, classification) grouping forced.
function countsOf(a: SQL, sIn: SQL, dIn: SQL) {
  const count = (name: (typeof ONE_DAY_COUNTS)[number], window: SQL, e: SQL) => sql`count(*) filter (where ${window} and ${e})::int as ${sql.raw(name)}`;
  return sql.join(
    [
      count('ots_g', sIn, shipGood(a)),
      count('ots_d', sIn, shipDefect(a)),
      count('otd_g', dIn, deliverGood(a)),
      count('otd_d', dIn, deliverDefect(a)),
      count('vtr_g', sIn, trackGood(a)),
      count('vtr_d', sIn, trackDefect(a)),
      count('cr_all', sIn, cancelCounted(a)),
      count('cr_d', sIn, cancelDefect(a)),
      count('bs_all', sIn, buyShipCounted(a)),
      count('bs_d', sIn, buyShipDefect(a)),
    ],
    sql`, `,
  );
}

async function oneDayCounts(tx: Database, sellersIn: readonly SellerWindow[], day: string, windowDays: number, opts: { oneSeller?: boolean; asOf?: Date }) {
  const a = opts.asOf ? sql`${opts.asOf}::timestamptz` : sql`${evaluationInstant(day)}::timestamptz`;
  const lo = addDays(day, 1 - windowDays);
  const fromOf = (s: SellerWindow) => (s.since && s.since > lo ? s.since : lo);
  const whole = sellersIn.filter((s) => fromOf(s) === lo);
  const later = sellersIn.filter((s) => fromOf(s) !== lo);
  const found = new Map<string, Record<string, unknown>>();
  if (whole.length > 0) {
    const sIn = sql`${shipKeySql} between ${lo}::date and ${day}::date`;
    const dIn = sql`f.promised_delivery_date between ${lo}::date and ${day}::date`;
    const only = opts.oneSeller || whole.length === 1 ? sql`and f.seller_id = ${whole[0].sellerId}::uuid` : sql``;
    const res = await tx.execute(sql`
      select f.seller_id as "sellerId", ${countsOf(a, sIn, dIn)}
      from sfp_order_facts f
      where f.purchased_at < ${a} and (${dIn} or ${sIn}) ${only}
      group by f.seller_id`);
    for (const r of rows<Record<string, unknown>>(res)) found.set(String(r.sellerId), r);
  }
  if (later.length > 0) {
    const sIn = sql`${shipKeySql} between w.from_day and ${day}::date`;
    const dIn = sql`f.promised_delivery_date between w.from_day and ${day}::date`;
    const res = await tx.execute(sql`
      select w.seller_id as "sellerId", ${countsOf(a, sIn, dIn)}
      from unnest(${sql.param(later.map((s) => s.sellerId))}::uuid[], ${sql.param(later.map(fromOf))}::date[]) as w(seller_id, from_day)
      join sfp_order_facts f on f.seller_id = w.seller_id and f.purchased_at < ${a} and (${dIn} or ${sIn})
      group by w.seller_id`);
    for (const r of rows<Record<string, unknown>>(res)) found.set(String(r.sellerId), r);
  }
  return sellersIn.map((s) => {
    const r = found.get(s.sellerId);
    const n = Object.fromEntries(ONE_DAY_COUNTS.map((k) => [k, Number(r?.[k] ?? 0)])) as Record<(typeof ONE_DAY_COUNTS)[number], number>;
    return {
      sellerId: s.sellerId,
      day,
      windowStart: fromOf(s),
      ots_num: n.ots_g,
      ots_den: n.ots_g + n.ots_d,
      otd_num: n.otd_g,
      otd_den: n.otd_g + n.otd_d,
      vtr_num: n.vtr_g,
      vtr_den: n.vtr_g + n.vtr_d,
      cr_num: n.cr_d,
      cr_den: n.cr_all,
      bs_num: n.bs_all - n.bs_d,
      bs_den: n.bs_all,
    };
  });
}

// Several days at once (demo history): every seller's window for each day, joined to the facts.
function manyDayCounts(tx: Database, sellersIn: readonly SellerWindow[], days: readonly string[], windowDays: number, opts: { oneSeller?: boolean; asOf?: Date }) {
  const a = sql.raw('w.as_of');
  const inShip = sql`${shipKeySql} between w.from_day and w.day`;
  const inDelivery = sql`f.promised_delivery_date between w.from_day and w.day`;
  return tx.execute(sql`
    with w as (
      select s.seller_id, d.day,
             greatest(d.day - ${windowDays - 1}::int, coalesce(s.since, d.day - ${windowDays - 1}::int)) as from_day,
             ${opts.asOf ? sql`${opts.asOf}::timestamptz` : sql`((d.day + 1)::timestamp at time zone 'UTC')`} as as_of
      from unnest(${sql.param(sellersIn.map((s) => s.sellerId))}::uuid[], ${sql.param(sellersIn.map((s) => s.since))}::date[]) as s(seller_id, since)
      cross join unnest(${sql.param([...days])}::date[]) as d(day)
    )
    select w.seller_id as "sellerId", w.day::text as day, w.from_day::text as "windowStart",
      count(*) filter (where ${inShip} and ${shipGood(a)})::int as ots_num,
      count(*) filter (where ${inShip} and (${shipGood(a)} or ${shipDefect(a)}))::int as ots_den,
      count(*) filter (where ${inDelivery} and ${deliverGood(a)})::int as otd_num,
      count(*) filter (where ${inDelivery} and (${deliverGood(a)} or ${deliverDefect(a)}))::int as otd_den,
      count(*) filter (where ${inShip} and ${trackGood(a)})::int as vtr_num,
      count(*) filter (where ${inShip} and (${trackGood(a)} or ${trackDefect(a)}))::int as vtr_den,
      count(*) filter (where ${inShip} and ${cancelDefect(a)})::int as cr_num,
      count(*) filter (where ${inShip} and ${cancelCounted(a)})::int as cr_den,
      count(*) filter (where ${inShip} and ${buyShipCounted(a)} and not ${buyShipDefect(a)})::int as bs_num,
      count(*) filter (where ${inShip} and ${buyShipCounted(a)})::int as bs_den
    from w
    left join sfp_order_facts f
      on f.seller_id = w.seller_id
     and f.purchased_at < w.as_of
     and (f.promised_delivery_date between w.from_day and w.day or ${shipKeySql} between w.from_day and w.day)
     ${opts.oneSeller ? oneSellerBounds(sellersIn[0], days, windowDays) : sql``}
    group by w.seller_id, w.day, w.from_day`);
}

const sinceOf = (s: SellerPrimeState) => (s.status === 'trial' ? s.trialStartedAt : s.status === 'enrolled' ? s.enrolledAt : null);
export const windowOf = (s: SellerPrimeState): SellerWindow => {
  const since = sinceOf(s);
  return { sellerId: s.sellerId, since: since ? utcDay(since) : null };
};

type EvaluationRow = {
  sellerId: string;
  day: string;
  phase: SellerPrimeState['status'];
  windowStart: string;
  counts: OrderCounts;
  coverage: CoverageFigures;
  failing: Metric[];
};

// The thresholds and windows a row was judged by (not the rest of the SFP configuration: returns, SAFE-T...).
const APPLIED: readonly (keyof SfpThresholds)[] = [
  'windowDays', 'onTimeShipmentMin', 'onTimeDeliveryMin', 'validTrackingMin', 'validTrackingEnforced', 'cancellationMax', 'buyShippingMin',
  'oneDayCoverageMin', 'twoDayCoverageMin', 'operatingDaysMin', 'weekdayCutoffEarliest', 'weekendCutoffEarliest', 'pickupEarliest', 'trialDays',
];
const appliedThresholds = (t: SfpThresholds) => Object.fromEntries(APPLIED.map((k) => [k, t[k]]));

// Inserts evaluation rows in one statement; a row that exists (seller, day) is left alone. Returns the new rows' ids,
// only those of `wanted` when given (the daily job needs the few it decides a transition on, not 10,000 ids).
async function insertEvaluations(tx: Database, list: readonly EvaluationRow[], t: SfpThresholds, wanted?: readonly EvaluationRow[]): Promise<Map<string, string>> {
  if (list.length === 0) return new Map();
  // Each column as one array literal: its values (ids, days, numbers, plain words) need no quoting, and the driver
  // would otherwise escape 10,000 x 28 values one by one.
  const col = (f: (e: EvaluationRow) => string | number | null) => sql.param(`{${list.map((e) => f(e) ?? 'NULL').join(',')}}`);
  const c = (e: EvaluationRow, k: keyof CoverageFigures, part: 'num' | 'den') => e.coverage[k]?.[part] ?? null;
  const res = await tx.execute(sql`
    with written as (
    insert into ${primeEvaluations} (seller_id, evaluated_on, window_days, outcome, phase, window_start, as_of,
      on_time_shipment_num, on_time_shipment_den, on_time_delivery_num, on_time_delivery_den, valid_tracking_num, valid_tracking_den,
      cancellation_num, cancellation_den, buy_shipping_num, buy_shipping_den,
      one_day_num, one_day_den, two_day_num, two_day_den, nationwide_num, nationwide_den, weekend_ops_num, weekend_ops_den,
      weekend_delivery_num, weekend_delivery_den, cutoff_num, cutoff_den, thresholds, failing)
    select x.seller_id, x.day, ${t.windowDays}, x.outcome::prime_evaluation_outcome, x.phase::prime_program_status, x.window_start,
      (x.day + 1)::timestamp at time zone 'UTC',
      x.ots_n, x.ots_d, x.otd_n, x.otd_d, x.vtr_n, x.vtr_d, x.cr_n, x.cr_d, x.bs_n, x.bs_d,
      x.od_n, x.od_d, x.td_n, x.td_d, x.nw_n, x.nw_d, x.wo_n, x.wo_d, x.wd_n, x.wd_d, x.co_n, x.co_d,
      ${JSON.stringify(appliedThresholds(t))}::jsonb, coalesce(string_to_array(nullif(x.failing, ''), ','), '{}')::prime_metric[]
    from unnest(
      ${col((e) => e.sellerId)}::uuid[], ${col((e) => e.day)}::date[], ${col((e) => (e.failing.length ? 'fails' : 'meets'))}::text[],
      ${col((e) => e.phase)}::text[], ${col((e) => e.windowStart)}::date[],
      ${col((e) => e.counts.on_time_shipment.num)}::int[], ${col((e) => e.counts.on_time_shipment.den)}::int[],
      ${col((e) => e.counts.on_time_delivery.num)}::int[], ${col((e) => e.counts.on_time_delivery.den)}::int[],
      ${col((e) => e.counts.valid_tracking.num)}::int[], ${col((e) => e.counts.valid_tracking.den)}::int[],
      ${col((e) => e.counts.cancellation.num)}::int[], ${col((e) => e.counts.cancellation.den)}::int[],
      ${col((e) => e.counts.buy_shipping.num)}::int[], ${col((e) => e.counts.buy_shipping.den)}::int[],
      ${col((e) => c(e, 'oneDay', 'num'))}::bigint[], ${col((e) => c(e, 'oneDay', 'den'))}::bigint[],
      ${col((e) => c(e, 'twoDay', 'num'))}::bigint[], ${col((e) => c(e, 'twoDay', 'den'))}::bigint[],
      ${col((e) => c(e, 'nationwide', 'num'))}::smallint[], ${col((e) => c(e, 'nationwide', 'den'))}::smallint[],
      ${col((e) => c(e, 'weekendOps', 'num'))}::smallint[], ${col((e) => c(e, 'weekendOps', 'den'))}::smallint[],
      ${col((e) => c(e, 'weekendDelivery', 'num'))}::smallint[], ${col((e) => c(e, 'weekendDelivery', 'den'))}::smallint[],
      ${col((e) => c(e, 'cutoff', 'num'))}::smallint[], ${col((e) => c(e, 'cutoff', 'den'))}::smallint[],
      ${sql.param(list.map((e) => e.failing.join(',')))}::text[]
    ) as x(seller_id, day, outcome, phase, window_start, ots_n, ots_d, otd_n, otd_d, vtr_n, vtr_d, cr_n, cr_d, bs_n, bs_d,
           od_n, od_d, td_n, td_d, nw_n, nw_d, wo_n, wo_d, wd_n, wd_d, co_n, co_d, failing)
    on conflict (seller_id, evaluated_on) do nothing
    returning id, seller_id, evaluated_on
    )
    select w.id, w.seller_id as "sellerId", w.evaluated_on::text as day from written w
    ${wanted ? sql`join unnest(${sql.param(wanted.map((e) => e.sellerId))}::uuid[], ${sql.param(wanted.map((e) => e.day))}::date[]) as k(seller_id, day) on k.seller_id = w.seller_id and k.day = w.evaluated_on` : sql``}`);
  return new Map(rows<{ id: string; sellerId: string; day: string }>(res).map((r) => [`${r.sellerId}|${r.day}`, r.id]));
}

// Every seller's evaluation rows for some days, computed and written set-based (no transitions): the daily job's
// first half, and how demo data gets a history.
// `idsOf`: the rows whose new id the caller needs (all of them by default).
export async function writeEvaluations(tx: Database, states: readonly SellerPrimeState[], days: readonly string[], t = thresholds(), idsOf?: (e: EvaluationRow) => boolean) {
  const [counts, coverage] = await Promise.all([countOrderMetricsSql(tx, states.map(windowOf), days, t.windowDays), coverageForSellers(tx, states.map((s) => s.sellerId))]);
  const list: EvaluationRow[] = [];
  for (const day of days)
    for (const s of states) {
      const k = counts.get(`${s.sellerId}|${day}`);
      if (!k) continue;
      const cov = coverage.get(s.sellerId) ?? { oneDay: null, twoDay: null, nationwide: null, weekendOps: null, weekendDelivery: null, cutoff: null };
      const failing = failingOf(k, cov, t);
      list.push({ sellerId: s.sellerId, day, phase: s.status, windowStart: k.windowStart, counts: k, coverage: cov, failing });
    }
  const ids = await insertEvaluations(tx, list, t, idsOf ? list.filter(idsOf) : undefined);
  return { list, ids };
}

export type DayResult = { day: string; evaluated: number; changes: { sellerId: string; transition: Transition }[] } | null;

// One day for every seller, in one transaction: claim the day, compute and write one row per seller, and apply what
// the new rows decide (revocations, trial outcomes) with their status history and emails. Returns null when another
// run already did (or is doing) this day.
export async function evaluateDay(day: string, now = new Date()): Promise<DayResult> {
  const db = await getDb();
  const t = thresholds();
  return db.transaction(async (tx) => {
    // The claim: a concurrent run's INSERT waits for this transaction, then finds the day taken and does nothing.
    const claimed = rows(await tx.execute(sql`insert into ${primeEvaluationRuns} (day) values (${day}::date) on conflict do nothing returning day`));
    if (claimed.length === 0) return null;
    // One scan of simple expressions: compiling it (JIT) costs more than it saves. The day's aggregates (10,000 sellers,
    // their ZIP3s and handling rows) fit in memory with room to spare: no spill to disk.
    if ((await getClient()).driver === 'node-postgres') await tx.execute(sql`set local jit = off; set local work_mem = '64MB'`);
    const states = await listSellerPrimeStates(tx);
    const asOf = evaluationInstant(day);
    const stateOf = new Map(states.map((s) => [s.sellerId, s]));
    // What each new row decides (revocations, trial outcomes), judged before the write so only those rows' ids return.
    const transitionOf = new Map<string, Transition>();
    const { list, ids } = await writeEvaluations(tx, states, [day], t, (e) => {
      const transition = decideTransition(stateOf.get(e.sellerId)!, { failing: e.failing, shippedPackages: e.counts.on_time_shipment.den, asOf }, t.trialDays);
      if (transition) transitionOf.set(e.sellerId, transition);
      return !!transition;
    });
    const decided: { sellerId: string; evaluationId: string; transition: Transition; failing: Metric[]; row: EvaluationRow }[] = [];
    for (const e of list) {
      const transition = transitionOf.get(e.sellerId);
      if (!transition) continue;
      const evaluationId = ids.get(`${e.sellerId}|${day}`);
      if (!evaluationId) continue; // written before (an earlier partial run can't exist: the day claim is in this transaction)
      decided.push({ sellerId: e.sellerId, evaluationId, transition, failing: e.failing, row: e });
    }
    const applied = new Set(
      await applyPrimeStatusChanges(
        tx,
        decided.map((d) => ({ sellerId: d.sellerId, from: stateOf.get(d.sellerId)!.status, to: d.transition.to })),
        now,
      ),
    );
    const done = decided.filter((d) => applied.has(d.sellerId));
    await recordStatusChanges(
      tx,
      done.map((d) => ({ sellerId: d.sellerId, from: stateOf.get(d.sellerId)!.status, to: d.transition.to, cause: d.transition.cause, evaluationId: d.evaluationId, failing: d.failing, note: d.transition.note, at: now })),
    );
    const contacts = await getContactsForUsers(tx, done.map((d) => stateOf.get(d.sellerId)!.userId));
    const messages: OutboxMessageInput[] = [];
    for (const d of done) {
      const email = contacts.get(stateOf.get(d.sellerId)!.userId)?.email;
      if (email) messages.push(statusEmail(email, stateOf.get(d.sellerId)!.displayName, d.transition, d.row, t));
    }
    await enqueueMessages(tx, messages);
    await tx.execute(sql`update ${primeEvaluationRuns} set sellers = ${list.length}, status_changes = ${done.length}, finished_at = now() where day = ${day}::date`);
    return { day, evaluated: list.length, changes: done.map((d) => ({ sellerId: d.sellerId, transition: d.transition })) };
  });
}

export type StatusChangeRecord = {
  sellerId: string;
  from: SellerPrimeState['status'];
  to: SellerPrimeState['status'];
  cause: (typeof primeStatusChanges.cause.enumValues)[number];
  evaluationId?: string | null;
  planId?: string | null;
  actorUserId?: string | null;
  failing?: Metric[];
  note?: string | null;
  at?: Date;
};

export async function recordStatusChanges(tx: Database, list: readonly StatusChangeRecord[]): Promise<string[]> {
  if (list.length === 0) return [];
  const inserted = await tx
    .insert(primeStatusChanges)
    .values(
      list.map((c) => ({
        sellerId: c.sellerId,
        fromStatus: c.from,
        toStatus: c.to,
        cause: c.cause,
        evaluationId: c.evaluationId ?? null,
        planId: c.planId ?? null,
        actorUserId: c.actorUserId ?? null,
        failing: c.failing ?? [],
        note: c.note ?? null,
        ...(c.at ? { createdAt: c.at } : {}),
      })),
    )
    .returning({ id: primeStatusChanges.id });
  return inserted.map((r) => r.id);
}

function statusEmail(to: string, sellerName: string, tr: Transition, e: EvaluationRow, t: SfpThresholds): OutboxMessageInput {
  const url = `${config().appUrl}/seller/prime`;
  const results = judgeMetrics(e.counts, e.coverage, t).filter((r) => r.status === 'fail');
  const lines = results.map((r) => `- ${metricName(r.metric)}: ${formatRate(r)} (${r.num} of ${r.den}; requirement ${r.threshold})`);
  if (tr.cause === 'revoked') {
    return {
      channel: 'email',
      recipient: to,
      template: 'prime_revoked',
      subject: 'Your Seller Fulfilled Prime eligibility was revoked',
      body: [
        `Hello ${sellerName},`,
        '',
        `On ${e.day} your Seller Fulfilled Prime metrics fell below the requirements, so your eligibility was revoked: the Prime badge is off on your offers and your program status is "Ineligible".`,
        '',
        'Failing metrics:',
        ...lines,
        '',
        `See the causes, suggested actions and the orders behind them, and submit a plan of action, on your Prime performance dashboard: ${url}`,
      ].join('\n'),
    };
  }
  if (tr.cause === 'trial_passed') {
    return {
      channel: 'email',
      recipient: to,
      template: 'prime_trial_passed',
      subject: 'You passed the Seller Fulfilled Prime trial',
      body: [`Hello ${sellerName},`, '', 'You met every requirement during your trial: you are now enrolled in Seller Fulfilled Prime and the Prime badge shows on your offers.', '', `Your dashboard: ${url}`].join('\n'),
    };
  }
  return {
    channel: 'email',
    recipient: to,
    template: 'prime_trial_failed',
    subject: 'Your Seller Fulfilled Prime trial ended',
    body: [`Hello ${sellerName},`, '', `Your trial ended without enrollment. ${tr.note}`, ...(lines.length ? ['', ...lines] : []), '', `You can start a new trial once you pre-qualify again: ${url}`].join('\n'),
  };
}

// The daily job: every day from the one after the last evaluated up to yesterday (UTC), oldest first, each in its own
// transaction, at most evaluationCatchUpDays of them. The first run ever evaluates yesterday only.
export async function runDailyEvaluation({ now = new Date() }: { now?: Date } = {}) {
  const db = await getDb();
  const t = thresholds();
  const yesterday = addDays(utcDay(now), -1);
  const [last] = rows<{ day: string | null }>(await db.execute(sql`select max(day)::text as day from ${primeEvaluationRuns}`));
  const earliest = addDays(yesterday, 1 - t.evaluationCatchUpDays);
  let day = last?.day ? addDays(last.day, 1) : yesterday;
  if (day < earliest) day = earliest;
  let days = 0;
  let evaluated = 0;
  let changes = 0;
  for (; day <= yesterday; day = addDays(day, 1)) {
    const r = await evaluateDay(day, now);
    if (!r) continue;
    days++;
    evaluated += r.evaluated;
    changes += r.changes.length;
  }
  return { days, evaluated, changes };
}
