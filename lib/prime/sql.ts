import 'server-only';
import { sql, type SQL } from 'drizzle-orm';

// The rules of lib/prime/rules.ts (shipmentOutcome, trackingOutcome, deliveryOutcome, cancellationOutcome,
// buyShippingOutcome) as SQL over sfp_order_facts columns, as of the instant `a`. Used by the daily evaluation and the
// defect report, so both classify an order the same way; an integration test checks them against rules.ts.
// `f` is the alias of sfp_order_facts in the query.

export const shipKeySql = sql.raw(`coalesce(f.expected_ship_date, (f.purchased_at at time zone 'UTC')::date)`);

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
