import 'server-only';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { refunds } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { creditGiftCardRefund } from '@/lib/gift-cards/ledger';
import { formatMoney } from '@/lib/money';
import { enqueueMessages, type OutboxMessageInput } from '@/lib/notifications/outbox';
import { captureShippedOrder, getPaymentForOrder, refundPayment, type Payment } from '@/lib/payments/service';
import { postSellerEntry } from '@/lib/seller-account/ledger';
import { getOrderFacts, getPeople, type OrderFacts } from '@/lib/returns/order-facts';
import { markReturnRefunded } from '@/lib/returns/refunded';
import { splitRefund } from '@/lib/returns/rules';
import { config } from '@/lib/config';
import { addSellerNotice } from '@/lib/customer-service/notices';

// Refunds: money going back to a buyer (or a gift's recipient), for a return the seller refunds or a decision of
// customer service. One refund row per decision, keyed by an idempotency key, in two steps:
//   1. reserve: under a per-order lock, check the amount against what remains refundable (pending refunds count), and
//      record the refund as pending with its split (card / gift card). Concurrent refunds can't exceed the capture.
//   2. settle: refund the card part through lib/payments with the key `refund:<id>` (a processor time-out leaves the
//      refund pending; any retry, the user's or the job's, replays the same key: the card is refunded once), then in
//      one transaction mark it succeeded, credit any gift-card part, debit the seller's account, finish the return
//      and queue the messages. A refund the processor refused is marked failed; trying again is a new attempt under a
//      key derived from the refused one (see attemptKey), with a processor key of its own.

export type Refund = typeof refunds.$inferSelect;
export type RefundKind = Refund['kind'];

export type RefundRequest = {
  orderId: string;
  amountCents: number;
  issuer: 'seller' | 'marketplace';
  issuedBy: string;
  kind: RefundKind;
  reason: string;
  returnRequestId?: string | null;
  idempotencyKey: string;
  chargeToSeller?: boolean;
  // The amount is a ceiling: refund that much, or what remains refundable when less does (a return refunded by its
  // seller after customer service refunded part of the order). A retry finds the same refund whatever it came to.
  upToRemaining?: boolean;
};

const refundLabel: Record<RefundKind, string> = {
  return: 'Refund for a return',
  full: 'Full refund',
  partial: 'Partial refund',
  returnless: 'Returnless refund',
  shipping_fee: 'Shipping fee refund',
  late_return: 'Refund for a late return',
  cancellation: 'Refund for a cancellation',
};
export const refundKindLabel = refundLabel;

/** The whole refund: reserve, then settle. Throws UNAVAILABLE (refund stays pending, retried safely) on a processor time-out. */
export async function issueRefund(req: RefundRequest): Promise<Refund> {
  const reserved = await reserveRefund(req);
  if (reserved.status !== 'pending') return reserved;
  return settleRefund(reserved.id);
}

