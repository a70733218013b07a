import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { canWorkBesideTransaction, getClient, getDb, rows, type Database } from '@/db';
import { primeEvaluationRuns, primeEvaluations, primeStatusChanges } from '@/db/schema';
import { getContactsForUsers } from '@/lib/accounts/contacts';
import { applyPrimeStatusChanges, getSellerPrimeStates, listSellerProgramPhases, type SellerPrimeState, type SellerProgramPhase } from '@/lib/catalog/prime-status';
import { config } from '@/lib/config';
import { enqueueMessages, type OutboxMessageInput } from '@/lib/notifications/outbox';
import { evaluationShippingInputs } from '@/lib/shipping/operations';
import {
  addDays,
  decideTransition,
  evaluationInstant,
  judgeMetrics,
  metricName,
  formatRate,
  programSince,
  utcDay,
  windowStartFrom,
  type CoverageFigures,
  type Metric,
  type OrderCounts,
  type OrderMetric,
  type SfpThresholds,
  type Transition,
} from './rules';
import { buyShipCounted, buyShipDefect, cancelCounted, cancelDefect, deliverDefect, deliverGood, coverageFiguresSql, failingCoverageMetricsSql, failingOrderMetricsSql, shipDefect, shipGood, shipKeySql, trackDefect, trackGood, windowEndSql } from './sql';

export const thresholds = (): SfpThresholds & { evaluationCatchUpDays: number } => config().sfp;

type SellerWindow = { sellerId: string; since: string | null };


// The order metrics of many sellers for one day (the dashboard, tests): every seller's counts, as numerators and
// denominators. The daily job counts the same way (dayCountQueries) but keeps the counts in the database.
export async function countOrderMetricsSql(
  tx: Database,
  sellersIn: readonly SellerWindow[],
  day: string,
  windowDays: number,
  opts: { oneSeller?: boolean; asOf?: Date } = {},
): Promise<Map<string, OrderCounts & { windowStart: string }>> {
  const out = new Map<string, OrderCounts & { windowStart: string }>();
  if (sellersIn.length === 0) return out;
  const q = dayCountQueries(sellersIn, day, windowDays, opts);
  // `whole` counts every seller with facts over the whole window: a seller whose window starts later takes only
  // `later`'s counts (none: zero), never the whole window's.
  const found = new Map<string, Record<string, unknown>>();
  if (q.whole) for (const r of rows<Record<string, unknown>>(await tx.execute(q.whole))) if (!q.laterIds.has(String(r.seller_id))) found.set(String(r.seller_id), r);
  if (q.later) for (const r of rows<Record<string, unknown>>(await tx.execute(q.later))) found.set(String(r.seller_id), r);
  for (const s of sellersIn) {
    const r = found.get(s.sellerId);
    const n = (k: (typeof DAY_COUNT_COLUMNS)[number]) => Number(r?.[k] ?? 0);
    out.set(s.sellerId, {
      windowStart: q.fromOf(s),
      on_time_shipment: { num: n('ots_n'), den: n('ots_d') },
      on_time_delivery: { num: n('otd_n'), den: n('otd_d') },
      valid_tracking: { num: n('vtr_n'), den: n('vtr_d') },
      cancellation: { num: n('cr_n'), den: n('cr_d') },
      buy_shipping: { num: n('bs_n'), den: n('bs_d') },
    });
  }
  return out;
}

// Each metric's numerator and denominator, named as the evaluation's columns (ots: on-time shipment, otd: on-time
// delivery, vtr: valid tracking, cr: cancellation rate, bs: Buy Shipping; _n numerator, _d denominator).
const DAY_COUNT_COLUMNS = ['ots_n', 'ots_d', 'otd_n', 'otd_d', 'vtr_n', 'vtr_d', 'cr_n', 'cr_d', 'bs_n', 'bs_d'] as const;

