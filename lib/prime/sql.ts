import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { CoverageFigures, CoverageMetric, OrderMetric, SfpThresholds } from './rules';

// The rules of lib/prime/rules.ts (shipmentOutcome, trackingOutcome, deliveryOutcome, cancellationOutcome,
// buyShippingOutcome) as SQL over sfp_order_facts columns, as of the instant `a`. Used by the daily evaluation and the
// defect report, so both classify an order the same way; an integration test checks them against rules.ts.
// `f` is the alias of sfp_order_facts in the query.

export const shipKeySql = sql.raw(`coalesce(f.expected_ship_date, (f.purchased_at at time zone 'UTC')::date)`);
// The later of an order's two key dates (ship-by, promised delivery): an order is in a window [lo, day] by either only
// if this is on or after lo. The expression of the BRIN index sfp_order_facts_window_end_brin.
export const windowEndSql = sql`greatest(${shipKeySql}, f.promised_delivery_date)`;

const live = (a: SQL) => sql`(f.cancelled_at is null or f.cancelled_at > ${a})`;
const scanned = (a: SQL) => sql`(f.first_scan_at <= ${a})`;
const notScanned = (a: SQL) => sql`(f.first_scan_at is null or f.first_scan_at > ${a})`;
const stopped = (a: SQL) => sql`(f.clock_stop_at <= ${a})`;
const notStopped = (a: SQL) => sql`(f.clock_stop_at is null or f.clock_stop_at > ${a})`;

export const shipGood = (a: SQL) => sql`(${live(a)} and f.latest_ship_at is not null and ${scanned(a)} and f.first_scan_at <= f.latest_ship_at)`;
export const shipDefect = (a: SQL) =>
  sql`(${live(a)} and f.latest_ship_at is not null and ((${scanned(a)} and f.first_scan_at > f.latest_ship_at) or (${notScanned(a)} and ${a} > f.latest_ship_at)))`;

export const trackGood = (a: SQL) => sql`(${live(a)} and f.tracking_id is not null and f.latest_ship_at is not null and ${scanned(a)})`;
export const trackDefect = (a: SQL) => sql`(${live(a)} and f.tracking_id is not null and f.latest_ship_at is not null and ${notScanned(a)} and ${a} > f.latest_ship_at)`;

const isProtected = (a: SQL) =>
  sql`coalesce(f.label_source = 'buy_shipping' and f.claims_protected and ${scanned(a)} and f.latest_ship_at is not null and f.first_scan_at <= f.latest_ship_at, false)`;
const deliveredLate = (a: SQL) => sql`((${stopped(a)} and f.clock_stop_at > f.promised_delivery_by) or (${notStopped(a)} and ${a} > f.promised_delivery_by))`;
export const deliverGood = (a: SQL) =>
  sql`(${live(a)} and f.promised_delivery_by is not null and ((${stopped(a)} and f.clock_stop_at <= f.promised_delivery_by) or (${deliveredLate(a)} and ${isProtected(a)})))`;
export const deliverDefect = (a: SQL) => sql`(${live(a)} and f.promised_delivery_by is not null and ${deliveredLate(a)} and not ${isProtected(a)})`;

export const cancelCounted = (a: SQL) => sql`(f.purchased_at <= ${a})`;
export const cancelDefect = (a: SQL) => sql`(f.purchased_at <= ${a} and f.cancelled_at <= ${a} and f.cancel_actor = 'seller')`;

export const buyShipCounted = (a: SQL) => sql`(${live(a)} and f.label_source is not null and not f.special_operating_plan)`;
export const buyShipDefect = (a: SQL) => sql`(${buyShipCounted(a)} and f.label_source = 'external')`;

// Definite true/false (never NULL) for selecting a mark or negating it.
export const definite = (e: SQL) => sql`coalesce(${e}, false)`;

