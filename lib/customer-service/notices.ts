import 'server-only';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { caseActions, sellerNotices, serviceCases } from '@/db/schema';
import { config } from '@/lib/config';
import { enqueueMessages } from '@/lib/notifications/outbox';
import { oneLine } from '@/lib/text';
import { getPeople, getSellerFacts } from '@/lib/returns/order-facts';

// S12: the seller is told what customer service decided on their order and why: a notice on /seller/returns and an
// email through the outbox, written in the transaction of the decision.
export async function addSellerNotice(tx: Database, input: { sellerId: string; orderId: string | null; title: string; body: string }) {
  await tx.insert(sellerNotices).values(input);
  const seller = await getSellerFacts(input.sellerId);
  const person = seller ? (await getPeople([seller.userId])).get(seller.userId) : undefined;
  if (person?.email) {
    await enqueueMessages(tx, [
      {
        channel: 'email',
        recipient: person.email,
        template: 'seller_cs_decision',
        subject: oneLine(input.title),
        body: `${input.title}\n\n${input.body}\n\nSee your returns and notices: ${config().appUrl}/seller/returns\n`,
      },
    ]);
  }
}

export async function listSellerNotices(sellerId: string, opts: { beforeId?: number; limit?: number } = {}) {
  const db = await getDb();
  const limit = Math.min(opts.limit ?? 10, 50);
  const rows = await db
    .select()
    .from(sellerNotices)
    .where(and(eq(sellerNotices.sellerId, sellerId), opts.beforeId ? lt(sellerNotices.id, opts.beforeId) : undefined))
    .orderBy(desc(sellerNotices.id))
    .limit(limit + 1);
  return { items: rows.slice(0, limit), nextBefore: rows.length > limit ? rows[limit - 1].id : null };
}

// Customer service's case for an order: opened by the first contact (a return, a message, a staff action) and moved
// to the top of the queue by each later one.
export async function touchCase(tx: Database, orderId: string, sellerId: string | null) {
  await tx
    .insert(serviceCases)
    .values({ orderId, sellerId })
    .onConflictDoUpdate({ target: serviceCases.orderId, set: { lastActivityAt: sql`now()`, closedAt: null } });
}

export type CaseActionInput = Omit<typeof caseActions.$inferInsert, 'id' | 'createdAt'>;

/** The audit trail: who did what, when and why. Rows are only ever inserted. */
export async function recordCaseAction(tx: Database, input: CaseActionInput) {
  const [row] = await tx.insert(caseActions).values(input).returning();
  return row;
}

// The cursor is the last case's order id: its exact (microsecond) activity time is read back in SQL.
export async function listOpenCases(opts: { afterOrderId?: string; limit?: number } = {}) {
  const db = await getDb();
  const limit = Math.min(opts.limit ?? 20, 100);
  const cursor = opts.afterOrderId
    ? sql`(${serviceCases.lastActivityAt}, ${serviceCases.orderId}) < (select c.last_activity_at, c.order_id from ${serviceCases} c where c.order_id = ${opts.afterOrderId})`
    : undefined;
  const rows = await db
    .select()
    .from(serviceCases)
    .where(and(sql`${serviceCases.closedAt} is null`, cursor))
    .orderBy(desc(serviceCases.lastActivityAt), desc(serviceCases.orderId))
    .limit(limit + 1);
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}