// Each metric's good and defect packages as a plain count with a FILTER (the SQL twins of rules.ts), in a single-level
// GROUP BY seller: Postgres then aggregates in its parallel workers (a partial aggregate per worker) instead of
// classifying every row in the leader, which a two-level (seller, classification) grouping forced. The outer select
// turns them into numerators and denominators (den = good + defect).
function countsSelect(a: SQL, sIn: SQL, dIn: SQL, sellerCol: SQL, from: SQL, where: SQL) {
  const count = (window: SQL, e: SQL) => sql`count(*) filter (where ${window} and ${e})::int`;
  return sql`
    select c.seller_id, c.ots_g as ots_n, c.ots_g + c.ots_x as ots_d, c.otd_g as otd_n, c.otd_g + c.otd_x as otd_d,
      c.vtr_g as vtr_n, c.vtr_g + c.vtr_x as vtr_d, c.cr_x as cr_n, c.cr_all as cr_d, c.bs_all - c.bs_x as bs_n, c.bs_all as bs_d
    from (
      select ${sellerCol} as seller_id,
        ${count(sIn, shipGood(a))} as ots_g, ${count(sIn, shipDefect(a))} as ots_x,
        ${count(dIn, deliverGood(a))} as otd_g, ${count(dIn, deliverDefect(a))} as otd_x,
        ${count(sIn, trackGood(a))} as vtr_g, ${count(sIn, trackDefect(a))} as vtr_x,
        ${count(sIn, cancelCounted(a))} as cr_all, ${count(sIn, cancelDefect(a))} as cr_x,
        ${count(sIn, buyShipCounted(a))} as bs_all, ${count(sIn, buyShipDefect(a))} as bs_x
      from ${from}
      where ${where}
      group by 1
    ) c`;
}

// One day's counts as (at most) two SELECTs of DAY_COUNT_COLUMNS by seller_id. Every seller measured over the whole
// window [lo, day] (the usual case) is counted by ONE aggregate over the facts, with constant bounds: no join, so
// Postgres can scan in parallel and hash by seller (for one seller it combines its two (seller, date) indexes
// instead). `whole` counts every seller with facts unless it is about one seller. The few sellers whose window starts
// later (a trial, a reinstatement) are counted by `later`, which reads only their facts, through the seller indexes.
// The window's facts are also those whose later key date (ship-by or promised) is on or after lo: a redundant bound
// that the BRIN index on that date (sfp_order_facts_window_end_brin) answers, so a day reads the pages of about its
// window's weeks, not the whole history (facts are written as orders come, so pages follow time).
function dayCountQueries(sellersIn: readonly SellerWindow[], day: string, windowDays: number, opts: { oneSeller?: boolean; asOf?: Date }) {
  const a = opts.asOf ? sql`${opts.asOf}::timestamptz` : sql`${evaluationInstant(day)}::timestamptz`;
  const lo = addDays(day, 1 - windowDays);
  const fromOf = (s: SellerWindow) => (s.since && s.since > lo ? s.since : lo);
  const whole = sellersIn.filter((s) => fromOf(s) === lo);
  const later = sellersIn.filter((s) => fromOf(s) !== lo);
  const only = opts.oneSeller || whole.length === 1 ? whole[0]?.sellerId : undefined;
  return {
    laterIds: new Set(later.map((s) => s.sellerId)),
    whole: whole.length > 0 ? wholeWindowCounts(a, lo, day, only) : null,
    later: later.length > 0 ? laterWindowCounts(a, later.map((s) => ({ sellerId: s.sellerId, from: fromOf(s) })), day) : null,
    fromOf,
  };
}

// Every seller's counts over the whole window [lo, day] (or one seller's).
function wholeWindowCounts(a: SQL, lo: string, day: string, onlySeller?: string) {
  const sIn = sql`${shipKeySql} between ${lo}::date and ${day}::date`;
  const dIn = sql`f.promised_delivery_date between ${lo}::date and ${day}::date`;
  const only = onlySeller ? sql`and f.seller_id = ${onlySeller}::uuid` : sql``;
  return countsSelect(a, sIn, dIn, sql`f.seller_id`, sql`sfp_order_facts f`, sql`f.purchased_at < ${a} and ${windowEndSql} >= ${lo}::date and (${dIn} or ${sIn}) ${only}`);
}

// The counts of sellers whose window starts later than the whole window's first day, each from its own.
function laterWindowCounts(a: SQL, later: readonly { sellerId: string; from: string }[], day: string) {
  const sIn = sql`${shipKeySql} between w.from_day and ${day}::date`;
  const dIn = sql`f.promised_delivery_date between w.from_day and ${day}::date`;
  return countsSelect(
    a,
    sIn,
    dIn,
    sql`w.seller_id`,
    sql`unnest(${sql.param(later.map((s) => s.sellerId))}::uuid[], ${sql.param(later.map((s) => s.from))}::date[]) as w(seller_id, from_day)
      join sfp_order_facts f on f.seller_id = w.seller_id and f.purchased_at < ${a} and (${dIn} or ${sIn})`,
    sql`true`,
  );
}

export const windowOf = (s: SellerProgramPhase): SellerWindow => {
  const since = programSince(s);
  return { sellerId: s.sellerId, since: since ? utcDay(since) : null };
};

