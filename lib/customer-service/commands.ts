import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { caseActions, serviceCases } from '@/db/schema';
import { config } from '@/lib/config';
import { AppError, notFound } from '@/lib/errors';
import { scrubError } from '@/lib/log';
import { enqueueMessages } from '@/lib/notifications/outbox';
import { cancelUnshippedOrder } from '@/lib/orders/lifecycle';
import { getDestinationForFulfilment } from '@/lib/fulfilment/destination';
import { listThreadsForOrder } from '@/lib/messaging/commands';
import { getPaymentForOrder, releaseOrderHold } from '@/lib/payments/service';
import { listRefundsForOrder, refundBasis, refundableCents, reserveRefundIn, settleRefund, type Refund } from '@/lib/refunds/service';
import { authorizeLateReturn } from '@/lib/returns/commands';
import { getOrderFacts, getPeople, getSellerFacts, type OrderFacts } from '@/lib/returns/order-facts';
import { listReturnsForOrder } from '@/lib/returns/queries';
import { getClaimForOrder } from '@/lib/safet/commands';
import { addSellerNotice, recordCaseAction, touchCase } from './notices';

// Customer service (S8, S12, S14): staff decide refunds and adjustments at their discretion, each charged to the
// seller's account with its reason; the seller is told (lib/refunds writes the notice and the email); every action is
// on the case's audit trail.

export type StaffRefundKind = 'full' | 'partial' | 'returnless' | 'shipping_fee';
type StaffMoneyKind = StaffRefundKind | 'cancellation';

export async function staffRefund(
  staffId: string,
  input: { orderId: string; kind: StaffRefundKind; amountCents?: number; reason: string; requestKey: string },
): Promise<Refund> {
  return refundByStaff(staffId, input);
}

async function refundByStaff(staffId: string, input: { orderId: string; kind: StaffMoneyKind; amountCents?: number; reason: string; requestKey: string }): Promise<Refund> {
  const order = await getOrderFacts(input.orderId);
  if (!order) throw notFound('That order');
  // A resubmitted decision is the refund it made (even once nothing remains to refund, as after a full refund).
  const prior = (await listRefundsForOrder(order.id)).find((r) => r.idempotencyKey === `cs:${input.requestKey}` && r.status !== 'failed');
  if (prior) return prior.status === 'pending' ? settleRefund(prior.id) : prior;
  const basis = await refundBasis(order.id); // a shipped order the capture job hasn't reached yet is charged first, before the amount is known
  const remaining = await refundableCents(order.id);
  if (remaining <= 0 && order.status === 'placed' && !order.shippedAt)
    throw new AppError('INVALID_STATE', 'Nothing has been charged yet: the card is only held until the order ships. Cancel the order instead.');
  let amount: number;
  switch (input.kind) {
    case 'full':
    case 'cancellation':
      amount = remaining;
      break;
    case 'shipping_fee':
      if (order.shippingCents <= 0) throw new AppError('INVALID_STATE', 'This order had free shipping: there is no shipping fee to refund.');
      amount = Math.min(order.shippingCents, remaining);
      break;
    case 'partial':
    case 'returnless':
      if (!input.amountCents) {
        if (input.kind === 'partial') throw new AppError('VALIDATION', 'Enter the amount to refund.', { fieldErrors: { amount: ['Enter the amount to refund.'] } });
        amount = remaining;
      } else amount = input.amountCents;
      break;
  }
  if (amount <= 0) throw new AppError('INVALID_STATE', 'This order was already refunded in full.');
  const db = await getDb();
  // The refund and its audit row commit together or not at all: no refund is ever left without who, what and why.
  // A retried submit finds the same refund, which was audited with it.
  const refund = await db.transaction(async (tx) => {
    const reserved = await reserveRefundIn(tx, basis, {
      orderId: order.id,
      amountCents: amount,
      issuer: 'marketplace',
      issuedBy: staffId,
      kind: input.kind,
      reason: input.reason,
      idempotencyKey: `cs:${input.requestKey}`,
      chargeToSeller: true,
    });
    if (reserved.created) {
      await recordCaseAction(tx, {
        orderId: order.id,
        staffUserId: staffId,
        action: input.kind === 'cancellation' ? 'cancellation' : input.kind === 'shipping_fee' ? 'adjustment' : 'refund',
        reason: input.reason,
        amountCents: amount,
        refundId: reserved.refund.id,
      });
    }
    await touchCase(tx, order.id, order.line.sellerId);
    return reserved.refund;
  });
  return refund.status === 'pending' ? settleRefund(refund.id) : refund;
}

/** Who asked customer service to cancel: a buyer's request (or the marketplace's own decision) is not the seller's fault. */
export type CancellationRequester = 'buyer' | 'seller' | 'marketplace';

