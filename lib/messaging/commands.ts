import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { messages, messageThreads } from '@/db/schema';
import { config } from '@/lib/config';
import { AppError, notFound } from '@/lib/errors';
import { getDestinationForFulfilment } from '@/lib/fulfilment/destination';
import { enqueueMessages } from '@/lib/notifications/outbox';
import { oneLine } from '@/lib/text';
import { recordCaseAction, touchCase } from '@/lib/customer-service/notices';
import { getOfferFacts, getOrderFacts, getPeople, getSellerFacts, getSellerFactsForUser } from '@/lib/returns/order-facts';
import { requesterOf } from '@/lib/returns/rules';
import { mentionsAddress, threadKeyForCustomerService, threadKeyForOffer, threadKeyForOrder } from './rules';

// Buyer-seller messaging (S9). A thread per order and participant: a gift's giver and its recipient each get their
// own thread with the seller, never a shared one, and a thread with the giver can't carry the recipient's address.
// Pre-order questions have a thread per offer and person; customer service has its own thread with the seller per order.

export type Thread = typeof messageThreads.$inferSelect;
export type Message = typeof messages.$inferSelect;

async function upsertThread(tx: Database, t: Omit<typeof messageThreads.$inferInsert, 'id'>): Promise<Thread> {
  const [row] = await tx
    .insert(messageThreads)
    .values(t)
    .onConflictDoUpdate({ target: messageThreads.threadKey, set: { lastMessageAt: sql`now()` } })
    .returning();
  return row;
}

async function post(tx: Database, thread: Thread, senderId: string, senderRole: 'buyer' | 'seller' | 'ops', body: string) {
  await tx.insert(messages).values({ threadId: thread.id, sellerId: thread.sellerId, senderId, senderRole, orderId: thread.orderId, body });
  await tx.update(messageThreads).set({ lastMessageAt: sql`now()`, lastSenderRole: senderRole }).where(eq(messageThreads.id, thread.id));
}

async function emailSellerOf(tx: Database, sellerId: string, subject: string, body: string) {
  const seller = await getSellerFacts(sellerId);
  const p = seller ? (await getPeople([seller.userId])).get(seller.userId) : undefined;
  if (p?.email) await enqueueMessages(tx, [{ channel: 'email', recipient: p.email, template: 'seller_message', subject: oneLine(subject), body }]);
}

/** A buyer, a gift's recipient or a gift's giver writes to the seller about an order: each in their own thread. */
export async function messageSellerAboutOrder(userId: string, orderId: string, body: string): Promise<Thread> {
  const order = await getOrderFacts(orderId);
  if (!order) throw notFound('That order');
  const who = requesterOf(order, userId);
  if (who === 'none') throw notFound('That order');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const thread = await upsertThread(tx, {
      threadKey: threadKeyForOrder(orderId, userId),
      kind: 'buyer',
      sellerId: order.line.sellerId,
      orderId,
      participantUserId: userId,
      subject: `Order: ${order.line.title}`,
    });
    await post(tx, thread, userId, 'buyer', body);
    await touchCase(tx, orderId, order.line.sellerId);
    await emailSellerOf(tx, order.line.sellerId, `New message about ${order.line.title}`, `A customer wrote about an order:\n\n${body}\n\nAnswer it: ${config().appUrl}/seller/messages/${thread.id}\n`);
    return thread;
  });
}

/** A pre-order or product question from a signed-in buyer, in their own thread with the offer's seller. */
export async function askAboutOffer(userId: string, offerId: string, body: string): Promise<Thread> {
  const offer = await getOfferFacts(offerId);
  if (!offer || !offer.active) throw notFound('That product');
  if (offer.sellerUserId === userId) throw new AppError('FORBIDDEN', 'This is your own product: there is no seller to ask.');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const thread = await upsertThread(tx, {
      threadKey: threadKeyForOffer(offerId, userId),
      kind: 'buyer',
      sellerId: offer.sellerId,
      offerId,
      participantUserId: userId,
      subject: `Question: ${offer.title}`,
    });
    await post(tx, thread, userId, 'buyer', body);
    await emailSellerOf(tx, offer.sellerId, `Product question: ${offer.title}`, `${body}\n\nAnswer it: ${config().appUrl}/seller/messages/${thread.id}\n`);
    return thread;
  });
}

/** Customer service writes to the seller about an order (a question the agent can't answer). */
export async function staffMessageSeller(staffId: string, orderId: string, body: string): Promise<Thread> {
  const order = await getOrderFacts(orderId);
  if (!order) throw notFound('That order');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const thread = await upsertThread(tx, {
      threadKey: threadKeyForCustomerService(orderId),
      kind: 'customer_service',
      sellerId: order.line.sellerId,
      orderId,
      participantUserId: null,
      subject: `Customer service: ${order.line.title}`,
    });
    await post(tx, thread, staffId, 'ops', body);
    await touchCase(tx, orderId, order.line.sellerId);
    await recordCaseAction(tx, { orderId, staffUserId: staffId, action: 'message_to_seller', reason: body });
    await emailSellerOf(tx, order.line.sellerId, 'Customer service has a question', `${body}\n\nAnswer it: ${config().appUrl}/seller/messages/${thread.id}\n`);
    return thread;
  });
}