// The thresholds and windows a day was judged by (not the rest of the SFP configuration: returns, SAFE-T...), kept
// on the day's run row.
const APPLIED: readonly (keyof SfpThresholds)[] = [
  'windowDays', 'onTimeShipmentMin', 'onTimeDeliveryMin', 'validTrackingMin', 'validTrackingEnforced', 'cancellationMax', 'buyShippingMin',
  'oneDayCoverageMin', 'twoDayCoverageMin', 'operatingDaysMin', 'weekdayCutoffEarliest', 'weekendCutoffEarliest', 'pickupEarliest', 'trialDays',
];
const appliedThresholds = (t: SfpThresholds) => Object.fromEntries(APPLIED.map((k) => [k, t[k]]));

// What the day's write sends per seller: its state and window. The order half (the day's counts) and the coverage half
// (lib/shipping's evaluationShippingInputs) are joined in the database.
type SellerDayInput = { sellerId: string; phase: SellerPrimeState['status']; windowStart: string };

type WrittenRow = { sellerId: string; failing: Metric[]; counts: OrderCounts; coverage: CoverageFigures };

const COVERAGE_COLUMNS = [
  ['oneDay', 'one_day'],
  ['twoDay', 'two_day'],
  ['nationwide', 'nationwide'],
  ['weekendOps', 'weekend_ops'],
  ['weekendDelivery', 'weekend_delivery'],
  ['cutoff', 'cutoff'],
] as const;
// Each order metric (its evaluation columns are <metric>_num, <metric>_den) and its short name in the day's counts.
const ORDER_COLUMNS: readonly [OrderMetric, string][] = [
  ['on_time_shipment', 'ots'],
  ['on_time_delivery', 'otd'],
  ['valid_tracking', 'vtr'],
  ['cancellation', 'cr'],
  ['buy_shipping', 'bs'],
];

// The day's counts, kept in the database (writeDayRows reads them): the aggregate over every seller's facts for the
// whole window creates a temporary table, dropped at commit (CREATE TABLE AS runs in parallel workers; INSERT ...
// SELECT would not). It needs no seller list, so it can start before the sellers are read.
async function countWholeWindow(tx: Database, day: string, t: SfpThresholds) {
  await tx.execute(sql`create temporary table prime_day_counts on commit drop as ${wholeWindowCounts(sql`${evaluationInstant(day)}::timestamptz`, addDays(day, 1 - t.windowDays), day)}`);
  // One row per seller: saying so lets the planner join it to the day's 10,000 inputs by hash instead of sorting both.
  await tx.execute(sql`alter table prime_day_counts add primary key (seller_id)`);
}

// Then the few sellers whose window starts later (a trial, a reinstatement) get their own window's counts instead.
async function countLaterWindows(tx: Database, windows: readonly SellerWindow[], day: string, t: SfpThresholds) {
  const lo = addDays(day, 1 - t.windowDays);
  const later = windows.filter((w) => w.since && w.since > lo).map((w) => ({ sellerId: w.sellerId, from: w.since! }));
  if (later.length === 0) return;
  const cols = sql.raw(DAY_COUNT_COLUMNS.join(', '));
  await tx.execute(sql`delete from prime_day_counts where seller_id = any(${sql.param(later.map((w) => w.sellerId))}::uuid[])`);
  await tx.execute(sql`insert into prime_day_counts (seller_id, ${cols}) select seller_id, ${cols} from (${laterWindowCounts(sql`${evaluationInstant(day)}::timestamptz`, later, day)}) l`);
}

