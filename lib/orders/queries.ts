import 'server-only';
import { and, asc as sqlAsc, count, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { orderLines, orders } from '@/db/schema';
import { getOfferCards } from '@/lib/catalog/queries';
import { giverGiftViews, type GiverGiftView } from '@/lib/gifts/queries';
import { summarizeTitles } from './rules';
import { maskContact } from '@/lib/accounts/rules';

type LineRow = { orderId: string; offerId: string; title: string; quantity: number; unitPriceCents: number };

// The lines of these orders, grouped by order (an order may have several), in line order.
async function linesOf(orderIds: string[]): Promise<Map<string, LineRow[]>> {
  const out = new Map<string, LineRow[]>();
  if (orderIds.length === 0) return out;
  const db = await getDb();
  const lines = await db
    .select({ orderId: orderLines.orderId, offerId: orderLines.offerId, title: orderLines.title, quantity: orderLines.quantity, unitPriceCents: orderLines.unitPriceCents })
    .from(orderLines)
    .where(inArray(orderLines.orderId, orderIds))
    .orderBy(orderLines.orderId, orderLines.id);
  for (const l of lines) (out.get(l.orderId) ?? out.set(l.orderId, []).get(l.orderId)!).push(l);
  return out;
}

// The buyer's orders, one row per order. For gifts, only what a giver may see (lib/gifts' giver view): never the
// recipient's address (it is not in this domain at all), the order's own status, or how the gift was settled.
export async function listBuyerOrders(buyerId: string, { page, pageSize = 10 }: { page: number; pageSize?: number }) {
  const db = await getDb();
  const [found, [{ total }]] = await Promise.all([
    db
      .select({ id: orders.id, status: orders.status, isGift: orders.isGift, totalCents: orders.totalCents, currency: orders.currency, createdAt: orders.createdAt })
      .from(orders)
      .where(eq(orders.buyerId, buyerId))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(orders).where(eq(orders.buyerId, buyerId)),
  ]);
  const ids = found.map((o) => o.id);
  const [lines, gifts] = await Promise.all([linesOf(ids), giverGiftViews(buyerId, found.filter((o) => o.isGift).map((o) => o.id))]);
  const cards = await getOfferCards([...lines.values()].map((ls) => ls[0]?.offerId).filter((id): id is string => Boolean(id)));
  return {
    items: found.map(({ status, ...o }) => {
      const ls = lines.get(o.id) ?? [];
      const gift = gifts.get(o.id);
      return {
        ...o,
        title: summarizeTitles(ls.map((l) => l.title)),
        quantity: ls.reduce((n, l) => n + l.quantity, 0),
        imageUrl: cards.get(ls[0]?.offerId ?? '')?.imageUrl ?? '',
        // A gift's order status would reveal how it was settled: the giver sees the gift's status instead.
        status: o.isGift ? null : status,
        giftStatus: gift?.status ?? null,
      };
    }),
    total,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

export async function getBuyerOrder(buyerId: string, orderId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: orders.id,
      status: orders.status,
      isGift: orders.isGift,
      giftReceipt: orders.giftReceipt,
      subtotalCents: orders.subtotalCents,
      shippingCents: orders.shippingCents,
      giftCardCents: orders.giftCardCents,
      totalCents: orders.totalCents,
      currency: orders.currency,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.buyerId, buyerId)))
    .limit(1);
  if (!row) return null;
  const [lineMap, gifts] = await Promise.all([linesOf([orderId]), row.isGift ? giverGiftViews(buyerId, [orderId]) : Promise.resolve(new Map<string, GiverGiftView>())]);
  const ls = lineMap.get(orderId) ?? [];
  const cards = await getOfferCards(ls.map((l) => l.offerId));
  const lines = ls.map((l) => ({ title: l.title, quantity: l.quantity, unitPriceCents: l.unitPriceCents, imageUrl: cards.get(l.offerId)?.imageUrl ?? '', slug: cards.get(l.offerId)?.slug ?? '' }));
  const first = lines[0] ?? { title: '', quantity: 0, unitPriceCents: 0, imageUrl: '', slug: '' };
  const order = { ...row, lines, title: summarizeTitles(lines.map((l) => l.title)), quantity: first.quantity, unitPriceCents: first.unitPriceCents, imageUrl: first.imageUrl, slug: first.slug };
  const gift = gifts.get(orderId);
  if (!row.isGift || !gift) return { ...order, gift: null };
  // The order's own status would tell a conversion from an acceptance: the giver gets the gift's status instead.
  return {
    ...order,
    status: null,
    gift: { status: gift.status, sentTo: maskContact(gift.contact), channel: gift.channel, message: gift.message, expiresAt: gift.expiresAt },
  };
}

// ---- Seller side (used by lib/shipments: the seller's orders to ship and Buy Shipping) ----
// Ownership is in every WHERE: only orders with a line of this seller, and only this seller's lines of them.