// rules.ts judge() for the order metrics, as SQL over a row's numerators and denominators: the failing ones, in METRICS
// order, as text[]. The same integer comparison (num x 1,000,000 against round(threshold x 1,000,000) x den), and a
// metric with no packages (den 0) never fails; valid tracking fails only while enforced. An integration test checks it
// against rules.ts failingOf.
export function failingOrderMetricsSql(r: (m: OrderMetric) => { num: SQL; den: SQL }, t: SfpThresholds): SQL {
  const rule: Record<OrderMetric, { at: 'least' | 'most'; threshold: number } | null> = {
    on_time_shipment: { at: 'least', threshold: t.onTimeShipmentMin },
    on_time_delivery: { at: 'least', threshold: t.onTimeDeliveryMin },
    valid_tracking: t.validTrackingEnforced ? { at: 'least', threshold: t.validTrackingMin } : null,
    cancellation: { at: 'most', threshold: t.cancellationMax },
    buy_shipping: { at: 'least', threshold: t.buyShippingMin },
  };
  const cases = (Object.keys(rule) as OrderMetric[]).flatMap((m) => {
    const x = rule[m];
    if (!x) return [];
    const { num, den } = r(m);
    const micro = Math.round(x.threshold * 1_000_000);
    const fails = x.at === 'least' ? sql`${num}::bigint * 1000000 < ${micro}::bigint * ${den}` : sql`${num}::bigint * 1000000 > ${micro}::bigint * ${den}`;
    return [sql`case when ${den} > 0 and ${fails} then ${m} end`];
  });
  return cases.length ? sql`array_remove(array[${sql.join(cases, sql`, `)}]::text[], null)` : sql`'{}'::text[]`;
}

// rules.ts coverageFigures as SQL over the columns of lib/shipping's evaluationShippingInputs (alias `s`): each
// figure's numerator and denominator, null where coverageFigures gives null (no standard-size template; no
// operations). The daily job computes the coverage half in its INSERT with these; an integration test compares its
// rows with coverageForSellers.
export function coverageFiguresSql(operatingDaysMin: number): Record<keyof CoverageFigures, { num: SQL; den: SQL }> {
  const c = sql.raw;
  const templated = c(`coalesce(s.templates, 0) > 0`);
  const operating = c(`(s.operating_days is not null and (s.operating_days <> 0 or s.weekend_services > 0))`);
  const days = c(`bit_count(s.operating_days::bit(7))::int`);
  const failingDays = c(`bit_count((s.operating_days & (s.cutoff_issue_days | s.early_pickup_days))::bit(7))::int`);
  const weekendOperations = c(`((s.operating_days & 126) = 126 or (s.operating_days & 63) = 63)`);
  const when = (cond: SQL, e: SQL) => sql`case when ${cond} then ${e} end`;
  return {
    oneDay: { num: when(templated, c(`floor(s.one_day_share * 1000000 + 0.5)::bigint`)), den: when(templated, sql`1000000::bigint`) },
    twoDay: { num: when(templated, c(`floor(s.two_day_share * 1000000 + 0.5)::bigint`)), den: when(templated, sql`1000000::bigint`) },
    nationwide: { num: when(templated, c(`49 - least(49, s.missing_states)`)), den: when(templated, sql`49`) },
    weekendOps: { num: when(operating, sql`case when ${weekendOperations} then ${days} else least(${days}, ${operatingDaysMin - 1}::int) end`), den: when(operating, sql`7`) },
    weekendDelivery: { num: when(operating, c(`s.weekend_services`)), den: when(operating, c(`greatest(1, s.weekend_services)`)) },
    cutoff: { num: when(operating, sql`${days} - ${failingDays}`), den: when(operating, sql`greatest(${days}, 1)`) },
  };
}

// rules.ts judge() for the coverage metrics, as SQL over the figures (each a numerator and a denominator, null when not
// measured): the failing ones, in METRICS order, as text[].
export function failingCoverageMetricsSql(f: Record<keyof CoverageFigures, { num: SQL; den: SQL }>, t: SfpThresholds): SQL {
  const atLeast = (r: { num: SQL; den: SQL }, min: number) => sql`${r.num}::bigint * 1000000 < ${Math.round(min * 1_000_000)}::bigint * ${r.den}`;
  const rules: [CoverageMetric, { num: SQL; den: SQL }, SQL][] = [
    ['one_day_speed', f.oneDay, atLeast(f.oneDay, t.oneDayCoverageMin)],
    ['two_day_speed', f.twoDay, atLeast(f.twoDay, t.twoDayCoverageMin)],
    ['nationwide_coverage', f.nationwide, sql`${f.nationwide.num} < ${f.nationwide.den}`],
    ['weekend_operations', f.weekendOps, sql`${f.weekendOps.num} < ${t.operatingDaysMin}::int`],
    ['weekend_delivery', f.weekendDelivery, sql`${f.weekendDelivery.num} < 1`],
    ['cutoff_compliance', f.cutoff, sql`${f.cutoff.num} < ${f.cutoff.den}`],
  ];
  return sql`array_remove(array[${sql.join(
    rules.map(([m, r, fails]) => sql`case when ${r.num} is not null and ${r.den} > 0 and ${fails} then ${m} end`),
    sql`, `,
  )}]::text[], null)`;
}
