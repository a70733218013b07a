import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/index';
import { createOffer, createSeller, createUser } from '@/db/seed/factories';
import { giftCardLedger, messageThreads, orders, refunds, sellerNotices, sfpOrderFacts } from '@/db/schema';
import { staffAuthorizeLateReturn, staffCancelOrder, staffRefund, getCaseView } from '@/lib/customer-service/commands';
import { recordCaseAction } from '@/lib/customer-service/notices';
import { creditGiftCardRefund, getGiftCardBalance } from '@/lib/gift-cards/ledger';
import { captureShippedOrders } from '@/lib/jobs/capture-shipped';
import { runJobsOnce } from '@/lib/jobs/run';
import { placeOrder } from '@/lib/orders/checkout';
import { askAboutOfferAction } from '@/lib/messaging/actions';
import { askAboutOffer, getMyOfferThread, getMyOrderThread, getSellerThread, listSellerThreads, messageSellerAboutOrder, sellerReply, staffMessageSeller } from '@/lib/messaging/commands';
import { getBuyerOrder, listBuyerOrders } from '@/lib/orders/queries';
import { sandboxControls } from '@/lib/payments/sandbox';
import { getPaymentForOrder, listPaymentOperations } from '@/lib/payments/service';
import { settlePendingRefunds } from '@/lib/refunds/service';
import { getSellerFacts } from '@/lib/returns/order-facts';
import { markReturnReceived, refundReturnBySeller, requestReturn } from '@/lib/returns/commands';
import { getReturnForRequester, getSellerReturn, listSellerReturns } from '@/lib/returns/queries';
import { listSellerEntries, sellerBalanceCents } from '@/lib/seller-account/ledger';
import { hasPostgresServer } from '@/test/support/integration-setup';
import { ledgerOf, orderOf, outboxFor, rejection, selfCheckout, stockOf, type SentGift } from '@/test/support/gift-fixtures';
import { deliveredGift, deliveredOwnOrder, requestKey, sellerEntriesFor, shipOrder, staffUser } from '@/test/support/post-sale';
import type { AppUser } from '@/lib/accounts/queries';
import { signInAs } from '@/test/support/signed-in';

// The audit trail's writer, spied on so a test can make it fail between a refund and its audit row (a crash there).
vi.mock('@/lib/customer-service/notices', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/customer-service/notices')>();
  return { ...real, recordCaseAction: vi.fn(real.recordCaseAction) };
});

// Server actions run their real wrapper for the user a test signs in (see test/support/signed-in.ts).
vi.mock('@/lib/auth/session', async () => (await import('@/test/support/signed-in')).sessionModule);
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

afterEach(() => sandboxControls.disarmFaults());

const DAY = 86_400_000;

/** A buyer's own order, placed through checkout (the card is only authorized), not shipped yet. */
async function placedOwnOrder(priceCents = 3500) {
  const seller = await createSeller();
  const offer = await createOffer({ sellerId: seller.seller.id, priceCents, stock: 10 });
  const buyer = (await createUser({ name: 'Sam Buyer' })) as AppUser;
  const { orderId } = await placeOrder(buyer, selfCheckout(offer.id));
  return { seller, offer, buyer, orderId };
}
const captures = async (orderId: string) =>
  (await listPaymentOperations(orderId)).filter((o) => o.kind === 'capture').map((o) => `${o.idempotencyKey}:${o.outcome}`);