/** The seller answers in one of their threads. A thread with a gift's giver refuses the recipient's address. */
export async function sellerReply(sellerUserId: string, threadId: string, body: string): Promise<void> {
  const seller = await getSellerFactsForUser(sellerUserId);
  if (!seller) throw new AppError('FORBIDDEN', 'Your account has no seller profile.');
  const db = await getDb();
  const [thread] = await db.select().from(messageThreads).where(and(eq(messageThreads.id, threadId), eq(messageThreads.sellerId, seller.id))).limit(1);
  if (!thread) throw notFound('That conversation');
  if (thread.orderId && thread.participantUserId) {
    // The seller owns this order's line (the thread is theirs): the fulfilment domain's contract for this reader.
    const dest = await getDestinationForFulfilment(thread.orderId);
    if (dest && dest.recipientUserId !== thread.participantUserId && mentionsAddress(body, dest)) {
      throw new AppError('VALIDATION', 'This conversation is with the person who sent the gift: it can’t include the recipient’s address.', {
        fieldErrors: { body: ['Remove the delivery address: the gift’s sender never sees where it ships.'] },
      });
    }
  }
  await db.transaction(async (tx) => {
    await post(tx, thread, sellerUserId, 'seller', body);
    if (thread.orderId) await touchCase(tx, thread.orderId, seller.id);
    if (thread.participantUserId) {
      const p = (await getPeople([thread.participantUserId])).get(thread.participantUserId);
      // The person reads the answer where they asked: the order's page, or the product's for a pre-order question.
      const offer = !thread.orderId && thread.offerId ? await getOfferFacts(thread.offerId) : null;
      const link = thread.orderId ? `${config().appUrl}/orders/${thread.orderId}` : offer ? `${config().appUrl}/products/${encodeURIComponent(offer.slug)}` : config().appUrl;
      if (p?.email)
        await enqueueMessages(tx, [
          { channel: 'email', recipient: p.email, template: 'seller_answered', subject: `${seller.displayName} answered your message`, body: `${seller.displayName} wrote:\n\n${body}\n\n${link}\n` },
        ]);
    }
  });
}

// --- Readers --------------------------------------------------------------------------------------------------------

// The cursor is the last thread's id: its exact (microsecond) time is read back in SQL.
export async function listSellerThreads(sellerId: string, opts: { afterId?: string; limit?: number } = {}) {
  const db = await getDb();
  const limit = Math.min(opts.limit ?? 20, 100);
  const cursor = opts.afterId
    ? sql`(${messageThreads.lastMessageAt}, ${messageThreads.id}) < (select t.last_message_at, t.id from ${messageThreads} t where t.id = ${opts.afterId} and t.seller_id = ${sellerId})`
    : undefined;
  const list = await db
    .select()
    .from(messageThreads)
    .where(and(eq(messageThreads.sellerId, sellerId), cursor))
    .orderBy(desc(messageThreads.lastMessageAt), desc(messageThreads.id))
    .limit(limit + 1);
  return { items: list.slice(0, limit), hasMore: list.length > limit };
}

async function threadMessages(threadId: string) {
  const db = await getDb();
  return db.select().from(messages).where(eq(messages.threadId, threadId)).orderBy(asc(messages.createdAt), asc(messages.id)).limit(500);
}

export async function getSellerThread(sellerId: string, threadId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(threadId)) return null;
  const db = await getDb();
  const [thread] = await db.select().from(messageThreads).where(and(eq(messageThreads.id, threadId), eq(messageThreads.sellerId, sellerId))).limit(1);
  if (!thread) return null;
  return { thread, messages: await threadMessages(thread.id) };
}

/** The signed-in person's own thread about an order (giver and recipient each see only theirs). */
export async function getMyOrderThread(userId: string, orderId: string) {
  const db = await getDb();
  const [thread] = await db.select().from(messageThreads).where(eq(messageThreads.threadKey, threadKeyForOrder(orderId, userId))).limit(1);
  if (!thread) return null;
  return { thread, messages: await threadMessages(thread.id) };
}

/** The signed-in person's own questions to the seller about an offer, with the answers. */
export async function getMyOfferThread(userId: string, offerId: string) {
  const db = await getDb();
  const [thread] = await db.select().from(messageThreads).where(eq(messageThreads.threadKey, threadKeyForOffer(offerId, userId))).limit(1);
  if (!thread) return null;
  return { thread, messages: await threadMessages(thread.id) };
}

/** Customer service: every thread of an order with its messages. */
export async function listThreadsForOrder(orderId: string) {
  const db = await getDb();
  const threads = await db.select().from(messageThreads).where(eq(messageThreads.orderId, orderId)).orderBy(asc(messageThreads.createdAt)).limit(20);
  return Promise.all(threads.map(async (t) => ({ thread: t, messages: await threadMessages(t.id) })));
}
