import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/db';
import { orders } from '@/db/schema';
import { summarizeTitles } from './rules';
import { returnStock } from '@/lib/catalog/stock';
import { deferStockRelease } from './stock';
import { cancellationFactsFrom, recordCancellationFacts, type CancellationActor } from '@/lib/prime/facts';

// The orders domain's own transitions, for the domains that decide them (a gift's outcome decides its order's).
// Each is a conditional UPDATE on the order's current status, in the caller's transaction; times are the database's.

// Gift orders whose gift ended unfulfilled (declined, expired, withdrawn, or not chargeable): cancelled, and their
// reserved units handed back to the catalog. One statement for the orders and their lines (this domain's own tables),
// one for the stock (the catalog's), whatever the number of orders: the expiry job passes thousands at a time.
// `at` names the moment when the caller decided on a clock of its own (a job run at a given time); else now().
export async function cancelGiftOrders(tx: Database, orderIds: string[], at?: Date, cancelledBy?: { actor: CancellationActor; reason: string }): Promise<void> {
  await cancelOrdersIn(tx, orderIds, sql`status = 'awaiting_recipient'`, at, cancelledBy);
}

// Customer service cancels an order that has not shipped (an own order, or a gift its recipient accepted): cancelled,
// its units back on sale, and one fact per seller saying who asked, so a buyer's request never counts as the seller's
// cancellation in the SFP metrics. False when the order was no longer waiting to ship (it shipped in the meantime).
export async function cancelUnshippedOrder(tx: Database, orderId: string, cancelledBy: { actor: CancellationActor; reason: string }): Promise<boolean> {
  const ended = await cancelOrdersIn(tx, [orderId], sql`status = 'placed' and shipped_at is null`, undefined, cancelledBy);
  return ended > 0;
}

// The cancellation itself: orders in the given state cancelled, their lines' units released, the facts recorded.
// Returns how many orders it cancelled.
async function cancelOrdersIn(tx: Database, orderIds: string[], whereState: SQL, at?: Date, cancelledBy?: { actor: CancellationActor; reason: string }): Promise<number> {
  if (orderIds.length === 0) return 0;
  const when = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  // Seller Fulfilled Prime: who cancelled, so a gift's end (declined, expired, withdrawn) or a buyer's request never
  // counts against a seller. With `cancelledBy`, the same statement hands each (order, seller) that ended to lib/prime's
  // INSERT ... SELECT, so the expiry job's thousands of facts never travel to the application and back. The lines are
  // found by their order index (the ids as one array): a plain join to the CTE hashes all of order_lines per batch.
  const facts = cancelledBy
    ? sql`, ended as (
        select distinct l.order_id, l.seller_id, c.created_at as purchased_at, c.cancelled_at
        from order_lines l join cancelled c on c.id = l.order_id
        where l.order_id = any(array(select id from cancelled))
      ), facts as (
        ${cancellationFactsFrom(sql`ended`, cancelledBy)}
      )`
    : sql``;
  const res = await tx.execute(sql`
    with cancelled as (
      update orders set status = 'cancelled', cancelled_at = ${when}
      where id = any(${sql.param(orderIds)}::uuid[]) and ${whereState}
      returning id, created_at, cancelled_at
    ), released as (
      update order_lines set stock_reserved = false
      where order_id in (select id from cancelled) and stock_reserved
      returning offer_id, quantity
    )${facts}
    select 'stock' as kind, offer_id::text as id, sum(quantity)::int as qty from released group by offer_id
    union all
    select 'cancelled', null, count(*)::int from cancelled`);
  type Row = { kind: 'stock' | 'cancelled'; id: string | null; qty: number };
  const out = rows<Row>(res);
  await returnStock(
    tx,
    out.filter((r) => r.kind === 'stock').map((u) => ({ offerId: u.id!, quantity: Number(u.qty) })),
  );
  return Number(out.find((r) => r.kind === 'cancelled')?.qty ?? 0);
}

// One fact per (order, seller) of the gift orders that ended, for lib/prime's metrics.
async function reportGiftEnd(tx: Database, orderIds: string[], status: 'cancelled' | 'closed', by: { actor: CancellationActor; reason: string }) {
  const ended = rows<{ order_id: string; seller_id: string; created_at: string; ended_at: string }>(
    await tx.execute(sql`
      select distinct o.id as order_id, l.seller_id, o.created_at, coalesce(o.cancelled_at, o.closed_at) as ended_at
      from orders o join order_lines l on l.order_id = o.id
      where o.id = any(${sql.param(orderIds)}::uuid[]) and o.status = ${status}`),
  );
  await recordCancellationFacts(
    tx,
    ended.map((r) => ({ orderId: r.order_id, sellerId: r.seller_id, purchasedAt: new Date(r.created_at), cancelledAt: new Date(r.ended_at), actor: by.actor, reason: by.reason })),
  );
}