export type StaffCancellation = { cancelled: boolean; refund: Refund | null; holdReleased: boolean };

/**
 * A cancellation decided by customer service (S12). An order not shipped yet is cancelled through lib/orders (its
 * units back on sale, the SFP fact saying who asked), its card hold released through lib/payments, and whatever was
 * collected (the part paid by gift card; an accepted gift's capture) refunded without charging the seller, who is
 * told not to ship it. An order that has shipped can't be stopped: its cancellation refunds everything that remains,
 * charged to the seller like any refund of theirs.
 */
export async function staffCancelOrder(
  staffId: string,
  input: { orderId: string; reason: string; requestedBy?: CancellationRequester; requestKey: string },
): Promise<StaffCancellation> {
  const order = await getOrderFacts(input.orderId);
  if (!order) throw notFound('That order');
  if (order.shippedAt || order.deliveredAt) {
    return { cancelled: false, refund: await refundByStaff(staffId, { ...input, kind: 'cancellation' }), holdReleased: false };
  }
  if (order.status === 'awaiting_recipient')
    throw new AppError('INVALID_STATE', 'This gift is still waiting for its recipient: nothing has been charged, and it ends by itself if they decline or don’t answer.');
  if (order.status === 'closed') throw new AppError('INVALID_STATE', 'This gift was taken as a gift card: there is nothing to ship or cancel.');
  if (order.status === 'cancelled') return repeatCancellation(staffId, order.id, input.requestKey);
  if (!input.requestedBy) throw new AppError('VALIDATION', 'Say who asked for the cancellation.', { fieldErrors: { requestedBy: ['Say who asked for the cancellation.'] } });

  const basis = await refundBasis(order.id);
  const owed = await refundableCents(order.id);
  const actor = input.requestedBy === 'buyer' ? (order.isGift ? 'giver' : 'buyer') : input.requestedBy;
  const db = await getDb();
  const refund = await db.transaction(async (tx) => {
    if (!(await cancelUnshippedOrder(tx, order.id, { actor, reason: input.reason })))
      throw new AppError('CONFLICT', 'This order changed while you were cancelling it (it may have just shipped). Reload the case and try again.');
    const reserved =
      owed > 0
        ? (
            await reserveRefundIn(tx, basis, {
              orderId: order.id,
              amountCents: owed,
              issuer: 'marketplace',
              issuedBy: staffId,
              kind: 'cancellation',
              reason: input.reason,
              idempotencyKey: `cs:${input.requestKey}`,
              // Nothing shipped, so the seller was never paid for it: the cancellation costs them nothing.
              chargeToSeller: false,
            })
          ).refund
        : null;
    await recordCaseAction(tx, { orderId: order.id, staffUserId: staffId, action: 'cancellation', reason: input.reason, amountCents: reserved?.amountCents ?? null, refundId: reserved?.id ?? null });
    await touchCase(tx, order.id, order.line.sellerId);
    await addSellerNotice(tx, {
      sellerId: order.line.sellerId,
      orderId: order.id,
      title: 'Customer service cancelled an order: don’t ship it',
      body: `Order ${order.id.slice(0, 8)} (${order.line.title}) was cancelled before it shipped. Reason: ${input.reason}. ${
        actor === 'seller' ? 'It counts as a cancellation by you in your Seller Fulfilled Prime metrics.' : 'It does not count against your Seller Fulfilled Prime metrics.'
      } Nothing was charged to your account.`,
    });
    await tellCustomerOfCancellation(tx, order);
    return reserved;
  });
  return finishCancellation(order.id, refund, basis.payment?.status === 'authorized');
}

// A resubmitted cancellation by the same staff member (a double click, a retry after an error) finishes what the first
// started (the hold, a pending refund); anyone else is told the order is already cancelled.
async function repeatCancellation(staffId: string, orderId: string, requestKey: string): Promise<StaffCancellation> {
  const db = await getDb();
  const [mine] = await db
    .select({ refundId: caseActions.refundId })
    .from(caseActions)
    .where(and(eq(caseActions.orderId, orderId), eq(caseActions.action, 'cancellation'), eq(caseActions.staffUserId, staffId)))
    .limit(1);
  if (!mine) throw new AppError('INVALID_STATE', 'This order was already cancelled.');
  const refund = (await listRefundsForOrder(orderId)).find((r) => r.idempotencyKey === `cs:${requestKey}` || r.id === mine.refundId) ?? null;
  const payment = await getPaymentForOrder(orderId);
  return finishCancellation(orderId, refund, payment?.status === 'authorized');
}

