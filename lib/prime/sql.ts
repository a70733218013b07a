import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { OrderMetric, SfpThresholds } from './rules';

// The rules of lib/prime/rules.ts (shipmentOutcome, trackingOutcome, deliveryOutcome, cancellationOutcome,
// buyShippingOutcome) as SQL over sfp_order_facts columns, as of the instant `a`. Used by the daily evaluation and the
// defect report, so both classify an order the same way; an integration test checks them against rules.ts.
// `f` is the alias of sfp_order_facts in the query.

export const shipKeySql = sql.raw(`coalesce(f.expected_ship_date, (f.purchased_at at time zone 'UTC')::date)`);
// The later of an order's two key dates (ship-by, promised delivery): an order is in a window [lo, day] by either only
// if this is on or after lo. The expression of the BRIN index sfp_order_facts_window_end_brin.
export const windowEndSql = sql.raw(`greatest(coalesce(f.expected_ship_date, (f.purchased_at at time zone 'UTC')::date), f.promised_delivery_date)`);

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