export type SellerOrderLine = { orderId: string; offerId: string; title: string; quantity: number; unitPriceCents: number; weightOz: number };
export type SellerOrder = {
  orderId: string;
  status: 'awaiting_recipient' | 'placed' | 'shipped' | 'delivered' | 'closed' | 'cancelled';
  placedAt: Date;
  isGift: boolean;
  giftReceipt: boolean;
  currency: string;
  lines: SellerOrderLine[];
};

async function sellerLinesOf(sellerId: string, orderIds: string[]): Promise<Map<string, SellerOrderLine[]>> {
  const out = new Map<string, SellerOrderLine[]>();
  if (orderIds.length === 0) return out;
  const db = await getDb();
  const lines = await db
    .select({ orderId: orderLines.orderId, offerId: orderLines.offerId, title: orderLines.title, quantity: orderLines.quantity, unitPriceCents: orderLines.unitPriceCents })
    .from(orderLines)
    .where(and(eq(orderLines.sellerId, sellerId), inArray(orderLines.orderId, orderIds)));
  // The weight is the catalog's: asked through its function, not joined.
  const cards = await getOfferCards(lines.map((l) => l.offerId));
  for (const l of lines) (out.get(l.orderId) ?? out.set(l.orderId, []).get(l.orderId)!).push({ ...l, weightOz: cards.get(l.offerId)?.weightOz ?? 0 });
  return out;
}

// A keyset page of the seller's paid orders (placed, shipped, delivered...), by placement time. `after` is the last
// row of the previous page. Orders a gift recipient has not accepted yet are never listed (nothing to ship).
export async function listSellerOrders(
  sellerId: string,
  opts: { statuses: SellerOrder['status'][]; placedFrom?: Date; placedBefore?: Date; after?: { placedAt: Date; orderId: string }; direction?: 'asc' | 'desc'; limit?: number },
): Promise<SellerOrder[]> {
  const db = await getDb();
  const limit = Math.min(Math.max(opts.limit ?? 25, 1), 100);
  const asc = (opts.direction ?? 'asc') === 'asc';
  const statuses = opts.statuses.filter((s) => s !== 'awaiting_recipient');
  if (statuses.length === 0) return [];
  const cursor = opts.after
    ? asc
      ? sql`(${orders.placedAt}, ${orders.id}) > (${opts.after.placedAt.toISOString()}::timestamptz, ${opts.after.orderId}::uuid)`
      : sql`(${orders.placedAt}, ${orders.id}) < (${opts.after.placedAt.toISOString()}::timestamptz, ${opts.after.orderId}::uuid)`
    : undefined;
  const page = await db
    .selectDistinct({ orderId: orders.id, status: orders.status, placedAt: orders.placedAt, isGift: orders.isGift, giftReceipt: orders.giftReceipt, currency: orders.currency })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(
      and(
        eq(orderLines.sellerId, sellerId),
        inArray(orders.status, statuses),
        isNotNull(orders.placedAt),
        opts.placedFrom ? gte(orders.placedAt, opts.placedFrom) : undefined,
        opts.placedBefore ? lt(orders.placedAt, opts.placedBefore) : undefined,
        cursor,
      ),
    )
    .orderBy(asc ? sqlAsc(orders.placedAt) : desc(orders.placedAt), asc ? sqlAsc(orders.id) : desc(orders.id))
    .limit(limit);
  const lines = await sellerLinesOf(
    sellerId,
    page.map((p) => p.orderId),
  );
  return page.map((p) => ({ ...p, placedAt: p.placedAt!, lines: lines.get(p.orderId) ?? [] }));
}

// One order as its seller sees it, or null when the seller has no line in it (someone else's order is "not found").
export async function getSellerOrder(sellerId: string, orderId: string): Promise<SellerOrder | null> {
  const db = await getDb();
  const [o] = await db
    .select({ orderId: orders.id, status: orders.status, placedAt: orders.placedAt, isGift: orders.isGift, giftReceipt: orders.giftReceipt, currency: orders.currency })
    .from(orders)
    .where(and(eq(orders.id, orderId), isNotNull(orders.placedAt), sql`exists (select 1 from ${orderLines} where ${orderLines.orderId} = ${orders.id} and ${orderLines.sellerId} = ${sellerId})`))
    .limit(1);
  if (!o) return null;
  const lines = await sellerLinesOf(sellerId, [orderId]);
  return { ...o, placedAt: o.placedAt!, lines: lines.get(orderId) ?? [] };
}