async function finishCancellation(orderId: string, refund: Refund | null, holdLive: boolean): Promise<StaffCancellation> {
  let holdReleased = !holdLive;
  if (holdLive) {
    // If the processor doesn't answer, the hold sweeper releases the hold of a cancelled order on its next run.
    const released = await releaseOrderHold(orderId).catch((e: unknown) => {
      console.error(`[customer-service] could not release the hold of cancelled order ${orderId} yet; the hold sweeper retries`, scrubError(e));
      return null;
    });
    holdReleased = Boolean(released?.ok);
  }
  return { cancelled: true, refund: refund?.status === 'pending' ? await settleRefund(refund.id) : refund, holdReleased };
}

// The person the order was for is told it won't come (a gift's recipient, never its giver: the giver's side of a gift
// never shows what became of it).
async function tellCustomerOfCancellation(tx: Database, order: OrderFacts) {
  const personId = order.isGift ? order.gift?.recipientUserId : order.buyerId;
  if (!personId) return;
  const person = (await getPeople([personId])).get(personId);
  const text = order.isGift
    ? `The gift “${order.line.title}” was cancelled before it shipped. Its value comes back to you as gift card balance.`
    : `Your order of “${order.line.title}” was cancelled before it shipped. The hold on your card is released, and anything you paid comes back to you.`;
  const link = order.isGift ? `${config().appUrl}/account/received/${order.id}` : `${config().appUrl}/orders/${order.id}`;
  if (person?.email)
    await enqueueMessages(tx, [{ channel: 'email', recipient: person.email, template: 'order_cancelled', subject: 'Your order was cancelled', body: `Hi ${person.name},\n\n${text}\n\nDetails: ${link}\n` }]);
  else if (person?.phone) await enqueueMessages(tx, [{ channel: 'sms', recipient: person.phone, template: 'order_cancelled', body: `${text} ${link}` }]);
}

/** S14: a return outside the window, authorized by staff; the seller is told they must accept it. */
export async function staffAuthorizeLateReturn(staffId: string, input: { orderId: string; reason: string }) {
  const order = await getOrderFacts(input.orderId);
  if (!order) throw notFound('That order');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ret = await authorizeLateReturn(tx, staffId, order, input.reason);
    await recordCaseAction(tx, { orderId: order.id, staffUserId: staffId, action: 'late_return_authorized', reason: input.reason, returnRequestId: ret.id, amountCents: ret.refundCents });
    return ret;
  });
}

export async function setCaseOpen(staffId: string, input: { orderId: string; open: boolean; reason: string }) {
  const order = await getOrderFacts(input.orderId);
  if (!order) throw notFound('That order');
  const db = await getDb();
  await db.transaction(async (tx) => {
    await touchCase(tx, order.id, order.line.sellerId);
    if (!input.open) await tx.update(serviceCases).set({ closedAt: sql`now()` }).where(eq(serviceCases.orderId, order.id));
    await recordCaseAction(tx, { orderId: order.id, staffUserId: staffId, action: input.open ? 'case_reopened' : 'case_closed', reason: input.reason });
  });
}

/** Everything customer service sees about an order: staff only (the ops portal checks the role). */
export async function getCaseView(orderId: string) {
  const order = await getOrderFacts(orderId);
  if (!order) return null;
  const db = await getDb();
  const [seller, payment, returns, refundRows, threads, actions, claim, destination, [caseRow]] = await Promise.all([
    getSellerFacts(order.line.sellerId),
    getPaymentForOrder(order.id),
    listReturnsForOrder(order.id),
    listRefundsForOrder(order.id),
    listThreadsForOrder(order.id),
    db
      .select({ id: caseActions.id, action: caseActions.action, reason: caseActions.reason, amountCents: caseActions.amountCents, refundId: caseActions.refundId, createdAt: caseActions.createdAt, staffUserId: caseActions.staffUserId })
      .from(caseActions)
      .where(eq(caseActions.orderId, order.id))
      .orderBy(asc(caseActions.createdAt), asc(caseActions.id))
      .limit(500),
    getClaimForOrder(order.id),
    // Staff acting on the order: the fulfilment domain's contract allows it.
    getDestinationForFulfilment(order.id),
    db.select().from(serviceCases).where(eq(serviceCases.orderId, order.id)).limit(1),
  ]);
  const people = await getPeople([order.buyerId, order.gift?.recipientUserId ?? '', ...actions.map((a) => a.staffUserId), ...threads.flatMap((t) => t.messages.map((m) => m.senderId))]);
  // What can be refunded is what was collected: nothing while the card is only held (cancel the order instead).
  const remaining = await refundableCents(order.id);
  const cancellable = order.status === 'placed' && !order.shippedAt && !order.deliveredAt;
  return { order, seller, payment, returns, refunds: refundRows, threads, actions, claim, destination, people, remaining, cancellable, caseRow: caseRow ?? null };
}