// One INSERT joins the day's counts (countWholeWindow, countLaterWindows) to what this process sends per seller, judges the order metrics in SQL
// (failingOrderMetricsSql, the twin of rules.ts judge) and writes every row. Only the rows the day may act on come
// back. A (seller, day) row that already exists is left alone. That happens only when a day is evaluated again after
// its run row was removed (a test, a seed, someone re-running a day): the day's claim makes it once per day otherwise.
// So the INSERT checks each row for a conflict (a third of its cost) only when the day already has rows, which the
// BRIN index on the day answers from a few pages.
async function writeDayRows(tx: Database, input: readonly SellerDayInput[], shipping: SQL, day: string, t: SfpThresholds): Promise<WrittenRow[]> {
  if (input.length === 0) return [];
  const [{ existing }] = rows<{ existing: boolean }>(await tx.execute(sql`select exists (select 1 from ${primeEvaluations} where evaluated_on = ${day}::date) as existing`));
  // Each input column as one array literal: its values (ids, days, plain words) need no quoting, and the driver would
  // otherwise escape 10,000 x 3 values one by one.
  const arr = (f: (e: SellerDayInput) => string) => sql.param(`{${input.map(f).join(',')}}`);
  const k = (m: OrderMetric, part: 'n' | 'd') => sql.raw(`coalesce(c.${ORDER_COLUMNS.find((o) => o[0] === m)![1]}_${part}, 0)`);
  const orderCols = ORDER_COLUMNS.flatMap(([m]) => [`${m}_num`, `${m}_den`]);
  const figures = coverageFiguresSql(t.operatingDaysMin);
  const covCols = COVERAGE_COLUMNS.flatMap(([, c]) => [`${c}_num`, `${c}_den`]);
  const res = await tx.execute(sql`
    with written as (
      insert into ${primeEvaluations} (seller_id, evaluated_on, window_days, outcome, phase, window_start, as_of, ${sql.raw([...orderCols, ...covCols].join(', '))}, failing)
      select j.seller_id, ${day}::date, ${t.windowDays}, (case when cardinality(j.failing) > 0 then 'fails' else 'meets' end)::prime_evaluation_outcome,
        j.phase::prime_program_status, j.window_start, ${evaluationInstant(day)}::timestamptz, ${sql.raw([...orderCols, ...covCols].map((c) => `j.${c}`).join(', '))}, j.failing
      from (
        select x.seller_id, x.phase, x.window_start,
          ${sql.join(
            ORDER_COLUMNS.flatMap(([m]) => [sql`${k(m, 'n')} as ${sql.raw(`${m}_num`)}`, sql`${k(m, 'd')} as ${sql.raw(`${m}_den`)}`]),
            sql`, `,
          )},
          ${sql.join(
            COVERAGE_COLUMNS.flatMap(([key, c]) => [sql`${figures[key].num} as ${sql.raw(`${c}_num`)}`, sql`${figures[key].den} as ${sql.raw(`${c}_den`)}`]),
            sql`, `,
          )},
          (${failingOrderMetricsSql((m) => ({ num: k(m, 'n'), den: k(m, 'd') }), t)} || ${failingCoverageMetricsSql(figures, t)})::prime_metric[] as failing
        from unnest(${arr((e) => e.sellerId)}::uuid[], ${arr((e) => e.phase)}::text[], ${arr((e) => e.windowStart)}::date[]) as x(seller_id, phase, window_start)
        left join prime_day_counts c on c.seller_id = x.seller_id
        left join (${shipping}) s on s.seller_id = x.seller_id
      ) j
      ${existing ? sql`on conflict (seller_id, evaluated_on) do nothing` : sql``}
      returning seller_id, phase, outcome, array_to_string(failing, ',') as failing, ${sql.raw([...orderCols, ...covCols].join(', '))}
    )
    select * from written w where w.phase = 'trial' or (w.phase = 'enrolled' and w.outcome = 'fails')`);
  return rows<Record<string, unknown>>(res).map((r) => {
    const n = (c: string) => Number(r[c]);
    const ratio = (c: string) => (r[`${c}_num`] === null || r[`${c}_num`] === undefined ? null : { num: n(`${c}_num`), den: n(`${c}_den`) });
    const counts = Object.fromEntries(ORDER_COLUMNS.map(([m]) => [m, { num: n(`${m}_num`), den: n(`${m}_den`) }])) as OrderCounts;
    const coverage = Object.fromEntries(COVERAGE_COLUMNS.map(([key, c]) => [key, ratio(c)])) as CoverageFigures;
    return { sellerId: String(r.seller_id), failing: (r.failing ? String(r.failing).split(',') : []) as Metric[], counts, coverage };
  });
}

export type DayResult = { day: string; evaluated: number; changes: { sellerId: string; transition: Transition }[] } | null;

