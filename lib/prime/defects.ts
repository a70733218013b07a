import 'server-only';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '@/db';
import { AppError } from '@/lib/errors';
import { DEFECT_FILTERS, type DefectFilter } from './rules';
import { buyShipDefect, cancelDefect, deliverDefect, definite, shipDefect, shipKeySql, trackDefect } from './sql';

// The defect report (S18): the seller's orders with the columns that drive each metric and an "X" where an order
// counts against one. Keyset-paginated on (date, order id), newest first; the date is the ship-by day (the purchase
// day when an order never got a promise), or the promised delivery day when filtering late deliveries, so the
// dashboard's window links land on exactly the orders its figures counted.

export type DefectReportFilter = DefectFilter | 'all';
export type DefectQuery = { sellerId: string; filter: DefectReportFilter; from?: string | null; to?: string | null; cursor?: string | null; limit?: number };
export type DefectRow = {
  orderId: string;
  purchasedAt: Date;
  trackingId: string | null;
  carrier: string | null;
  shipMethod: string | null;
  expectedShipDate: string | null;
  promisedDeliveryDate: string | null;
  firstScanAt: Date | null;
  clockStopAt: Date | null;
  cancelledAt: Date | null;
  cancelActor: string | null;
  cancelReason: string | null;
  key: string;
  marks: Record<DefectFilter, boolean>;
};

// The partial indexes' predicates (db/schema/prime.ts), implied by each mark: stated so the planner can use them.
const CANDIDATE: Record<DefectFilter, ReturnType<typeof sql.raw>> = {
  late_shipment: sql.raw('(f.latest_ship_at is not null and (f.first_scan_at is null or f.first_scan_at > f.latest_ship_at))'),
  invalid_tracking: sql.raw('(f.latest_ship_at is not null and (f.first_scan_at is null or f.first_scan_at > f.latest_ship_at))'),
  late_delivery: sql.raw('(f.promised_delivery_by is not null and (f.clock_stop_at is null or f.clock_stop_at > f.promised_delivery_by))'),
  outside_buy_shipping: sql.raw("(f.label_source = 'external' and not f.special_operating_plan)"),
  cancelled_by_seller: sql.raw("(f.cancel_actor = 'seller')"),
};

export const isDefectFilter = (v: unknown): v is DefectFilter => typeof v === 'string' && (DEFECT_FILTERS as readonly string[]).includes(v);

export function encodeCursor(key: string, orderId: string) {
  return Buffer.from(`${key}|${orderId}`).toString('base64url');
}
export function decodeCursor(c: string): { key: string; orderId: string } | null {
  const [key, orderId] = Buffer.from(c, 'base64url').toString().split('|');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key ?? '') || !/^[0-9a-f-]{36}$/i.test(orderId ?? '')) return null;
  return { key, orderId };
}

const isDay = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

export async function listDefects(db: Database, q: DefectQuery, asOf = new Date()): Promise<{ rows: DefectRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 1000);
  const a = sql`${asOf}::timestamptz`;
  const keyExpr = q.filter === 'late_delivery' ? sql.raw('f.promised_delivery_date') : shipKeySql;
  const marks = {
    late_delivery: definite(deliverDefect(a)),
    cancelled_by_seller: definite(cancelDefect(a)),
    invalid_tracking: definite(trackDefect(a)),
    late_shipment: definite(shipDefect(a)),
    outside_buy_shipping: definite(buyShipDefect(a)),
  };
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !cursor) throw new AppError('VALIDATION', 'That page link is no longer valid. Start from the first page.');
  const conditions = [sql`f.seller_id = ${q.sellerId}::uuid`, sql`${keyExpr} is not null`];
  if (isDay(q.from)) conditions.push(sql`${keyExpr} >= ${q.from}::date`);
  if (isDay(q.to)) conditions.push(sql`${keyExpr} <= ${q.to}::date`);
  if (q.filter !== 'all') conditions.push(CANDIDATE[q.filter], marks[q.filter]);
  if (cursor) conditions.push(sql`(${keyExpr}, f.order_id) < (${cursor.key}::date, ${cursor.orderId}::uuid)`);
  const res = await db.execute(sql`
    select f.order_id as "orderId", f.purchased_at as "purchasedAt", f.tracking_id as "trackingId", f.carrier, f.ship_method as "shipMethod",
      f.expected_ship_date::text as "expectedShipDate", f.promised_delivery_date::text as "promisedDeliveryDate",
      f.first_scan_at as "firstScanAt", f.clock_stop_at as "clockStopAt", f.cancelled_at as "cancelledAt",
      f.cancel_actor as "cancelActor", f.cancel_reason as "cancelReason", ${keyExpr}::text as key,
      ${marks.late_delivery} as late_delivery, ${marks.cancelled_by_seller} as cancelled_by_seller, ${marks.invalid_tracking} as invalid_tracking,
      ${marks.late_shipment} as late_shipment, ${marks.outside_buy_shipping} as outside_buy_shipping
    from sfp_order_facts f
    where ${sql.join(conditions, sql` and `)}
    order by ${keyExpr} desc, f.order_id desc
    limit ${limit + 1}`);
  const list = rows<Record<string, unknown>>(res);
  const more = list.length > limit;
  const page = list.slice(0, limit).map((r) => {
    const d = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
    return {
      orderId: String(r.orderId),
      purchasedAt: d(r.purchasedAt)!,
      trackingId: (r.trackingId as string) ?? null,
      carrier: (r.carrier as string) ?? null,
      shipMethod: (r.shipMethod as string) ?? null,
      expectedShipDate: (r.expectedShipDate as string) ?? null,
      promisedDeliveryDate: (r.promisedDeliveryDate as string) ?? null,
      firstScanAt: d(r.firstScanAt),
      clockStopAt: d(r.clockStopAt),
      cancelledAt: d(r.cancelledAt),
      cancelActor: (r.cancelActor as string) ?? null,
      cancelReason: (r.cancelReason as string) ?? null,
      key: String(r.key),
      marks: {
        late_delivery: r.late_delivery === true,
        cancelled_by_seller: r.cancelled_by_seller === true,
        invalid_tracking: r.invalid_tracking === true,
        late_shipment: r.late_shipment === true,
        outside_buy_shipping: r.outside_buy_shipping === true,
      },
    } satisfies DefectRow;
  });
  const last = page.at(-1);
  return { rows: page, nextCursor: more && last ? encodeCursor(last.key, last.orderId) : null };
}

export const CSV_HEADER = [
  'Order ID',
  'Purchase date',
  'Tracking ID',
  'Carrier',
  'Ship method',
  'Ship-by date',
  'Promised delivery date',
  'First scan',
  'Clock-stop',
  'Delivered late',
  'Cancelled by seller',
  'Invalid tracking',
  'Shipped late',
  'Shipped outside Buy Shipping',
];

const iso = (d: Date | null) => (d ? d.toISOString() : '');
const x = (b: boolean) => (b ? 'X' : '');
export function csvRecord(r: DefectRow): string[] {
  return [
    r.orderId,
    iso(r.purchasedAt),
    r.trackingId ?? '',
    r.carrier ?? '',
    r.shipMethod ?? '',
    r.expectedShipDate ?? '',
    r.promisedDeliveryDate ?? '',
    iso(r.firstScanAt),
    iso(r.clockStopAt),
    x(r.marks.late_delivery),
    x(r.marks.cancelled_by_seller),
    x(r.marks.invalid_tracking),
    x(r.marks.late_shipment),
    x(r.marks.outside_buy_shipping),
  ];
}