// Shipping transitions, decided by lib/shipments (a label bought or recorded ships the order; a voided label takes it
// back; the carrier's delivery scan delivers it). Conditional on the current status, in the caller's transaction.
export async function markOrderShipped(tx: Database, orderId: string, at: Date): Promise<void> {
  await tx.update(orders).set({ status: 'shipped', shippedAt: at }).where(and(eq(orders.id, orderId), eq(orders.status, 'placed')));
}
export async function markOrderUnshipped(tx: Database, orderId: string): Promise<void> {
  await tx.update(orders).set({ status: 'placed', shippedAt: null }).where(and(eq(orders.id, orderId), eq(orders.status, 'shipped')));
}
// A delivery scan with no shipment recorded before it still means the order left the seller: it counts as shipped
// then, so the capture job charges it like any shipped order.
export async function markOrderDelivered(tx: Database, orderId: string, at: Date): Promise<void> {
  await tx
    .update(orders)
    .set({ status: 'delivered', deliveredAt: at, shippedAt: sql`coalesce(${orders.shippedAt}, ${at.toISOString()}::timestamptz)` }).where(and(eq(orders.id, orderId), inArray(orders.status, ['placed', 'shipped'])));
}

// The offer and seller of each line of an order, for domains that act per seller of an order (the delivery promise at
// a gift's acceptance). No authorization of its own: callers act for the system on an order they already hold.
export async function getOrderLineOffers(orderId: string): Promise<{ offerId: string; sellerId: string }[]> {
  const db = await getDb();
  return db.select({ offerId: orderLines.offerId, sellerId: orderLines.sellerId }).from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.id);
}

// ---- Post-sale (returns, refunds, customer service, messaging, SAFE-T) ----
// These readers do no authorization of their own: the caller has established who is asking (the requester of a
// return, the seller owning the line, staff) before showing anything.

export type ServiceOrder = {
  id: string;
  buyerId: string;
  status: SellerOrder['status'];
  isGift: boolean;
  subtotalCents: number;
  shippingCents: number;
  giftCardCents: number;
  totalCents: number;
  currency: string;
  createdAt: Date;
  placedAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  closedAt: Date | null;
  cancelledAt: Date | null;
  // An order is one line today; the first line is the order's item.
  line: { sellerId: string; title: string; quantity: number; unitPriceCents: number; offerId: string };
};

/** An order and its (first) line, for the post-sale domains. Null for an unknown or malformed id, or an order without lines. */
export async function getOrderForService(orderId: string): Promise<ServiceOrder | null> {
  if (!/^[0-9a-f-]{36}$/i.test(orderId)) return null;
  const db = await getDb();
  const [[o], [line]] = await Promise.all([
    db
      .select({
        id: orders.id,
        buyerId: orders.buyerId,
        status: orders.status,
        isGift: orders.isGift,
        subtotalCents: orders.subtotalCents,
        shippingCents: orders.shippingCents,
        giftCardCents: orders.giftCardCents,
        totalCents: orders.totalCents,
        currency: orders.currency,
        createdAt: orders.createdAt,
        placedAt: orders.placedAt,
        shippedAt: orders.shippedAt,
        deliveredAt: orders.deliveredAt,
        closedAt: orders.closedAt,
        cancelledAt: orders.cancelledAt,
      })
      .from(orders)
      .where(eq(orders.id, orderId))
      .limit(1),
    db
      .select({ sellerId: orderLines.sellerId, title: orderLines.title, quantity: orderLines.quantity, unitPriceCents: orderLines.unitPriceCents, offerId: orderLines.offerId })
      .from(orderLines)
      .where(eq(orderLines.orderId, orderId))
      .orderBy(orderLines.id)
      .limit(1),
  ]);
  if (!o || !line) return null;
  return { ...o, line };
}

/** Of these orders, the ones this seller owns a line of (ownership checks of seller pages). */
export async function ordersWithSellerLine(sellerId: string, orderIds: string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const db = await getDb();
  const found = await db
    .selectDistinct({ orderId: orderLines.orderId })
    .from(orderLines)
    .where(and(eq(orderLines.sellerId, sellerId), inArray(orderLines.orderId, orderIds)));
  return new Set(found.map((r) => r.orderId));
}

/** A buyer's orders for customer service's search, newest first, keyset-paged, with each order's item title. */
export async function listOrdersOfBuyerForStaff(buyerId: string, opts: { before?: { createdAt: Date; id: string }; limit?: number } = {}) {
  const db = await getDb();
  const limit = Math.min(opts.limit ?? 20, 100);
  const cursor = opts.before ? sql`(${orders.createdAt}, ${orders.id}) < (${opts.before.createdAt.toISOString()}::timestamptz, ${opts.before.id}::uuid)` : undefined;
  const os = await db
    .select({ id: orders.id, status: orders.status, isGift: orders.isGift, totalCents: orders.totalCents, currency: orders.currency, createdAt: orders.createdAt })
    .from(orders)
    .where(and(eq(orders.buyerId, buyerId), cursor))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit + 1);
  const page = os.slice(0, limit);
  const lines = await linesOf(page.map((o) => o.id));
  return { items: page.map((o) => ({ ...o, title: summarizeTitles((lines.get(o.id) ?? []).map((l) => l.title)) })), hasMore: os.length > limit };
}