describe('charged when it ships', () => {
  it('an own order is only authorized until it ships; the job then captures it once, however often it runs', async () => {
    const { seller, orderId } = await placedOwnOrder(3500);
    await captureShippedOrders();
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'authorized', capturedCents: 0 }); // not shipped: not charged

    await shipOrder(seller, orderId);
    const first = await captureShippedOrders();
    expect(first.captured).toBeGreaterThanOrEqual(1);
    const payment = await getPaymentForOrder(orderId);
    expect(payment).toMatchObject({ status: 'captured', capturedCents: 3500 });
    expect(await sandboxControls.inspect(payment!.processorAuthorizationId)).toMatchObject({ status: 'captured', capturedCents: 3500 });

    // The next runs (the in-process schedule and `npm run jobs`) find nothing left to charge.
    await captureShippedOrders();
    expect((await runJobsOnce()).report.shippedOrdersCaptured).toEqual(expect.any(Number));
    expect(await captures(orderId)).toEqual([`order:${orderId}:capture:succeeded`]);
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'captured', capturedCents: 3500 });
  });

  it('a capture the processor did not answer is retried by the next run with the same key: one capture in the end', async () => {
    const { seller, orderId } = await placedOwnOrder(2700);
    await shipOrder(seller, orderId);
    const { processorAuthorizationId } = (await getPaymentForOrder(orderId))!;
    // The processor captures, then the answer is lost.
    await sandboxControls.armFault({ operation: 'capture', authorizationId: processorAuthorizationId, mode: 'timeout_after' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect((await captureShippedOrders()).timedOut).toBeGreaterThanOrEqual(1);
      expect(warn.mock.calls.some((c) => String(c[0]).includes(orderId))).toBe(true);
    } finally {
      warn.mockRestore();
    }
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'authorized', capturedCents: 0 });

    await captureShippedOrders();
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'captured', capturedCents: 2700 });
    expect(await sandboxControls.inspect(processorAuthorizationId)).toMatchObject({ status: 'captured', capturedCents: 2700 });
    expect(await captures(orderId)).toEqual([`order:${orderId}:capture:timed_out`, `order:${orderId}:capture:succeeded`]);
    await captureShippedOrders();
    expect(await captures(orderId)).toHaveLength(2);
  });

  it('a hold that lapsed before the order was charged is recorded as lapsed and logged', async () => {
    const { seller, orderId } = await placedOwnOrder(1900);
    await shipOrder(seller, orderId);
    const { processorAuthorizationId } = (await getPaymentForOrder(orderId))!;
    await sandboxControls.lapseHold(processorAuthorizationId);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await captureShippedOrders()).lapsed).toBeGreaterThanOrEqual(1);
      expect(error.mock.calls.some((c) => String(c[0]).includes(orderId) && /lapsed/.test(String(c[0])))).toBe(true);
    } finally {
      error.mockRestore();
    }
    expect((await getPaymentForOrder(orderId))?.status).toBe('lapsed');
    expect(await sandboxControls.inspect(processorAuthorizationId)).toMatchObject({ status: 'held', capturedCents: 0 });
    // Recorded once: a lapsed payment is no longer a live hold, so later runs leave it.
    await captureShippedOrders();
    expect(await captures(orderId)).toEqual([`order:${orderId}:capture:failed`]);
  });

  it('a refund of a shipped order the job has not charged yet charges it first, under the same key as the job', async () => {
    const { seller, orderId } = await placedOwnOrder(4100);
    await shipOrder(seller, orderId);
    const staff = await staffUser();
    const r = await staffRefund(staff.id, { orderId, kind: 'partial', amountCents: 1000, reason: 'Late delivery', requestKey: requestKey() });
    expect(r).toMatchObject({ status: 'succeeded', cardCents: 1000 });
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'captured', capturedCents: 4100, refundedCents: 1000 });
    await captureShippedOrders();
    expect(await captures(orderId)).toEqual([`order:${orderId}:capture:succeeded`]);
  });

  it('leaves gift orders (charged at acceptance) and orders paid wholly by gift card (no card payment) alone', async () => {
    const { sent } = await deliveredGift({ priceCents: 3000 });
    const giftOps = (await listPaymentOperations(sent.orderId)).map((o) => o.idempotencyKey);

    const seller = await createSeller();
    const offer = await createOffer({ sellerId: seller.seller.id, priceCents: 1200, stock: 5 });
    const buyer = (await createUser({ name: 'Gia Balance' })) as AppUser;
    const db = await getDb();
    await db.transaction((tx) => creditGiftCardRefund(tx, { ownerId: buyer.id, cents: 5000, idempotencyKey: `test-balance:${buyer.id}` }));
    const { orderId } = await placeOrder(buyer, selfCheckout(offer.id, { useGiftCardBalance: true }));
    expect(await getPaymentForOrder(orderId)).toBeNull();
    await shipOrder(seller, orderId);

    await captureShippedOrders();
    expect(await getPaymentForOrder(orderId)).toBeNull();
    expect((await listPaymentOperations(sent.orderId)).map((o) => o.idempotencyKey)).toEqual(giftOps);
    expect(giftOps.some((k) => k.startsWith('order:'))).toBe(false);
  });
});

