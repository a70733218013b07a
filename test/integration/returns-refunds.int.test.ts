import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/index';
import { createSeller, createUser } from '@/db/seed/factories';
import { giftCardLedger, messageThreads, orders, refunds, sellerNotices } from '@/db/schema';
import { staffAuthorizeLateReturn, staffRefund, getCaseView } from '@/lib/customer-service/commands';
import { getGiftCardBalance } from '@/lib/gift-cards/ledger';
import { getMyOrderThread, messageSellerAboutOrder, sellerReply } from '@/lib/messaging/commands';
import { getBuyerOrder, listBuyerOrders } from '@/lib/orders/queries';
import { sandboxControls } from '@/lib/payments/sandbox';
import { getPaymentForOrder, listPaymentOperations } from '@/lib/payments/service';
import { settlePendingRefunds } from '@/lib/refunds/service';
import { getSellerFacts } from '@/lib/returns/order-facts';
import { markReturnReceived, refundReturnBySeller, requestReturn } from '@/lib/returns/commands';
import { getReturnForRequester, getSellerReturn, listSellerReturns } from '@/lib/returns/queries';
import { listSellerEntries, sellerBalanceCents } from '@/lib/seller-account/ledger';
import { hasPostgresServer } from '@/test/support/integration-setup';
import { ledgerOf, outboxFor, rejection, type SentGift } from '@/test/support/gift-fixtures';
import { deliveredGift, deliveredOwnOrder, requestKey, sellerEntriesFor, staffUser } from '@/test/support/post-sale';

afterEach(() => sandboxControls.disarmFaults());

const DAY = 86_400_000;

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
