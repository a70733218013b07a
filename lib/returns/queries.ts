import 'server-only';
import { and, desc, eq, gte, inArray, lt, lte, or } from 'drizzle-orm';
import { getDb } from '@/db';
import { returnRequests } from '@/db/schema';
import { getSucceededRefundOfReturn, refundableCents } from '@/lib/refunds/service';

// Readers of returns. Each says whose question it answers; ownership is in the WHERE, so another person's or another
// seller's return is simply not there.

export type SellerReturnsFilter = 'open' | 'all';

/** A seller's returns, newest first, keyset-paged. "open" = still waiting for the item or the refund. */
export async function listSellerReturns(sellerId: string, opts: { filter?: SellerReturnsFilter; before?: { at: Date; id: string }; limit?: number } = {}) {
  const db = await getDb();
  const limit = Math.min(opts.limit ?? 20, 100);
  const cursor = opts.before
    ? or(lt(returnRequests.authorizedAt, opts.before.at), and(eq(returnRequests.authorizedAt, opts.before.at), lt(returnRequests.id, opts.before.id)))
    : undefined;
  const rows = await db
    .select()
    .from(returnRequests)
    .where(and(eq(returnRequests.sellerId, sellerId), opts.filter === 'all' ? undefined : inArray(returnRequests.status, ['authorized', 'in_transit', 'received']), cursor))
    .orderBy(desc(returnRequests.authorizedAt), desc(returnRequests.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  // What refunding a received return would refund now: its items' amount, less what customer service refunded since.
  const due = await Promise.all(page.map((r) => (r.status === 'received' ? refundableCents(r.orderId) : Promise.resolve(r.refundCents))));
  return { items: page.map((r, i) => ({ ...r, refundNowCents: Math.min(r.refundCents, due[i]) })), hasMore: rows.length > limit };
}

export async function getSellerReturn(sellerId: string, returnId: string) {
  const db = await getDb();
  const [r] = await db.select().from(returnRequests).where(and(eq(returnRequests.id, returnId), eq(returnRequests.sellerId, sellerId))).limit(1);
  return r ?? null;
}

/** The return the signed-in person requested for this order (a gift's recipient sees theirs; the giver has none). */
export async function getReturnForRequester(userId: string, orderId: string) {
  const db = await getDb();
  const [r] = await db.select().from(returnRequests).where(and(eq(returnRequests.orderId, orderId), eq(returnRequests.requestedBy, userId))).limit(1);
  if (!r) return null;
  return { ...r, refund: await getSucceededRefundOfReturn(r.id) };
}

/** For the label page: only the person who requested the return. */
export async function getReturnLabelFor(userId: string, returnId: string) {
  const db = await getDb();
  const [r] = await db.select().from(returnRequests).where(and(eq(returnRequests.id, returnId), eq(returnRequests.requestedBy, userId))).limit(1);
  return r ?? null;
}

/** Customer service: every return of an order. */
export async function listReturnsForOrder(orderId: string) {
  const db = await getDb();
  return db.select().from(returnRequests).where(eq(returnRequests.orderId, orderId)).limit(20);
}

/** Refund deadlines of a seller's received returns between two instants (the deadline calendar). */
export async function listSellerRefundDeadlines(sellerId: string, from: Date, to: Date) {
  const db = await getDb();
  return db
    .select({ id: returnRequests.id, refundDueAt: returnRequests.refundDueAt, itemTitle: returnRequests.itemTitle, rmaCode: returnRequests.rmaCode })
    .from(returnRequests)
    .where(and(eq(returnRequests.sellerId, sellerId), eq(returnRequests.status, 'received'), gte(returnRequests.refundDueAt, from), lte(returnRequests.refundDueAt, to)))
    .limit(500);
}