describe('returns within policy (S10, S11, S13)', () => {
  it('is authorized at once with a label and a return-by date; the seller marks it received and refunds in full', async () => {
    const { seller, buyer, orderId } = await deliveredOwnOrder({ priceCents: 4000 });
    const ret = await requestReturn(buyer.id, { orderId, reason: 'defective' });
    expect(ret).toMatchObject({ status: 'authorized', outsideWindow: false, refundCents: 4000, itemTitle: expect.any(String), refundToGiftCard: false });
    expect(ret.rmaCode).toMatch(/^R[0-9A-Z]{10}$/);
    expect(ret.returnBy!.getTime() - ret.authorizedAt.getTime()).toBeGreaterThan(29 * DAY);
    expect((await outboxFor(buyer.email!, 'return_authorized')).at(-1)?.body).toContain(`/returns/${ret.id}/label`);

    // Refunding before the item is back is refused.
    expect((await rejection(refundReturnBySeller(seller.user.id, ret.id))).code).toBe('INVALID_STATE');

    const received = await markReturnReceived(seller.user.id, ret.id, new Date('2026-11-06T20:00:00Z')); // a Friday afternoon in New York
    expect(received.refundDueAt!.toISOString()).toBe('2026-11-11T04:59:59.999Z'); // end of Tuesday (Veterans Day is Wednesday)

    const refund = await refundReturnBySeller(seller.user.id, ret.id);
    expect(refund).toMatchObject({ status: 'succeeded', amountCents: 4000, cardCents: 4000, giftCardCents: 0, issuer: 'seller' });
    expect(await getPaymentForOrder(orderId)).toMatchObject({ refundedCents: 4000, status: 'refunded' });
    expect(await getSellerReturn(seller.seller.id, ret.id)).toMatchObject({ status: 'refunded' });
    expect((await sellerEntriesFor(seller.seller.id, orderId)).map((e) => [e.kind, e.amountCents])).toEqual([['customer_refund', -4000]]);
    expect((await getReturnForRequester(buyer.id, orderId))?.refund).toMatchObject({ amountCents: 4000 });
    expect((await outboxFor(buyer.email!, 'refund_issued')).length).toBe(1);

    // A second click replays the same refund: nothing moves twice.
    const again = await refundReturnBySeller(seller.user.id, ret.id);
    expect(again.id).toBe(refund.id);
    expect((await listPaymentOperations(orderId)).filter((o) => o.kind === 'refund' && o.outcome === 'succeeded')).toHaveLength(1);
    expect(await sellerEntriesFor(seller.seller.id, orderId)).toHaveLength(1);
  });

  it('after customer service refunded part of the order, the seller’s refund in full is what remains for the return', async () => {
    const { seller, buyer, orderId } = await deliveredOwnOrder({ priceCents: 4000 });
    const ret = await requestReturn(buyer.id, { orderId, reason: 'defective' });
    expect(ret.refundCents).toBe(4000);
    const staff = await staffUser();
    await staffRefund(staff.id, { orderId, kind: 'partial', amountCents: 1500, reason: 'Late delivery', requestKey: requestKey() });
    await markReturnReceived(seller.user.id, ret.id);
    expect((await listSellerReturns(seller.seller.id)).items.find((r) => r.id === ret.id)).toMatchObject({ refundCents: 4000, refundNowCents: 2500 });

    const refund = await refundReturnBySeller(seller.user.id, ret.id);
    expect(refund).toMatchObject({ status: 'succeeded', amountCents: 2500, cardCents: 2500 });
    expect((await refundReturnBySeller(seller.user.id, ret.id)).id).toBe(refund.id); // a second click is the same refund
    expect(await getPaymentForOrder(orderId)).toMatchObject({ capturedCents: 4000, refundedCents: 4000, status: 'refunded' });
    expect(await getSellerReturn(seller.seller.id, ret.id)).toMatchObject({ status: 'refunded' });
    expect((await sellerEntriesFor(seller.seller.id, orderId)).map((e) => e.amountCents)).toEqual([-1500, -2500]);
  });

  it('after customer service refunded the whole order, nothing is left for the seller: the return is closed', async () => {
    const { seller, buyer, orderId } = await deliveredOwnOrder({ priceCents: 1800 });
    const ret = await requestReturn(buyer.id, { orderId, reason: 'defective' });
    const staff = await staffUser();
    await staffRefund(staff.id, { orderId, kind: 'full', reason: 'Buyer gave up waiting', requestKey: requestKey() });
    await markReturnReceived(seller.user.id, ret.id);
    const refused = await rejection(refundReturnBySeller(seller.user.id, ret.id));
    expect(refused).toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/already refunded this order in full/) });
    expect(await getSellerReturn(seller.seller.id, ret.id)).toMatchObject({ status: 'closed' });
    expect((await listSellerReturns(seller.seller.id)).items.map((r) => r.id)).not.toContain(ret.id);
    expect(await getPaymentForOrder(orderId)).toMatchObject({ refundedCents: 1800 });
    expect((await sellerEntriesFor(seller.seller.id, orderId)).map((e) => e.amountCents)).toEqual([-1800]);
  });

  it('refuses a second request, a stranger, an undelivered order and a late one (which customer service can authorize, S14)', async () => {
    const { seller, buyer, orderId } = await deliveredOwnOrder({ deliveredAt: new Date(Date.now() - 40 * DAY) });
    const stranger = await createUser();
    expect((await rejection(requestReturn(stranger.id, { orderId, reason: 'defective' }))).code).toBe('NOT_FOUND');
    const late = await rejection(requestReturn(buyer.id, { orderId, reason: 'defective' }));
    expect(late.code).toBe('INVALID_STATE');
    expect(late.message).toMatch(/return window has closed/);

    const staff = await staffUser();
    const ret = await staffAuthorizeLateReturn(staff.id, { orderId, reason: 'Buyer was in hospital' });
    expect(ret).toMatchObject({ outsideWindow: true, authorizedBy: staff.id, status: 'authorized' });
    const db = await getDb();
    const notices = await db.select().from(sellerNotices).where(eq(sellerNotices.sellerId, seller.seller.id));
    expect(notices.map((n) => n.title)).toContain('Customer service authorized a return outside the return window');
    expect((await outboxFor(seller.user.email!, 'seller_cs_decision')).at(-1)?.body).toContain('Buyer was in hospital');
    expect((await getCaseView(orderId))!.actions.map((a) => [a.action, a.reason, a.staffUserId])).toEqual([['late_return_authorized', 'Buyer was in hospital', staff.id]]);
    // The seller must accept it: it is on their list like any other.
    expect((await listSellerReturns(seller.seller.id)).items.map((r) => r.id)).toContain(ret.id);
    expect((await rejection(requestReturn(buyer.id, { orderId, reason: 'defective' }))).message).toMatch(/already requested/);

    const { orderId: undelivered, buyer: b2 } = await deliveredOwnOrder();
    await (await getDb()).update(orders).set({ deliveredAt: null, status: 'shipped' }).where(eq(orders.id, undelivered));
    expect((await rejection(requestReturn(b2.id, { orderId: undelivered, reason: 'defective' }))).message).toMatch(/once it has been delivered/);
  });
});

