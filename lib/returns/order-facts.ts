import 'server-only';
import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { getDb } from '@/db';
import { giftOffers, offers, orderLines, orders, sellers, users } from '@/db/schema';

// What the post-sale domains need to know about an order, a seller and a person, read in ONE place. The orders,
// gifts, catalog and accounts domains expose no reader with these fields yet, so this module is the single,
// read-only doorway into their tables for lib/returns, lib/refunds, lib/customer-service, lib/messaging and lib/safet
// (one table per query: no SQL joins across domains). Nothing here decides who may see what: callers do.
// Open (issue 6, domain boundaries): these readers belong in lib/orders, lib/gifts and lib/accounts as exported functions;
// lib/boundaries/boundaries.test.ts lists this file among the known crossings until they move.

export type OrderFacts = {
  id: string;
  buyerId: string;
  status: 'awaiting_recipient' | 'placed' | 'shipped' | 'delivered' | 'closed' | 'cancelled';
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
  cancelledAt: Date | null;
  line: { sellerId: string; title: string; quantity: number; unitPriceCents: number; offerId: string };
  gift: { recipientUserId: string | null; status: string; settlement: string | null; giverId: string } | null;
};

export async function getOrderFacts(orderId: string): Promise<OrderFacts | null> {
  if (!/^[0-9a-f-]{36}$/i.test(orderId)) return null;
  const db = await getDb();
  const [o] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  if (!o) return null;
  const [[line], [g]] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).limit(1),
    o.isGift ? db.select().from(giftOffers).where(eq(giftOffers.orderId, orderId)).limit(1) : Promise.resolve([] as (typeof giftOffers.$inferSelect)[]),
  ]);
  if (!line) return null;
  return {
    id: o.id,
    buyerId: o.buyerId,
    status: o.status,
    isGift: o.isGift,
    subtotalCents: o.subtotalCents,
    shippingCents: o.shippingCents,
    giftCardCents: o.giftCardCents,
    totalCents: o.totalCents,
    currency: o.currency,
    createdAt: o.createdAt,
    placedAt: o.placedAt,
    shippedAt: o.shippedAt,
    deliveredAt: o.deliveredAt,
    cancelledAt: o.cancelledAt,
    line: { sellerId: line.sellerId, title: line.title, quantity: line.quantity, unitPriceCents: line.unitPriceCents, offerId: line.offerId },
    gift: g ? { recipientUserId: g.recipientUserId, status: g.status, settlement: g.settlement, giverId: g.giverId } : null,
  };
}

/** Orders of which this seller owns the line, among the given ids (ownership check for seller pages). */
export async function ordersOfSeller(sellerId: string, orderIds: string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ orderId: orderLines.orderId })
    .from(orderLines)
    .where(and(eq(orderLines.sellerId, sellerId), inArray(orderLines.orderId, orderIds)));
  return new Set(rows.map((r) => r.orderId));
}

export type SellerFacts = { id: string; userId: string; displayName: string; timeZone: string };

export async function getSellerFacts(sellerId: string): Promise<SellerFacts | null> {
  const db = await getDb();
  const [s] = await db
    .select({ id: sellers.id, userId: sellers.userId, displayName: sellers.displayName, timeZone: sellers.timeZone })
    .from(sellers)
    .where(eq(sellers.id, sellerId))
    .limit(1);
  return s ?? null;
}

export async function getSellerFactsForUser(userId: string): Promise<SellerFacts | null> {
  const db = await getDb();
  const [s] = await db
    .select({ id: sellers.id, userId: sellers.userId, displayName: sellers.displayName, timeZone: sellers.timeZone })
    .from(sellers)
    .where(eq(sellers.userId, userId))
    .limit(1);
  return s ?? null;
}

export type PersonFacts = { id: string; name: string; email: string | null; phone: string | null };

export async function getPeople(ids: string[]): Promise<Map<string, PersonFacts>> {
  const out = new Map<string, PersonFacts>();
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return out;
  const db = await getDb();
  const rows = await db.select({ id: users.id, name: users.name, email: users.email, phone: users.phone }).from(users).where(inArray(users.id, unique));
  for (const r of rows) out.set(r.id, r);
  return out;
}

export async function findUserIdByEmail(email: string): Promise<string | null> {
  const db = await getDb();
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return u?.id ?? null;
}

/** A buyer's orders, newest first, keyset-paged (customer service's search by email). */
export async function listOrdersOfBuyer(buyerId: string, opts: { before?: { createdAt: Date; id: string }; limit?: number } = {}) {
  const db = await getDb();
  const limit = Math.min(opts.limit ?? 20, 100);
  const cursor = opts.before ? or(lt(orders.createdAt, opts.before.createdAt), and(eq(orders.createdAt, opts.before.createdAt), lt(orders.id, opts.before.id))) : undefined;
  const os = await db
    .select({ id: orders.id, status: orders.status, isGift: orders.isGift, totalCents: orders.totalCents, currency: orders.currency, createdAt: orders.createdAt })
    .from(orders)
    .where(and(eq(orders.buyerId, buyerId), cursor))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit + 1);
  const page = os.slice(0, limit);
  const titles = page.length
    ? await db.select({ orderId: orderLines.orderId, title: orderLines.title }).from(orderLines).where(inArray(orderLines.orderId, page.map((o) => o.id)))
    : [];
  const titleOf = new Map(titles.map((t) => [t.orderId, t.title]));
  return { items: page.map((o) => ({ ...o, title: titleOf.get(o.id) ?? '' })), hasMore: os.length > limit };
}

export async function getOfferFacts(offerId: string): Promise<{ id: string; sellerId: string; title: string } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(offerId)) return null;
  const db = await getDb();
  const [o] = await db.select({ id: offers.id, sellerId: offers.sellerId, title: offers.title }).from(offers).where(eq(offers.id, offerId)).limit(1);
  return o ?? null;
}
