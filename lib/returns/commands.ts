import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { returnRequests } from '@/db/schema';
import { config } from '@/lib/config';
import { AppError, notFound } from '@/lib/errors';
import { enqueueMessages } from '@/lib/notifications/outbox';
import { issueRefund, refundableCents, remainingRefundableCents, type Refund } from '@/lib/refunds/service';
import { addSellerNotice, touchCase } from '@/lib/customer-service/notices';
import { getOrderFacts, getPeople, getSellerFacts, getSellerFactsForUser, type OrderFacts } from './order-facts';
import { formatDateIn, refundDueAt, requesterOf, returnByDate, returnEligibility, returnReasonLabel, rmaCodeFrom, type ReturnPolicy } from './rules';

export type ReturnRequest = typeof returnRequests.$inferSelect;

export function returnPolicy(): ReturnPolicy {
  const c = config().sfp;
  return { windowDays: c.returnWindowDays, shipDays: c.returnShipDays, refundBusinessDays: c.refundBusinessDays };
}

async function createReturn(
  tx: Database,
  order: OrderFacts,
  input: { requestedBy: string; reason: string; outsideWindow: boolean; authorizedBy: string | null; tz: string; refundCents: number; now: Date },
): Promise<ReturnRequest | null> {
  const [row] = await tx
    .insert(returnRequests)
    .values({
      orderId: order.id,
      sellerId: order.line.sellerId,
      requestedBy: input.requestedBy,
      reason: input.reason,
      status: 'authorized',
      outsideWindow: input.outsideWindow,
      authorizedBy: input.authorizedBy,
      refundToGiftCard: order.isGift,
      rmaCode: rmaCodeFrom(randomBytes(10)),
      itemTitle: order.line.title,
      quantity: order.line.quantity,
      refundCents: input.refundCents,
      currency: order.currency,
      authorizedAt: input.now,
      returnBy: returnByDate(input.now, input.tz, returnPolicy()),
    })
    .onConflictDoNothing({ target: returnRequests.orderId })
    .returning();
  if (!row) return null;
  await touchCase(tx, order.id, order.line.sellerId);
  // The person sending it back gets the label link and the date; for a gift that is the recipient (never the giver).
  const person = (await getPeople([input.requestedBy])).get(input.requestedBy);
  const text = `Your return of “${order.line.title}” is authorized. Print the label and send it back by ${formatDateIn(row.returnBy!, input.tz)}.`;
  const link = `${config().appUrl}/returns/${row.id}/label`;
  if (person?.email) await enqueueMessages(tx, [{ channel: 'email', recipient: person.email, template: 'return_authorized', subject: 'Your return is authorized', body: `Hi ${person.name},\n\n${text}\n\nReturn label: ${link}\n` }]);
  else if (person?.phone) await enqueueMessages(tx, [{ channel: 'sms', recipient: person.phone, template: 'return_authorized', body: `${text} Label: ${link}` }]);
  return row;
}

/**
 * S10: the buyer of an own order, or the recipient of an accepted gift, asks to return it. Within the window and policy
 * it is authorized at once, with a label and a return-by date; the seller does nothing. The giver of a gift cannot:
 * for them the order is "not found" here, so nothing on their side changes.
 */
export async function requestReturn(userId: string, input: { orderId: string; reason: string }, now = new Date()): Promise<ReturnRequest> {
  const order = await getOrderFacts(input.orderId);
  if (!order) throw notFound('That order');
  const who = requesterOf(order, userId);
  if (who !== 'buyer' && who !== 'gift_recipient') throw notFound('That order');
  const seller = await getSellerFacts(order.line.sellerId);
  if (!seller) throw notFound('That order');
  const db = await getDb();
  const [existing] = await db.select().from(returnRequests).where(eq(returnRequests.orderId, order.id)).limit(1);
  const eligible = returnEligibility({ deliveredAt: order.deliveredAt, now, tz: seller.timeZone, hasReturn: Boolean(existing) }, returnPolicy());
  if (!eligible.ok) throw new AppError('INVALID_STATE', eligible.reason);
  const refundCents = await remainingRefundableCents(order.id);
  if (refundCents <= 0) throw new AppError('INVALID_STATE', 'This order was already refunded in full.');
  const row = await db.transaction((tx) =>
    createReturn(tx, order, { requestedBy: userId, reason: input.reason, outsideWindow: false, authorizedBy: null, tz: seller.timeZone, refundCents, now }),
  );
  if (!row) throw new AppError('CONFLICT', 'A return was already requested for this order.');
  return row;
}