describe('refunds through lib/payments', () => {
  it('a refund retried after a processor time-out refunds once', async () => {
    const { seller, buyer, orderId } = await deliveredOwnOrder({ priceCents: 2600 });
    const ret = await requestReturn(buyer.id, { orderId, reason: 'damaged' });
    await markReturnReceived(seller.user.id, ret.id);
    const payment = await getPaymentForOrder(orderId);
    // The processor acts, then the answer is lost.
    await sandboxControls.armFault({ operation: 'refund', authorizationId: payment!.processorAuthorizationId, mode: 'timeout_after' });
    const err = await rejection(refundReturnBySeller(seller.user.id, ret.id));
    expect(err.code).toBe('UNAVAILABLE');
    const db = await getDb();
    const [pending] = await db.select().from(refunds).where(eq(refunds.returnRequestId, ret.id));
    expect(pending.status).toBe('pending');
    expect(await sellerEntriesFor(seller.seller.id, orderId)).toHaveLength(0); // not charged until it is done

    const done = await refundReturnBySeller(seller.user.id, ret.id);
    expect(done).toMatchObject({ id: pending.id, status: 'succeeded' });
    expect((await sandboxControls.inspect(payment!.processorAuthorizationId)).refundedCents).toBe(2600);
    expect(await getPaymentForOrder(orderId)).toMatchObject({ refundedCents: 2600 });
    expect((await sellerEntriesFor(seller.seller.id, orderId)).map((e) => e.amountCents)).toEqual([-2600]);
  });

  it('a refund the processor refused can be tried again as a new attempt; a time-out of that attempt is retried with its key: refunded once', async () => {
    const { seller, buyer, orderId } = await deliveredOwnOrder({ priceCents: 2200 });
    const ret = await requestReturn(buyer.id, { orderId, reason: 'defective' });
    await markReturnReceived(seller.user.id, ret.id);
    const { processorAuthorizationId } = (await getPaymentForOrder(orderId))!;
    const db = await getDb();
    const attempts = () => db.select().from(refunds).where(eq(refunds.returnRequestId, ret.id)).orderBy(refunds.createdAt);

    await sandboxControls.armFault({ operation: 'refund', authorizationId: processorAuthorizationId, mode: 'refuse' });
    const refused = await rejection(refundReturnBySeller(seller.user.id, ret.id));
    expect(refused.code).toBe('PAYMENT_FAILED');
    expect(refused.message).toMatch(/bank refused the refund/);
    const [failed] = await attempts();
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'card_declined' });
    expect(await getSellerReturn(seller.seller.id, ret.id)).toMatchObject({ status: 'received' });
    expect(await sellerEntriesFor(seller.seller.id, orderId)).toEqual([]);

    // The seller tries again: a new attempt. The processor refunds it, then its answer is lost.
    await sandboxControls.armFault({ operation: 'refund', authorizationId: processorAuthorizationId, mode: 'timeout_after' });
    expect((await rejection(refundReturnBySeller(seller.user.id, ret.id))).code).toBe('UNAVAILABLE');
    const [, pending] = await attempts();
    expect(pending).toMatchObject({ status: 'pending', amountCents: 2200 });
    expect(pending.idempotencyKey).not.toBe(failed.idempotencyKey);

    // Trying once more is the same attempt with the same processor key: the card is refunded once.
    const done = await refundReturnBySeller(seller.user.id, ret.id);
    expect(done).toMatchObject({ id: pending.id, status: 'succeeded', amountCents: 2200 });
    expect((await refundReturnBySeller(seller.user.id, ret.id)).id).toBe(pending.id);
    expect((await attempts()).map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect((await sandboxControls.inspect(processorAuthorizationId))?.refundedCents).toBe(2200);
    expect(await getPaymentForOrder(orderId)).toMatchObject({ refundedCents: 2200, status: 'refunded' });
    expect((await listPaymentOperations(orderId)).filter((o) => o.kind === 'refund').map((o) => [o.idempotencyKey, o.outcome])).toEqual([
      [`refund:${failed.id}`, 'declined'],
      [`refund:${pending.id}`, 'timed_out'],
      [`refund:${pending.id}`, 'succeeded'],
    ]);
    expect((await sellerEntriesFor(seller.seller.id, orderId)).map((e) => e.amountCents)).toEqual([-2200]);
    expect(await getSellerReturn(seller.seller.id, ret.id)).toMatchObject({ status: 'refunded' });
  });

  it('a refund left pending by a time-out before the processor acted is finished by the job, once', async () => {
    const { seller, buyer, orderId } = await deliveredOwnOrder({ priceCents: 1500 });
    const ret = await requestReturn(buyer.id, { orderId, reason: 'damaged' });
    await markReturnReceived(seller.user.id, ret.id);
    const payment = await getPaymentForOrder(orderId);
    await sandboxControls.armFault({ operation: 'refund', authorizationId: payment!.processorAuthorizationId, mode: 'timeout_before' });
    await rejection(refundReturnBySeller(seller.user.id, ret.id));
    expect((await sandboxControls.inspect(payment!.processorAuthorizationId)).refundedCents).toBe(0);
    expect(await settlePendingRefunds({ olderThanMs: 0 })).toBeGreaterThanOrEqual(1);
    expect(await settlePendingRefunds({ olderThanMs: 0 })).toBe(0);
    expect((await sandboxControls.inspect(payment!.processorAuthorizationId)).refundedCents).toBe(1500);
    expect(await getSellerReturn(seller.seller.id, ret.id)).toMatchObject({ status: 'refunded' });
  });

  it('concurrent refunds cannot exceed the capture', async () => {
    if (!hasPostgresServer) console.warn('[integration] concurrent refunds ran on PGlite: one after another, not a real race.');
    const { seller, orderId } = await deliveredOwnOrder({ priceCents: 5000 });
    const staff = await staffUser();
    const attempts = await Promise.allSettled(
      [3000, 3000, 3000].map((cents) => staffRefund(staff.id, { orderId, kind: 'partial', amountCents: cents, reason: 'Goodwill', requestKey: requestKey() })),
    );
    const ok = attempts.filter((a) => a.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    for (const a of attempts) if (a.status === 'rejected') expect((a.reason as { code: string }).code).toBe('CONFLICT');
    const payment = await getPaymentForOrder(orderId);
    expect(payment!.refundedCents).toBe(3000);
    expect((await sandboxControls.inspect(payment!.processorAuthorizationId)).refundedCents).toBe(3000);
    // What remains can still be refunded, and no more.
    await staffRefund(staff.id, { orderId, kind: 'partial', amountCents: 2000, reason: 'Goodwill', requestKey: requestKey() });
    expect((await rejection(staffRefund(staff.id, { orderId, kind: 'partial', amountCents: 1, reason: 'Goodwill', requestKey: requestKey() }))).code).toBe('CONFLICT');
    expect((await rejection(staffRefund(staff.id, { orderId, kind: 'full', reason: 'Goodwill', requestKey: requestKey() }))).code).toBe('INVALID_STATE');
    expect((await sellerEntriesFor(seller.seller.id, orderId)).reduce((s, e) => s + e.amountCents, 0)).toBe(-5000);
  });

  it('customer service refunds are charged to the seller with the reason, the seller is told, and the case records who did what', async () => {
    const { seller, buyer, orderId } = await deliveredOwnOrder({ priceCents: 3100 });
    const staff = await staffUser();
    const key = requestKey();
    const r = await staffRefund(staff.id, { orderId, kind: 'returnless', amountCents: 1200, reason: 'Item arrived scratched; buyer keeps it', requestKey: key });
    // A double submit of the same form is the same refund.
    const r2 = await staffRefund(staff.id, { orderId, kind: 'returnless', amountCents: 1200, reason: 'Item arrived scratched; buyer keeps it', requestKey: key });
    expect(r2.id).toBe(r.id);
    expect(r).toMatchObject({ issuer: 'marketplace', kind: 'returnless', chargedToSeller: true, status: 'succeeded' });
    const entries = await sellerEntriesFor(seller.seller.id, orderId);
    expect(entries.map((e) => [e.kind, e.amountCents])).toEqual([['customer_refund', -1200]]);
    expect(entries[0].description).toContain('Item arrived scratched');
    expect((await outboxFor(seller.user.email!, 'seller_cs_decision')).at(-1)?.body).toContain('Item arrived scratched; buyer keeps it');
    const view = await getCaseView(orderId);
    expect(view!.actions).toHaveLength(1);
    expect(view!.actions[0]).toMatchObject({ action: 'refund', staffUserId: staff.id, amountCents: 1200, reason: 'Item arrived scratched; buyer keeps it' });
    expect(view!.remaining).toBe(1900);
    // Free shipping: no shipping fee to refund.
    expect((await rejection(staffRefund(staff.id, { orderId, kind: 'shipping_fee', reason: 'x', requestKey: requestKey() }))).code).toBe('INVALID_STATE');
    expect(buyer.id).toBeTruthy();
  });

  it('a refund and its audit row are written together: a crash before the audit row leaves no refund behind', async () => {
    const { seller, orderId } = await deliveredOwnOrder({ priceCents: 2400 });
    const staff = await staffUser();
    const key = requestKey();
    vi.mocked(recordCaseAction).mockRejectedValueOnce(new Error('the process died before the audit row'));
    await expect(staffRefund(staff.id, { orderId, kind: 'returnless', amountCents: 900, reason: 'Scratched', requestKey: key })).rejects.toThrow(/audit row/);
    const db = await getDb();
    expect(await db.select().from(refunds).where(eq(refunds.orderId, orderId))).toEqual([]);
    // Nothing is left for the recovery job to settle unaudited, and nothing moved.
    await settlePendingRefunds({ olderThanMs: 0 });
    expect(await getPaymentForOrder(orderId)).toMatchObject({ refundedCents: 0 });
    expect(await sellerEntriesFor(seller.seller.id, orderId)).toEqual([]);
    expect((await getCaseView(orderId))!.actions).toEqual([]);

    // Submitted again, the decision goes through, audited once.
    const r = await staffRefund(staff.id, { orderId, kind: 'returnless', amountCents: 900, reason: 'Scratched', requestKey: key });
    expect(r).toMatchObject({ status: 'succeeded', amountCents: 900 });
    expect((await getCaseView(orderId))!.actions.map((a) => [a.action, a.refundId])).toEqual([['refund', r.id]]);
  });
});