async function lockOrder(tx: Database, orderId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`refunds:${orderId}`}, 0))`);
}

/** What remains refundable on an order (pending refunds included) and how it splits, read under the order's lock. */
async function refundedSoFar(tx: Database, orderId: string) {
  const [row] = await tx
    .select({
      total: sql<string>`coalesce(sum(${refunds.amountCents}), 0)`,
      card: sql<string>`coalesce(sum(${refunds.cardCents}), 0)`,
      giftCard: sql<string>`coalesce(sum(${refunds.giftCardCents}), 0)`,
    })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), inArray(refunds.status, ['pending', 'succeeded'])));
  return { total: Number(row.total), card: Number(row.card), giftCard: Number(row.giftCard) };
}

/** Where a refund of this order goes: a gift's recipient (as a gift card) or the buyer. Null when nothing was charged. */
export function refundTarget(order: OrderFacts): { toRecipientGiftCard: boolean; personId: string } | null {
  if (order.isGift) {
    if (!order.gift || order.gift.status !== 'accepted' || !order.gift.recipientUserId) return null;
    return { toRecipientGiftCard: true, personId: order.gift.recipientUserId };
  }
  if (order.status === 'awaiting_recipient') return null;
  return { toRecipientGiftCard: false, personId: order.buyerId };
}

export async function remainingRefundableCents(orderId: string): Promise<number> {
  const order = await getOrderFacts(orderId);
  if (!order) return 0;
  const db = await getDb();
  const so = await refundedSoFar(db, orderId);
  return Math.max(0, order.totalCents - so.total);
}

/** What a refund of an order starts from, read before its transaction: the order, where its money goes back, and its card payment. */
export type RefundBasis = { order: OrderFacts; target: { toRecipientGiftCard: boolean; personId: string }; payment: Payment | null };

/**
 * The basis of a refund of this order. A shipped own order is charged by the capture job; one refunded before the
 * job's next run is charged here first, under the same capture key, so the job and this refund are one capture.
 */
export async function refundBasis(orderId: string): Promise<RefundBasis> {
  const order = await getOrderFacts(orderId);
  if (!order) throw notFound('That order');
  const target = refundTarget(order);
  if (!target) throw new AppError('INVALID_STATE', 'There is nothing to refund on this order: nothing was charged for it, or its gift was taken as a gift card.');
  let payment = target.toRecipientGiftCard ? null : await getPaymentForOrder(order.id);
  if (payment?.status === 'authorized' && !order.isGift && (order.shippedAt || order.deliveredAt)) {
    const captured = await captureShippedOrder(order.id);
    if (!captured.ok && captured.code === 'timeout') throw new AppError('UNAVAILABLE', 'We couldn’t reach the payment processor. Nothing was refunded; please try again in a moment.');
    payment = await getPaymentForOrder(order.id);
  }
  return { order, target, payment };
}

type SoFar = Awaited<ReturnType<typeof refundedSoFar>>;

// What was collected and not yet refunded (pending refunds count): the captured card less its refunds, and the part
// paid from the buyer's gift-card balance less its refunds; never more than the order's total less every refund.
// A card that is only authorized has collected nothing. A gift goes back to its recipient's gift card in full.
function refundableOf(b: RefundBasis, so: SoFar): number {
  const left = b.order.totalCents - so.total;
  if (b.target.toRecipientGiftCard) return Math.max(0, left);
  const p = b.payment;
  const captured = p && (p.status === 'captured' || p.status === 'refunded') ? p.capturedCents : 0;
  const card = Math.max(0, captured - Math.max(so.card, p?.refundedCents ?? 0));
  const giftCard = Math.max(0, b.order.giftCardCents - so.giftCard);
  return Math.max(0, Math.min(left, card + giftCard));
}

/** What can be refunded on this order now: money actually collected, less refunds made or pending. */
export async function refundableCents(orderId: string): Promise<number> {
  const order = await getOrderFacts(orderId);
  const target = order ? refundTarget(order) : null;
  if (!order || !target) return 0;
  const payment = target.toRecipientGiftCard ? null : await getPaymentForOrder(order.id);
  const db = await getDb();
  return refundableOf({ order, target, payment }, await refundedSoFar(db, orderId));
}

export async function reserveRefund(req: RefundRequest): Promise<Refund> {
  const basis = await refundBasis(req.orderId);
  const db = await getDb();
  return (await db.transaction((tx) => reserveRefundIn(tx, basis, req))).refund;
}

/**
 * Records the refund as pending in the caller's transaction (so whatever the caller writes with it, an audit row or an
 * order's cancellation, commits with it or not at all). `created` is false when the key had been used: the same refund.
 */
export async function reserveRefundIn(tx: Database, basis: RefundBasis, req: RefundRequest): Promise<{ refund: Refund; created: boolean }> {
  const { order, target, payment } = basis;
  if (order.id !== req.orderId) throw new AppError('INVALID_STATE', 'That refund is for another order.');
  // Under the order's lock, so twin submissions of one key find each other instead of racing to insert it.
  await lockOrder(tx, order.id);
  const idempotencyKey = await attemptKey(tx, req);
  if (typeof idempotencyKey !== 'string') return { refund: idempotencyKey.existing, created: false };
  const so = await refundedSoFar(tx, order.id);
  const amountCents = req.upToRemaining ? Math.min(req.amountCents, refundableOf(basis, so)) : req.amountCents;
  if (amountCents <= 0) throw new AppError('INVALID_STATE', 'Nothing remains refundable on this order: it was already refunded in full.');
  const captured = payment && (payment.status === 'captured' || payment.status === 'refunded') ? payment.capturedCents : 0;
  const split = splitRefund({
    amountCents,
    toRecipientGiftCard: target.toRecipientGiftCard,
    orderTotalCents: order.totalCents,
    refundedSoFarCents: so.total,
    cardRemainingCents: captured - Math.max(so.card, payment?.refundedCents ?? 0),
    giftCardPaidCents: order.giftCardCents,
    giftCardRefundedSoFarCents: so.giftCard,
  });
  if (!split) {
    const left = refundableOf(basis, so);
    throw new AppError('CONFLICT', `That is more than remains refundable on this order (${formatMoney(left, order.currency)}).`, {
      fieldErrors: { amount: [`At most ${formatMoney(left, order.currency)} remains refundable.`] },
    });
  }
  const [row] = await tx
    .insert(refunds)
    .values({
      orderId: order.id,
      sellerId: order.line.sellerId,
      returnRequestId: req.returnRequestId ?? null,
      issuer: req.issuer,
      issuedBy: req.issuedBy,
      kind: req.kind,
      status: 'pending',
      amountCents,
      cardCents: split.cardCents,
      giftCardCents: split.giftCardCents,
      giftCardOwnerId: split.giftCardCents > 0 ? target.personId : null,
      reason: req.reason,
      chargedToSeller: req.chargeToSeller ?? true,
      idempotencyKey,
    })
    .returning();
  return { refund: row, created: true };
}

const MAX_REFUSED_ATTEMPTS = 20;

/**
 * The key this request's refund goes under. A decision's key finds its refund, pending or succeeded: a retry, or a
 * time-out being retried, is that same refund (settled with the same processor key, so the card is refunded once).
 * A refund the processor refused is final under its key (the processor replays a refusal to a retry with the same
 * key), so trying again is a new attempt under a key derived from the refused one: twin retries still converge on
 * one key, and each attempt has a processor key of its own.
 */
async function attemptKey(tx: Database, req: RefundRequest): Promise<string | { existing: Refund }> {
  let key = req.idempotencyKey;
  for (let refused = 0; ; refused++) {
    const [existing] = await tx.select().from(refunds).where(eq(refunds.idempotencyKey, key)).limit(1);
    if (!existing) return key;
    if (existing.orderId !== req.orderId) throw new AppError('CONFLICT', 'This refund was already submitted with different details.');
    if (existing.status !== 'failed') {
      if (!req.upToRemaining && existing.amountCents !== req.amountCents) throw new AppError('CONFLICT', 'This refund was already submitted with different details.');
      return { existing };
    }
    if (refused + 1 >= MAX_REFUSED_ATTEMPTS) throw new AppError('CONFLICT', 'The card refund was refused too many times. Contact customer service to refund this order another way.');
    key = `${req.idempotencyKey}:after:${existing.id}`;
  }
}

/** Settles a pending refund (idempotent: a settled one is returned as is). */
export async function settleRefund(refundId: string): Promise<Refund> {
  const db = await getDb();
  const [r] = await db.select().from(refunds).where(eq(refunds.id, refundId)).limit(1);
  if (!r) throw notFound('That refund');
  if (r.status !== 'pending') return r;
  if (r.cardCents > 0) {
    const result = await refundPayment({ orderId: r.orderId, amountCents: r.cardCents, idempotencyKey: `refund:${r.id}` });
    if (!result.ok) {
      if (result.code === 'timeout') {
        throw new AppError('UNAVAILABLE', 'We couldn’t reach the payment processor. The refund is recorded and will complete on its own; trying again never refunds twice.', {
          detail: { refundId: r.id },
        });
      }
      const [failed] = await db
        .update(refunds)
        .set({ status: 'failed', failureCode: result.code, failedAt: sql`now()` })
        .where(and(eq(refunds.id, r.id), eq(refunds.status, 'pending')))
        .returning();
      throw new AppError('PAYMENT_FAILED', `The card refund was refused (${result.message}). Nothing was refunded.`, { detail: { refundId: r.id, failed: Boolean(failed) } });
    }
  }
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(refunds)
      .set({ status: 'succeeded', succeededAt: sql`now()` })
      .where(and(eq(refunds.id, r.id), eq(refunds.status, 'pending')))
      .returning();
    if (!done) {
      const [now] = await tx.select().from(refunds).where(eq(refunds.id, r.id));
      return now;
    }
    await afterRefund(tx, done);
    return done;
  });
}

// Everything a succeeded refund moves or tells, in the transaction that marks it succeeded.
async function afterRefund(tx: Database, r: Refund) {
  const order = await getOrderFacts(r.orderId);
  if (!order) throw notFound('That order');
  if (r.giftCardCents > 0 && r.giftCardOwnerId) await creditGiftCardRefund(tx, { ownerId: r.giftCardOwnerId, cents: r.giftCardCents, idempotencyKey: `refund:${r.id}` });
  if (r.chargedToSeller && r.sellerId) {
    await postSellerEntry(tx, {
      sellerId: r.sellerId,
      kind: r.kind === 'shipping_fee' ? 'customer_service_adjustment' : 'customer_refund',
      amountCents: -r.amountCents,
      currency: order.currency,
      orderId: r.orderId,
      reference: `refund:${r.id}`,
      description: r.issuer === 'marketplace' ? `Customer service: ${refundLabel[r.kind].toLowerCase()} — ${r.reason}` : `${refundLabel[r.kind]}: ${order.line.title}`,
      idempotencyKey: `refund:${r.id}`,
    });
  }
  if (r.returnRequestId) await markReturnRefunded(tx, r.returnRequestId);
  // A refund charged to the seller is told to them with its reason (S12). One that isn't (an order cancelled before
  // it was charged) comes with the cancellation's own notice.
  if (r.issuer === 'marketplace' && r.sellerId && r.chargedToSeller) {
    await addSellerNotice(tx, {
      sellerId: r.sellerId,
      orderId: r.orderId,
      title: `Customer service issued a ${refundLabel[r.kind].toLowerCase()} of ${formatMoney(r.amountCents, order.currency)}`,
      body: `Order ${r.orderId.slice(0, 8)} (${order.line.title}). Reason: ${r.reason}. It was charged to your account. If you believe it shouldn’t be, you can file a SAFE-T claim within 30 days.`,
    });
  }
  // The person refunded is told; for a gift that is its recipient, never the giver.
  const target = refundTarget(order);
  const person = target ? (await getPeople([target.personId])).get(target.personId) : undefined;
  if (person) {
    const how = r.giftCardCents > 0 && r.cardCents === 0 ? 'to your gift card balance' : r.giftCardCents > 0 ? 'to your card and gift card balance' : 'to your card';
    const text = `We refunded ${formatMoney(r.amountCents, order.currency)} ${how} for “${order.line.title}”.`;
    const link = target!.toRecipientGiftCard ? `${config().appUrl}/account/received/${order.id}` : `${config().appUrl}/orders/${order.id}`;
    const msg: OutboxMessageInput | null = person.email
      ? { channel: 'email', recipient: person.email, template: 'refund_issued', subject: 'Your refund', body: `Hi ${person.name},\n\n${text}\n\nDetails: ${link}\n` }
      : person.phone
        ? { channel: 'sms', recipient: person.phone, template: 'refund_issued', body: `${text} ${link}` }
        : null;
    if (msg) await enqueueMessages(tx, [msg]);
  }
}

/** Jobs: refunds left pending by a processor time-out (or a crash) are settled with their own key. */
export async function settlePendingRefunds({ olderThanMs = 60_000, now = new Date(), limit = 100, budgetMs = 20_000 } = {}): Promise<number> {
  const deadline = Date.now() + budgetMs;
  const db = await getDb();
  const due = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(and(eq(refunds.status, 'pending'), lt(refunds.createdAt, new Date(now.getTime() - olderThanMs))))
    .orderBy(asc(refunds.createdAt))
    .limit(limit);
  let settled = 0;
  for (const { id } of due) {
    if (Date.now() > deadline) break;
    try {
      const r = await settleRefund(id);
      if (r.status === 'succeeded') settled++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }
  return settled;
}

export async function listRefundsForOrder(orderId: string): Promise<Refund[]> {
  const db = await getDb();
  return db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.createdAt)).limit(200);
}

/** The refund that settled a return, for the person who requested it (the caller checked who asks). */
export async function getSucceededRefundOfReturn(returnRequestId: string) {
  const db = await getDb();
  const [r] = await db
    .select({ amountCents: refunds.amountCents, cardCents: refunds.cardCents, giftCardCents: refunds.giftCardCents, status: refunds.status, succeededAt: refunds.succeededAt })
    .from(refunds)
    .where(and(eq(refunds.returnRequestId, returnRequestId), eq(refunds.status, 'succeeded')))
    .limit(1);
  return r ?? null;
}

/** A seller's refunds customer service issued and charged to them, succeeded, newest first (what SAFE-T claims are filed on). */
export async function listSellerChargedMarketplaceRefunds(sellerId: string, limit = 200): Promise<Refund[]> {
  const db = await getDb();
  return db
    .select()
    .from(refunds)
    .where(and(eq(refunds.sellerId, sellerId), eq(refunds.issuer, 'marketplace'), eq(refunds.chargedToSeller, true), eq(refunds.status, 'succeeded')))
    .orderBy(desc(refunds.createdAt))
    .limit(limit);
}

/** A seller's own refund (ownership in the WHERE: another seller's is not found). */
export async function getSellerRefund(sellerId: string, refundId: string): Promise<Refund | null> {
  const db = await getDb();
  const [r] = await db.select().from(refunds).where(and(eq(refunds.id, refundId), eq(refunds.sellerId, sellerId))).limit(1);
  return r ?? null;
}