// One day for every seller, in one transaction: claim the day, compute and write one row per seller, and apply what
// the new rows decide (revocations, trial outcomes) with their status history and emails. Returns null when another
// run already did (or is doing) this day.
export async function evaluateDay(day: string, now = new Date()): Promise<DayResult> {
  const db = await getDb();
  const t = thresholds();
  return db.transaction(async (tx) => {
    // The claim: a concurrent run's INSERT waits for this transaction, then finds the day taken and does nothing. The
    // run row also keeps the thresholds every row of the day is judged by.
    const claimed = rows(
      await tx.execute(sql`insert into ${primeEvaluationRuns} (day, thresholds) values (${day}::date, ${JSON.stringify(appliedThresholds(t))}::jsonb) on conflict do nothing returning day`),
    );
    if (claimed.length === 0) return null;
    // One scan of simple expressions: compiling it (JIT) costs more than it saves. The day's aggregates (10,000 sellers,
    // their ZIP3s and handling rows) fit in memory with room to spare: no spill to disk.
    if ((await getClient()).driver === 'node-postgres') await tx.execute(sql`set local jit = off; set local work_mem = '64MB'`);
    // The sellers and the coverage half: every seller's program phase (lib/catalog) and what lib/shipping prepares of
    // its shipping settings (evaluationShippingInputs: the few sellers whose inputs take code, computed and passed in;
    // the shipping caches it fills, combined coverage and stored operations, are kept even if this day rolls back).
    // This transaction writes neither before reading them (a status change below applies only if the seller is still
    // in the state read). With a pool they are read beside the transaction, in their own, while this connection runs
    // the order aggregate, and the two overlap; on PGlite's one connection, in turn inside this transaction.
    const readSellers = async (d: Database) => ({ states: await listSellerProgramPhases(d), shipping: await evaluationShippingInputs(d) });
    const beside = (await canWorkBesideTransaction()) ? db.transaction(readSellers) : null;
    beside?.catch(() => undefined); // awaited below; a failure of the aggregate first must not leave it unhandled
    await countWholeWindow(tx, day, t);
    const { states, shipping } = beside ? await beside : await readSellers(tx);
    const stateOf = new Map(states.map((s) => [s.sellerId, s]));
    const lo = addDays(day, 1 - t.windowDays);
    const windows = states.map((s) => ({ sellerId: s.sellerId, since: windowStartFrom(s, lo) }));
    await countLaterWindows(tx, windows, day, t);
    const input: SellerDayInput[] = windows.map((w, i) => ({ sellerId: w.sellerId, phase: states[i].status, windowStart: w.since }));
    const written = await writeDayRows(tx, input, shipping, day, t);
    const asOf = evaluationInstant(day);
    const decided: { sellerId: string; transition: Transition; row: WrittenRow }[] = [];
    for (const w of written) {
      const transition = decideTransition(stateOf.get(w.sellerId)!, { failing: w.failing, shippedPackages: w.counts.on_time_shipment.den, asOf }, t.trialDays);
      if (transition) decided.push({ sellerId: w.sellerId, transition, row: w });
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
      done.map((d) => ({ sellerId: d.sellerId, from: stateOf.get(d.sellerId)!.status, to: d.transition.to, cause: d.transition.cause, evaluatedOn: day, failing: d.row.failing, note: d.transition.note, at: now })),
    );
    const changed = new Map((await getSellerPrimeStates(tx, done.map((d) => d.sellerId))).map((s) => [s.sellerId, s]));
    const contacts = await getContactsForUsers(tx, [...changed.values()].map((s) => s.userId));
    const messages: OutboxMessageInput[] = [];
    for (const d of done) {
      const seller = changed.get(d.sellerId);
      const email = seller && contacts.get(seller.userId)?.email;
      if (email) messages.push(statusEmail(email, seller.displayName, d.transition, day, d.row.counts, d.row.coverage, t));
    }
    await enqueueMessages(tx, messages);
    await tx.execute(sql`update ${primeEvaluationRuns} set sellers = ${states.length}, status_changes = ${done.length}, finished_at = now() where day = ${day}::date`);
    return { day, evaluated: states.length, changes: done.map((d) => ({ sellerId: d.sellerId, transition: d.transition })) };
  });
}

export type StatusChangeRecord = {
  sellerId: string;
  from: SellerPrimeState['status'];
  to: SellerPrimeState['status'];
  cause: (typeof primeStatusChanges.cause.enumValues)[number];
  // The day of the seller's evaluation that decided the change, if one did.
  evaluatedOn?: string | null;
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
        evaluatedOn: c.evaluatedOn ?? null,
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

function statusEmail(to: string, sellerName: string, tr: Transition, day: string, counts: OrderCounts, coverage: CoverageFigures, t: SfpThresholds): OutboxMessageInput {
  const url = `${config().appUrl}/seller/prime`;
  const results = judgeMetrics(counts, coverage, t).filter((r) => r.status === 'fail');
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
        `On ${day} your Seller Fulfilled Prime metrics fell below the requirements, so your eligibility was revoked: the Prime badge is off on your offers and your program status is "Ineligible".`,
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