describe('customer service cancellations', () => {
  const factOf = async (orderId: string) => {
    const db = await getDb();
    const [f] = await db.select().from(sfpOrderFacts).where(eq(sfpOrderFacts.orderId, orderId));
    return f;
  };

  it('cancels an order not shipped yet: the order is cancelled, the hold released, the stock back, and a buyer’s request is not the seller’s cancellation', async () => {
    const { seller, offer, buyer, orderId } = await placedOwnOrder(2800);
    const stock = await stockOf(offer.id);
    const staff = await staffUser();
    const { processorAuthorizationId } = (await getPaymentForOrder(orderId))!;

    // Without saying who asked, nothing happens.
    expect((await rejection(staffCancelOrder(staff.id, { orderId, reason: 'Buyer ordered the wrong size', requestKey: requestKey() }))).fieldErrors?.requestedBy).toBeTruthy();
    expect((await orderOf(orderId)).status).toBe('placed');

    const key = requestKey();
    const done = await staffCancelOrder(staff.id, { orderId, reason: 'Buyer ordered the wrong size', requestedBy: 'buyer', requestKey: key });
    expect(done).toMatchObject({ cancelled: true, refund: null, holdReleased: true });
    expect(await orderOf(orderId)).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(Date) });
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'voided', capturedCents: 0 });
    expect(await sandboxControls.inspect(processorAuthorizationId)).toMatchObject({ status: 'voided', capturedCents: 0 });
    expect(await stockOf(offer.id)).toBe(stock + 1);
    expect(await factOf(orderId)).toMatchObject({ cancelActor: 'buyer', cancelReason: 'Buyer ordered the wrong size' });
    // Nothing was collected, so nothing is refunded or charged to the seller; the seller is told not to ship it.
    const db = await getDb();
    expect(await db.select().from(refunds).where(eq(refunds.orderId, orderId))).toEqual([]);
    expect(await sellerEntriesFor(seller.seller.id, orderId)).toEqual([]);
    expect((await outboxFor(seller.user.email!, 'seller_cs_decision')).at(-1)?.subject).toMatch(/cancelled an order: don’t ship it/);
    expect((await outboxFor(buyer.email!, 'order_cancelled')).length).toBe(1);
    const view = (await getCaseView(orderId))!;
    expect(view.actions.map((a) => [a.action, a.reason, a.staffUserId])).toEqual([['cancellation', 'Buyer ordered the wrong size', staff.id]]);
    expect(view).toMatchObject({ remaining: 0, cancellable: false });

    // A resubmit of the same decision changes nothing; the order can no longer ship, and the capture job leaves it.
    expect(await staffCancelOrder(staff.id, { orderId, reason: 'Buyer ordered the wrong size', requestedBy: 'buyer', requestKey: key })).toMatchObject({ cancelled: true });
    expect((await getCaseView(orderId))!.actions).toHaveLength(1);
    expect((await rejection(shipOrder(seller, orderId))).code).toBe('INVALID_STATE');
    await captureShippedOrders();
    expect((await getPaymentForOrder(orderId))?.status).toBe('voided');
  });

  it('a cancellation the seller asked for counts as theirs; the part paid by gift card comes back without charging the seller', async () => {
    const seller = await createSeller();
    const offer = await createOffer({ sellerId: seller.seller.id, priceCents: 3000, stock: 5 });
    const buyer = (await createUser({ name: 'Gia Balance' })) as AppUser;
    const db = await getDb();
    await db.transaction((tx) => creditGiftCardRefund(tx, { ownerId: buyer.id, cents: 1000, idempotencyKey: `test-balance:${buyer.id}` }));
    const { orderId } = await placeOrder(buyer, selfCheckout(offer.id, { useGiftCardBalance: true }));
    expect(await getGiftCardBalance(buyer.id)).toBe(0);
    const staff = await staffUser();

    const done = await staffCancelOrder(staff.id, { orderId, reason: 'Seller is out of stock', requestedBy: 'seller', requestKey: requestKey() });
    expect(done.refund).toMatchObject({ status: 'succeeded', kind: 'cancellation', amountCents: 1000, cardCents: 0, giftCardCents: 1000, chargedToSeller: false });
    expect(await getGiftCardBalance(buyer.id)).toBe(1000);
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'voided', authorizedCents: 2000, capturedCents: 0 });
    expect(await factOf(orderId)).toMatchObject({ cancelActor: 'seller' });
    expect(await sellerEntriesFor(seller.seller.id, orderId)).toEqual([]);
    expect((await getCaseView(orderId))!.actions[0]).toMatchObject({ action: 'cancellation', amountCents: 1000, refundId: done.refund!.id });
  });

  it('a cancellation of a shipped, charged order refunds it in full, charged to the seller; the order stays shipped', async () => {
    const { seller, orderId } = await deliveredOwnOrder({ priceCents: 3300 });
    const staff = await staffUser();
    const key = requestKey();
    const done = await staffCancelOrder(staff.id, { orderId, reason: 'Arrived after the buyer’s event', requestKey: key });
    expect(done).toMatchObject({ cancelled: false, refund: { status: 'succeeded', kind: 'cancellation', amountCents: 3300, cardCents: 3300, chargedToSeller: true } });
    // Submitted twice (nothing remains to refund by then), it is the same refund, audited once.
    expect((await staffCancelOrder(staff.id, { orderId, reason: 'Arrived after the buyer’s event', requestKey: key })).refund?.id).toBe(done.refund!.id);
    expect((await getCaseView(orderId))!.actions.map((a) => a.action)).toEqual(['cancellation']);
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'refunded', refundedCents: 3300 });
    expect((await orderOf(orderId)).status).toBe('delivered');
    expect(await factOf(orderId)).toMatchObject({ cancelActor: null });
    expect((await sellerEntriesFor(seller.seller.id, orderId)).map((e) => e.amountCents)).toEqual([-3300]);
  });

  it('a refund of an order not shipped yet is refused with a pointer to cancelling it', async () => {
    const { orderId } = await placedOwnOrder(2000);
    const staff = await staffUser();
    const refused = await rejection(staffRefund(staff.id, { orderId, kind: 'full', reason: 'Goodwill', requestKey: requestKey() }));
    expect(refused).toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/Cancel the order instead/) });
    expect((await getPaymentForOrder(orderId))?.status).toBe('authorized');
  });
});