// The recipient accepted and the card was charged: the order is ready for the seller to ship.
export async function placeGiftOrder(tx: Database, orderId: string): Promise<void> {
  await tx
    .update(orders)
    .set({ status: 'placed', placedAt: sql`now()` })
    .where(and(eq(orders.id, orderId), eq(orders.status, 'awaiting_recipient')));
}

// The recipient took a gift card: nothing ships. The units stay reserved until `releaseStockAt` (see the caller).
export async function closeGiftOrder(tx: Database, orderId: string, releaseStockAt: Date): Promise<{ currency: string } | null> {
  const [row] = await tx
    .update(orders)
    .set({ status: 'closed', closedAt: sql`now()` })
    .where(and(eq(orders.id, orderId), eq(orders.status, 'awaiting_recipient')))
    .returning({ currency: orders.currency });
  if (!row) return null;
  await deferStockRelease(tx, [orderId], releaseStockAt);
  await reportGiftEnd(tx, [orderId], 'closed', { actor: 'recipient', reason: 'Gift taken as a gift card' });
  return row;
}

export type OrderSummary = { title: string; quantity: number; currency: string };

// How messages name orders, set-based: the first line's title, "and N more" for further lines, and the unit count.
// Grouped by order, so an order of several lines is one summary, never one row per line.
export async function orderSummaries(orderIds: string[], tx?: Database): Promise<Map<string, OrderSummary>> {
  const out = new Map<string, OrderSummary>();
  if (orderIds.length === 0) return out;
  const db = tx ?? (await getDb());
  const res = await db.execute(sql`
    select o.id, o.currency, array_agg(l.title order by l.id) as titles, sum(l.quantity)::int as quantity
    from orders o join order_lines l on l.order_id = o.id
    where o.id = any(${sql.param([...new Set(orderIds)])}::uuid[])
    group by o.id`);
  for (const r of rows<{ id: string; currency: string; titles: string[] | string; quantity: number }>(res)) {
    out.set(r.id, { title: summarizeTitles(pgArray(r.titles)), quantity: Number(r.quantity), currency: r.currency });
  }
  return out;
}

// node-postgres parses text[] into an array; PGlite may too, but be safe with the literal form.
function pgArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  return v
    .replace(/^\{|\}$/g, '')
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((s) => s.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1'));
}

// A keyset page of orders cancelled since `since`, oldest first (the hold sweeper's input: a hold older than its
// validity has lapsed by itself, so the window is bounded). `after` is the last row of the previous page.
export async function listCancelledOrderIds(opts: { since: Date; after?: { cancelledAt: Date; id: string }; limit: number }): Promise<{ id: string; cancelledAt: Date }[]> {
  const db = await getDb();
  const cursor = opts.after ? sql`(${orders.cancelledAt}, ${orders.id}) > (${opts.after.cancelledAt.toISOString()}::timestamptz, ${opts.after.id}::uuid)` : undefined;
  const found = await db
    .select({ id: orders.id, cancelledAt: orders.cancelledAt })
    .from(orders)
    .where(and(eq(orders.status, 'cancelled'), sql`${orders.cancelledAt} >= ${opts.since.toISOString()}::timestamptz`, cursor))
    .orderBy(orders.cancelledAt, orders.id)
    .limit(opts.limit);
  return found.map((r) => ({ id: r.id, cancelledAt: r.cancelledAt! }));
}

// A keyset page of the buyers' own orders shipped since `since`, oldest shipment first: the capture job's input (an
// own order is charged when it ships). Gift orders are left out: they are charged when their recipient accepts.
// A voided label takes the order back to 'placed' and clears shipped_at, so only orders still shipped are listed.
export async function listShippedOwnOrderIds(opts: { since: Date; after?: { shippedAt: Date; id: string }; limit: number }): Promise<{ id: string; shippedAt: Date }[]> {
  const db = await getDb();
  const cursor = opts.after ? sql`(${orders.shippedAt}, ${orders.id}) > (${opts.after.shippedAt.toISOString()}::timestamptz, ${opts.after.id}::uuid)` : undefined;
  const found = await db
    .select({ id: orders.id, shippedAt: orders.shippedAt })
    .from(orders)
    .where(
      and(
        // Spelled as orders_shipped_own_idx's predicate, so the planner uses that partial index.
        sql`${orders.shippedAt} is not null and not ${orders.isGift}`,
        sql`${orders.shippedAt} >= ${opts.since.toISOString()}::timestamptz`,
        inArray(orders.status, ['shipped', 'delivered']),
        cursor,
      ),
    )
    .orderBy(orders.shippedAt, orders.id)
    .limit(opts.limit);
  return found.map((r) => ({ id: r.id, shippedAt: r.shippedAt! }));
}