/** S14: customer service authorizes a return outside the window, case by case; the seller must accept it. */
export async function authorizeLateReturn(tx: Database, staffId: string, order: OrderFacts, reason: string, now = new Date()): Promise<ReturnRequest> {
  const seller = await getSellerFacts(order.line.sellerId);
  if (!seller) throw notFound('That order');
  const requester = order.isGift ? order.gift?.recipientUserId : order.buyerId;
  if (!requester || (order.isGift && (order.gift?.status !== 'accepted' || order.gift.settlement !== 'ship')))
    throw new AppError('INVALID_STATE', 'Only a shipped order can be returned (a gift once its recipient accepted it for delivery).');
  if (!order.deliveredAt && !order.shippedAt) throw new AppError('INVALID_STATE', 'This order hasn’t shipped yet: cancel it instead.');
  const refundCents = await remainingRefundableCents(order.id);
  if (refundCents <= 0) throw new AppError('INVALID_STATE', 'This order was already refunded in full.');
  const row = await createReturn(tx, order, { requestedBy: requester, reason: `other`, outsideWindow: true, authorizedBy: staffId, tz: seller.timeZone, refundCents, now });
  if (!row) throw new AppError('CONFLICT', 'This order already has a return.');
  await addSellerNotice(tx, {
    sellerId: order.line.sellerId,
    orderId: order.id,
    title: 'Customer service authorized a return outside the return window',
    body: `Order ${order.id.slice(0, 8)} (${order.line.title}), return ${row.rmaCode}. Reason: ${reason}. Please accept the return and refund it in full within 2 business days of receiving it.`,
  });
  return row;
}

async function sellerOf(userId: string) {
  const seller = await getSellerFactsForUser(userId);
  if (!seller) throw new AppError('FORBIDDEN', 'Your account has no seller profile.');
  return seller;
}

/** The seller marks the return received at their warehouse: the refund is then due within 2 business days (S11). */
export async function markReturnReceived(sellerUserId: string, returnId: string, now = new Date()): Promise<ReturnRequest> {
  const seller = await sellerOf(sellerUserId);
  const db = await getDb();
  const [row] = await db
    .update(returnRequests)
    .set({ status: 'received', receivedAt: now, refundDueAt: refundDueAt(now, seller.timeZone, returnPolicy()) })
    .where(and(eq(returnRequests.id, returnId), eq(returnRequests.sellerId, seller.id), inArray(returnRequests.status, ['authorized', 'in_transit'])))
    .returning();
  if (row) return row;
  const [mine] = await db.select().from(returnRequests).where(and(eq(returnRequests.id, returnId), eq(returnRequests.sellerId, seller.id))).limit(1);
  if (!mine) throw notFound('That return');
  if (mine.status === 'received') return mine;
  throw new AppError('INVALID_STATE', 'This return was already refunded or closed.');
}

/** S13: the seller refunds a received return, in full (no amount to choose, no returnless refund). */
export async function refundReturnBySeller(sellerUserId: string, returnId: string): Promise<Refund> {
  const seller = await sellerOf(sellerUserId);
  const db = await getDb();
  const [ret] = await db.select().from(returnRequests).where(and(eq(returnRequests.id, returnId), eq(returnRequests.sellerId, seller.id))).limit(1);
  if (!ret) throw notFound('That return');
  if (ret.status === 'authorized' || ret.status === 'in_transit') throw new AppError('INVALID_STATE', 'Mark the return received first: you refund once the item is back.');
  if (ret.status === 'closed') throw new AppError('INVALID_STATE', 'This return is closed.');
  try {
    // In full: what the return's items are owed, less whatever customer service refunded on the order since the
    // return was authorized (never more than was collected and not yet refunded).
    return await issueRefund({
      orderId: ret.orderId,
      amountCents: ret.refundCents,
      upToRemaining: true,
      issuer: 'seller',
      issuedBy: sellerUserId,
      kind: 'return',
      reason: `Return ${ret.rmaCode}: ${returnReasonLabel[ret.reason] ?? ret.reason}`,
      returnRequestId: ret.id,
      idempotencyKey: `return:${ret.id}:refund`,
    });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'INVALID_STATE' || (await refundableCents(ret.orderId)) > 0) throw e;
    // Customer service refunded the whole order meanwhile: nothing is left for the seller to refund or be late with.
    await db
      .update(returnRequests)
      .set({ status: 'closed' })
      .where(and(eq(returnRequests.id, ret.id), eq(returnRequests.status, 'received')));
    throw new AppError('INVALID_STATE', 'Customer service already refunded this order in full, so nothing is left for you to refund. The return is closed.');
  }
}