/** Everything the giver of a gift can see or receive, with volatile ids stripped. */
async function giverSees(sent: SentGift) {
  const order = await getBuyerOrder(sent.giver.id, sent.orderId);
  const { items } = await listBuyerOrders(sent.giver.id, { page: 1 });
  const mail = (await outboxFor(sent.giver.email!)).map((m) => ({ template: m.template, subject: m.subject, body: m.body }));
  const db = await getDb();
  const threads = await db.select().from(messageThreads).where(eq(messageThreads.participantUserId, sent.giver.id));
  return {
    order,
    listed: items.find((i) => i.id === sent.orderId),
    mail,
    balance: await getGiftCardBalance(sent.giver.id),
    ledger: await ledgerOf(sent.giver.id),
    payment: await getPaymentForOrder(sent.orderId),
    paymentOps: (await listPaymentOperations(sent.orderId)).map((o) => [o.kind, o.outcome, o.amountCents]),
    threads,
    myThread: await getMyOrderThread(sent.giver.id, sent.orderId),
  };
}

describe('a gift returned by its recipient', () => {
  it('credits the recipient’s gift card, never the giver’s card, and leaves everything the giver sees unchanged', async () => {
    const { sent, recipient, order } = await deliveredGift({ priceCents: 3000 });
    const sellerId = sent.offer.sellerId;
    const before = await giverSees(sent);

    // The giver can't return it: for them there is no such return to make.
    expect((await rejection(requestReturn(sent.giver.id, { orderId: sent.orderId, reason: 'no_longer_needed' }))).code).toBe('NOT_FOUND');

    const ret = await requestReturn(recipient.id, { orderId: sent.orderId, reason: 'no_longer_needed' });
    expect(ret).toMatchObject({ refundToGiftCard: true, requestedBy: recipient.id, refundCents: order.totalCents });
    const db = await getDb();
    const seller = (await getSellerFacts(sellerId))!;
    await markReturnReceived(seller.userId, ret.id);
    const refund = await refundReturnBySeller(seller.userId, ret.id);
    expect(refund).toMatchObject({ status: 'succeeded', cardCents: 0, giftCardCents: order.totalCents, giftCardOwnerId: recipient.id });

    expect(await getGiftCardBalance(recipient.id)).toBe(order.totalCents);
    expect((await ledgerOf(recipient.id)).map((e) => [e.kind, e.amountCents])).toEqual([['refund_credit', order.totalCents]]);
    expect((await outboxFor(recipient.email!, 'refund_issued')).length).toBe(1);
    expect((await sellerEntriesFor(sellerId, sent.orderId)).map((e) => e.amountCents)).toEqual([-order.totalCents]);

    // Nothing the giver can see or receive changed: order page, order list, emails, balance, card, threads.
    expect(await giverSees(sent)).toEqual(before);
    expect(before.payment!.refundedCents).toBe(0);
    expect(before.paymentOps.filter(([k]) => k === 'refund')).toEqual([]);
    // The recipient's gift card movement is in their ledger only.
    const giverRows = await db.select().from(giftCardLedger).where(eq(giftCardLedger.ownerId, sent.giver.id));
    expect(giverRows).toEqual(before.ledger);
  });
});

