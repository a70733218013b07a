import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { caseActions, safetClaims, serviceCases } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { getDestinationForFulfilment } from '@/lib/fulfilment/destination';
import { listThreadsForOrder } from '@/lib/messaging/commands';
import { getPaymentForOrder } from '@/lib/payments/service';
import { listRefundsForOrder, remainingRefundableCents, reserveRefund, settleRefund, type Refund } from '@/lib/refunds/service';
import { authorizeLateReturn } from '@/lib/returns/commands';
import { getOrderFacts, getPeople, getSellerFacts } from '@/lib/returns/order-facts';
import { listReturnsForOrder } from '@/lib/returns/queries';
import { recordCaseAction, touchCase } from './notices';

// Customer service (S8, S12, S14): staff decide refunds and adjustments at their discretion, each charged to the
// seller's account with its reason; the seller is told (lib/refunds writes the notice and the email); every action is
// on the case's audit trail.

export type StaffRefundKind = 'full' | 'partial' | 'returnless' | 'shipping_fee' | 'cancellation';

export async function staffRefund(
  staffId: string,
  input: { orderId: string; kind: StaffRefundKind; amountCents?: number; reason: string; requestKey: string },
): Promise<Refund> {
  const order = await getOrderFacts(input.orderId);
  if (!order) throw notFound('That order');
  const remaining = await remainingRefundableCents(order.id);
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
  if (input.kind === 'cancellation' && (order.shippedAt || order.deliveredAt)) throw new AppError('INVALID_STATE', 'This order has shipped: refund it or authorize a return instead.');
  if (amount <= 0) throw new AppError('INVALID_STATE', 'This order was already refunded in full.');
  const refund = await reserveRefund({
    orderId: order.id,
    amountCents: amount,
    issuer: 'marketplace',
    issuedBy: staffId,
    kind: input.kind,
    reason: input.reason,
    idempotencyKey: `cs:${input.requestKey}`,
    chargeToSeller: true,
  });
  const db = await getDb();
  // Audited once per decision (a retried submit finds the same refund and the same audit row).
  await db.transaction(async (tx) => {
    const [seen] = await tx.select({ id: caseActions.id }).from(caseActions).where(eq(caseActions.refundId, refund.id)).limit(1);
    if (!seen) {
      await recordCaseAction(tx, {
        orderId: order.id,
        staffUserId: staffId,
        action: input.kind === 'cancellation' ? 'cancellation' : input.kind === 'shipping_fee' ? 'adjustment' : 'refund',
        reason: input.reason,
        amountCents: amount,
        refundId: refund.id,
      });
    }
    await touchCase(tx, order.id, order.line.sellerId);
  });
  return refund.status === 'pending' ? settleRefund(refund.id) : refund;
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
  const [seller, payment, returns, refundRows, threads, actions, claims, destination, [caseRow]] = await Promise.all([
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
    db.select().from(safetClaims).where(eq(safetClaims.orderId, order.id)).limit(1),
    // Staff acting on the order: the fulfilment domain's contract allows it.
    getDestinationForFulfilment(order.id),
    db.select().from(serviceCases).where(eq(serviceCases.orderId, order.id)).limit(1),
  ]);
  const people = await getPeople([order.buyerId, order.gift?.recipientUserId ?? '', ...actions.map((a) => a.staffUserId), ...threads.flatMap((t) => t.messages.map((m) => m.senderId))]);
  const remaining = Math.max(0, order.totalCents - refundRows.filter((r) => r.status !== 'failed').reduce((s, r) => s + r.amountCents, 0));
  return { order, seller, payment, returns, refunds: refundRows, threads, actions, claim: claims[0] ?? null, destination, people, remaining, caseRow: caseRow ?? null };
}