describe('buyer-seller messaging (S9)', () => {
  it('a gift’s giver and recipient each have their own thread, and the giver’s never carries the recipient’s address', async () => {
    const { sent, recipient } = await deliveredGift();
    const s = (await getSellerFacts(sent.offer.sellerId))!;
    const giverThread = await messageSellerAboutOrder(sent.giver.id, sent.orderId, 'Did my gift arrive?');
    const recipientThread = await messageSellerAboutOrder(recipient.id, sent.orderId, 'How do I wash it?');
    expect(giverThread.id).not.toBe(recipientThread.id);
    expect((await getMyOrderThread(sent.giver.id, sent.orderId))!.messages.map((m) => m.body)).toEqual(['Did my gift arrive?']);
    expect((await getMyOrderThread(recipient.id, sent.orderId))!.messages.map((m) => m.body)).toEqual(['How do I wash it?']);

    const refused = await rejection(sellerReply(s.userId, giverThread.id, 'Yes, delivered to 42 Elm Street, Hoboken.'));
    expect(refused.code).toBe('VALIDATION');
    await sellerReply(s.userId, giverThread.id, 'Yes, it was delivered.');
    await sellerReply(s.userId, recipientThread.id, 'We shipped it to 42 Elm Street: cold wash only.');
    const giverView = JSON.stringify(await getMyOrderThread(sent.giver.id, sent.orderId));
    for (const part of ['42 Elm Street', 'Hoboken', '07030', 'How do I wash it']) expect(giverView).not.toContain(part);
    // A stranger can't write about the order, and another seller can't answer.
    const stranger = await createUser();
    expect((await rejection(messageSellerAboutOrder(stranger.id, sent.orderId, 'hello there'))).code).toBe('NOT_FOUND');
    const other = await createSeller();
    expect((await rejection(sellerReply(other.user.id, giverThread.id, 'hi there'))).code).toBe('NOT_FOUND');
  });
});

describe('a seller answers pre-order and customer-service questions (S9)', () => {
  it('a buyer’s product question and customer service’s question each reach the seller, who answers; another seller reads neither', async () => {
    const seller = await createSeller();
    const offer = await createOffer({ sellerId: seller.seller.id, title: 'Trail lantern', stock: 5 });
    const buyer = (await createUser({ name: 'Pat Prospect' })) as AppUser;

    // From the product page's form: the action, as the signed-in buyer.
    signInAs(buyer);
    const asked = await askAboutOfferAction({ offerId: offer.id, body: 'Does it run on AA batteries?' });
    expect(asked.ok).toBe(true);
    const threadId = (asked as { ok: true; data: { threadId: string } }).data.threadId;
    const listed = (await listSellerThreads(seller.seller.id)).items.find((t) => t.id === threadId);
    expect(listed).toMatchObject({ kind: 'buyer', offerId: offer.id, orderId: null, participantUserId: buyer.id, subject: 'Question: Trail lantern', lastSenderRole: 'buyer' });
    expect((await outboxFor(seller.user.email!, 'seller_message')).at(-1)?.body).toContain(`/seller/messages/${threadId}`);
    // A second question is the same conversation.
    await askAboutOffer(buyer.id, offer.id, 'And is it waterproof?');
    await sellerReply(seller.user.id, threadId, 'Yes: 3 AA batteries, and it is rated IPX4.');
    expect((await getMyOfferThread(buyer.id, offer.id))!.messages.map((m) => [m.senderRole, m.body])).toEqual([
      ['buyer', 'Does it run on AA batteries?'],
      ['buyer', 'And is it waterproof?'],
      ['seller', 'Yes: 3 AA batteries, and it is rated IPX4.'],
    ]);
    expect((await outboxFor(buyer.email!, 'seller_answered')).at(-1)?.body).toContain(`/products/${offer.slug}`);

    // Customer service asks about an order of this seller; the seller answers in that thread.
    const { orderId } = await deliveredOwnOrder({ seller });
    const staff = await staffUser();
    const cs = await staffMessageSeller(staff.id, orderId, 'Which carrier did you use for this order?');
    await sellerReply(seller.user.id, cs.id, 'USPS Ground Advantage.');
    expect((await getSellerThread(seller.seller.id, cs.id))!.messages.map((m) => [m.senderRole, m.body])).toEqual([
      ['ops', 'Which carrier did you use for this order?'],
      ['seller', 'USPS Ground Advantage.'],
    ]);
    expect((await getCaseView(orderId))!.threads.find((t) => t.thread.id === cs.id)?.messages.at(-1)?.body).toBe('USPS Ground Advantage.');

    // Another seller can neither read nor answer either conversation.
    const other = await createSeller();
    for (const id of [threadId, cs.id]) {
      expect(await getSellerThread(other.seller.id, id)).toBeNull();
      expect((await rejection(sellerReply(other.user.id, id, 'Let me answer that'))).code).toBe('NOT_FOUND');
    }
    expect((await listSellerThreads(other.seller.id)).items).toEqual([]);
    expect((await getSellerThread(seller.seller.id, threadId))!.messages).toHaveLength(3);
  });

  it('only signed-in buyers ask, about a product on sale, never the seller about their own', async () => {
    const seller = await createSeller();
    const offer = await createOffer({ sellerId: seller.seller.id, stock: 5 });
    signInAs(null);
    expect(await askAboutOfferAction({ offerId: offer.id, body: 'Hello there' })).toMatchObject({ ok: false, error: 'Please sign in to continue.' });
    signInAs(seller.user as AppUser);
    expect(await askAboutOfferAction({ offerId: offer.id, body: 'Hello there' })).toMatchObject({ ok: false, error: 'Your account cannot do that.' });
    expect((await rejection(askAboutOffer(seller.user.id, offer.id, 'Hello there'))).code).toBe('FORBIDDEN');
    const buyer = (await createUser()) as AppUser;
    signInAs(buyer);
    expect(await askAboutOfferAction({ offerId: offer.id, body: '' })).toMatchObject({ ok: false, fieldErrors: { body: [expect.any(String)] } });
    const gone = await createOffer({ sellerId: seller.seller.id, active: false });
    expect(await askAboutOfferAction({ offerId: gone.id, body: 'Still available?' })).toMatchObject({ ok: false });
    expect((await listSellerThreads(seller.seller.id)).items).toEqual([]);
    signInAs(null);
  });
});

describe('sellers never read each other’s returns or ledger', () => {
  it('another seller’s return and entries are not found', async () => {
    const a = await deliveredOwnOrder();
    const b = await createSeller();
    const ret = await requestReturn(a.buyer.id, { orderId: a.orderId, reason: 'defective' });
    expect(await getSellerReturn(b.seller.id, ret.id)).toBeNull();
    expect((await listSellerReturns(b.seller.id)).items).toEqual([]);
    expect((await rejection(markReturnReceived(b.user.id, ret.id))).code).toBe('NOT_FOUND');
    expect((await rejection(refundReturnBySeller(b.user.id, ret.id))).code).toBe('NOT_FOUND');
    await markReturnReceived(a.seller.user.id, ret.id);
    await refundReturnBySeller(a.seller.user.id, ret.id);
    expect(await listSellerEntries(b.seller.id)).toEqual([]);
    expect(await sellerBalanceCents(b.seller.id)).toBe(0);
    expect(await sellerBalanceCents(a.seller.seller.id)).toBeLessThan(0);
  });
});
