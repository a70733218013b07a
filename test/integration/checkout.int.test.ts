import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { createOffer, createPrimeMember, createUser } from '@/db/seed/factories';
import { addresses, offers, sandboxAuthorizations } from '@/db/schema';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { getDestinationForRecipient } from '@/lib/fulfilment/destination';
import { cancelGiftByGiver } from '@/lib/gifts/commands';
import { lookupGiftLink } from '@/lib/gifts/queries';
import { placeOrder } from '@/lib/orders/checkout';
import { getBuyerOrder, listBuyerOrders } from '@/lib/orders/queries';
import { checkoutSchema } from '@/lib/orders/schemas';
import { SANDBOX_CARDS, sandboxControls } from '@/lib/payments/sandbox';
import { getPaymentForOrder, listPaymentOperations } from '@/lib/payments/service';
import { hashToken } from '@/lib/security/tokens';
import { hasPostgresServer } from '@/test/support/integration-setup';
import {
  destinationOf,
  card,
  checkoutOperations,
  giftCheckout,
  giftOfferOf,
  orderOf,
  ordersOfBuyer,
  outboxFor,
  paymentOf,
  selfCheckout,
  sendGift,
  stockOf,
  rejection,
  tokenOf,
  uniqueEmail,
} from '@/test/support/gift-fixtures';

const HOUR = 3_600_000;

afterEach(() => sandboxControls.disarmFaults());

const ops = async (orderId: string) => (await listPaymentOperations(orderId)).map((o) => `${o.kind}:${o.outcome}`);
const hold = async (orderId: string) => sandboxControls.inspect((await paymentOf(orderId))!.processorAuthorizationId);

function warnIfNoServer(what: string) {
  if (!hasPostgresServer) console.warn(`[integration] ${what} ran on PGlite (one connection): the calls ran one after another, not as a real race.`);
}

describe('placeOrder: sending a gift to an email address (G2-G4)', () => {
  it('holds the card without charging it, reserves the stock and sends the recipient a link, keeping only its hash', async () => {
    const giver = await createPrimeMember();
    const offer = await createOffer({ priceCents: 2500, stock: 10 });
    const typed = ` ${uniqueEmail('Robin.Recipient')} `;
    const contact = typed.trim().toLowerCase();
    const before = Date.now();
    const { orderId } = await placeOrder(giver, giftCheckout(offer.id, typed, { giftMessage: 'Enjoy!' }));
    const after = Date.now();

    expect(await orderOf(orderId)).toMatchObject({
      status: 'awaiting_recipient',
      isGift: true,
      giftReceipt: true,
      shippingChoice: 'recipient_provides',
      totalCents: 2500,
      placedAt: null,
    });
    // Nobody has given an address yet: no destination.
    expect(await destinationOf(orderId)).toBeUndefined();
    // G3: a hold for the total, nothing captured, made exactly once.
    const payment = await paymentOf(orderId);
    expect(payment).toMatchObject({ status: 'authorized', authorizedCents: 2500, capturedCents: 0, cardLast4: '4242' });
    expect(await ops(orderId)).toEqual(['authorize:succeeded']);
    expect(await sandboxControls.inspect(payment!.processorAuthorizationId)).toMatchObject({ status: 'held', amountCents: 2500, capturedCents: 0 });
    expect(await stockOf(offer.id)).toBe(9);

    const gift = await giftOfferOf(orderId);
    expect(gift).toMatchObject({ status: 'waiting', recipientChannel: 'email', recipientContact: contact, giftMessage: 'Enjoy!', giverId: giver.id });
    // Default offer life: 5 days, inside the 7-day hold.
    expect(gift.expiresAt.getTime()).toBeGreaterThanOrEqual(before + config().giftOfferLifeHours * HOUR);
    expect(gift.expiresAt.getTime()).toBeLessThanOrEqual(after + config().giftOfferLifeHours * HOUR);
    expect(config().giftOfferLifeHours).toBe(5 * 24);
    expect(gift.expiresAt.getTime()).toBeLessThan(payment!.holdExpiresAt.getTime());

    // G4: one message to the recipient; its link's token is what the database keeps the hash of, and nothing more.
    const messages = await outboxFor(contact);
    expect(messages).toHaveLength(1);
    const [msg] = messages;
    expect(msg).toMatchObject({ channel: 'email', template: 'gift_waiting', status: 'pending', subject: `${giver.name} sent you a gift` });
    const token = tokenOf(msg.meta!.link);
    expect(msg.meta!.link).toBe(`${config().appUrl}/gift/${token}`);
    expect(msg.body).toContain(msg.meta!.link);
    expect(msg.body).toContain(offer.title);
    expect(msg.body).toContain('Enjoy!');
    expect(gift.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(gift)).not.toContain(token);

    const link = await lookupGiftLink(token, randomUUID());
    expect(link).toMatchObject({ state: 'open', gift: { id: gift.id, title: offer.title, giverName: giver.name, status: 'waiting' } });

    // The giver is told their card is only held.
    const [confirmation, ...more] = await outboxFor(giver.email!);
    expect(more).toHaveLength(0);
    expect(confirmation).toMatchObject({ template: 'gift_order_confirmation' });
    expect(confirmation.body).toContain('hold of $25.00');
  });

  it('texts a recipient given by phone number, stored in E.164', async () => {
    const giver = await createPrimeMember();
    const offer = await createOffer();
    const { orderId } = await placeOrder(giver, giftCheckout(offer.id, '(201) 555-0123'));

    const gift = await giftOfferOf(orderId);
    expect(gift).toMatchObject({ recipientChannel: 'sms', recipientContact: '+12015550123', status: 'waiting' });
    // Other tests may text this number too: this gift's message is the one naming this item.
    const texts = (await outboxFor('+12015550123', 'gift_waiting')).filter((m) => m.body.includes(offer.title));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ channel: 'sms', subject: null });
    expect(gift.tokenHash).toBe(hashToken(tokenOf(texts[0].meta!.link)));
    expect(texts[0].body).toContain(texts[0].meta!.link);
  });

  it('requires the gift receipt and a valid recipient when the recipient provides the address (G2)', () => {
    const base = { offerId: randomUUID(), checkoutKey: randomUUID(), quantity: 1, shippingChoice: 'recipient_provides', ...card() };
    const noReceipt = checkoutSchema.safeParse({ ...base, recipient: uniqueEmail(), giftReceipt: false });
    expect(noReceipt.success).toBe(false);
    expect(noReceipt.error!.issues.map((i) => i.path.join('.'))).toContain('giftReceipt');
    const badPhone = checkoutSchema.safeParse({ ...base, recipient: '555', giftReceipt: true });
    expect(badPhone.error!.issues).toEqual([expect.objectContaining({ path: ['recipient'], message: 'Enter a valid US mobile number, like (201) 555-0123.' })]);
  });

  it.each([
    ['a buyer without Prime', { primeMember: false, countryCode: 'US' }, 'Join Prime'],
    ['a Prime member outside the US', { primeMember: true, countryCode: 'CA' }, 'only to Prime members in the US'],
  ])('refuses %s and says why, writing nothing (G11)', async (_who, account, reason) => {
    const buyer = await createUser(account);
    const offer = await createOffer({ stock: 3 });
    const recipient = uniqueEmail();
    const input = giftCheckout(offer.id, recipient);

    const e = await rejection(placeOrder(buyer, input));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toContain(reason);

    expect(await ordersOfBuyer(buyer.id)).toEqual([]);
    expect(await checkoutOperations(buyer.id, input.checkoutKey)).toEqual([]);
    expect(await stockOf(offer.id)).toBe(3);
    expect(await outboxFor(recipient)).toEqual([]);
    expect(await outboxFor(buyer.email!)).toEqual([]);
  });
});

describe('placeOrder: when the card does not pay', () => {
  it.each([
    ['declined', SANDBOX_CARDS.declined, 'Your card was declined.', 'declined'],
    ['short of funds', SANDBOX_CARDS.insufficientFunds, 'Your card has insufficient funds.', 'declined'],
    ['not answered in time', SANDBOX_CARDS.timeout, "We couldn't reach the card processor. Nothing was charged; please try again.", 'timed_out'],
  ])('a card %s fails the checkout with a clear message and leaves nothing behind', async (_what, number, message, outcome) => {
    const giver = await createPrimeMember();
    const offer = await createOffer({ stock: 4 });
    const recipient = uniqueEmail();
    const input = giftCheckout(offer.id, recipient, card(number));

    const e = await rejection(placeOrder(giver, input));
    expect(e).toMatchObject({ code: 'PAYMENT_FAILED', message, fieldErrors: { cardNumber: [message] } });

    expect(await ordersOfBuyer(giver.id)).toEqual([]);
    expect(await stockOf(offer.id)).toBe(4);
    expect(await outboxFor(recipient)).toEqual([]);
    expect(await outboxFor(giver.email!)).toEqual([]);
    // The attempt is on record, with no payment and no hold behind it.
    const attempts = await checkoutOperations(giver.id, input.checkoutKey);
    expect(attempts).toEqual([expect.objectContaining({ kind: 'authorize', outcome, paymentId: null, processorAuthorizationId: null })]);
    const db = await getDb();
    const held = await db.select().from(sandboxAuthorizations).where(eq(sandboxAuthorizations.cardLast4, number.replace(/\D/g, '').slice(-4)));
    expect(held).toEqual([]);
  });

  it('lets a buyer whose card was declined pay with another card from the same checkout form', async () => {
    const giver = await createPrimeMember();
    const offer = await createOffer({ stock: 4 });
    const input = giftCheckout(offer.id, uniqueEmail(), card(SANDBOX_CARDS.declined));
    await expect(placeOrder(giver, input)).rejects.toMatchObject({ code: 'PAYMENT_FAILED' });

    // Same form (same checkout key), the card number corrected.
    const { orderId } = await placeOrder(giver, { ...input, ...card(SANDBOX_CARDS.success) });
    expect(await orderOf(orderId)).toMatchObject({ status: 'awaiting_recipient' });
    expect(await paymentOf(orderId)).toMatchObject({ status: 'authorized', authorizedCents: 2500, cardLast4: '4242' });
    expect(await hold(orderId)).toMatchObject({ status: 'held' });
    expect(await stockOf(offer.id)).toBe(3);
  });

  it('lets a buyer who mistyped the security code correct it on the same checkout form', async () => {
    const giver = await createPrimeMember();
    const offer = await createOffer({ stock: 4 });
    const input = giftCheckout(offer.id, uniqueEmail(), { cardCvc: '1234' }); // a Visa code has 3 digits
    await expect(placeOrder(giver, input)).rejects.toMatchObject({ code: 'PAYMENT_FAILED', message: 'Check the card number, expiry date and security code.' });

    // Corrected, and double-clicked: one order, and only its hold stays on the card.
    warnIfNoServer('The double-submit race');
    const corrected = { ...input, cardCvc: '123' };
    const [a, b] = await Promise.all([placeOrder(giver, corrected), placeOrder(giver, corrected)]);
    expect(a).toEqual(b);
    expect(await ordersOfBuyer(giver.id)).toHaveLength(1);
    const payment = await paymentOf(a.orderId);
    expect(payment).toMatchObject({ status: 'authorized', authorizedCents: 2500 });
    expect(await hold(a.orderId)).toMatchObject({ status: 'held' });
    const holds = (await checkoutOperations(giver.id, input.checkoutKey)).filter((o) => o.outcome === 'succeeded').map((o) => o.processorAuthorizationId!);
    for (const id of new Set(holds)) {
      if (id !== payment!.processorAuthorizationId) expect(await sandboxControls.inspect(id)).toMatchObject({ status: 'voided' });
    }
    expect(await stockOf(offer.id)).toBe(3);
  });
});

describe('placeOrder: one order per checkout submission', () => {
  async function expectSingleOrder(giverId: string, offerId: string, recipient: string, stockAfter: number) {
    const placed = await ordersOfBuyer(giverId);
    expect(placed).toHaveLength(1);
    const [order] = placed;
    expect(await ops(order.id)).toEqual(expect.arrayContaining(['authorize:succeeded']));
    expect(new Set((await listPaymentOperations(order.id)).map((o) => o.processorAuthorizationId)).size).toBe(1);
    expect(await hold(order.id)).toMatchObject({ status: 'held', amountCents: order.totalCents });
    expect(await stockOf(offerId)).toBe(stockAfter);
    expect(await outboxFor(recipient, 'gift_waiting')).toHaveLength(1);
    return order;
  }

  it('a resubmitted checkout returns the first order without a second hold', async () => {
    const giver = await createPrimeMember();
    const offer = await createOffer({ stock: 5 });
    const recipient = uniqueEmail();
    const input = giftCheckout(offer.id, recipient);

    const first = await placeOrder(giver, input);
    const second = await placeOrder(giver, input);
    expect(second).toEqual(first);
    await expectSingleOrder(giver.id, offer.id, recipient, 4);
    expect(await ops(first.orderId)).toEqual(['authorize:succeeded']);
  });

  it('a double click (two concurrent submissions) places one order, one hold, and takes the stock once', async () => {
    warnIfNoServer('The double-submit race');
    const giver = await createPrimeMember();
    const offer = await createOffer({ stock: 5 });
    const recipient = uniqueEmail();
    const input = giftCheckout(offer.id, recipient);

    const [a, b] = await Promise.all([placeOrder(giver, input), placeOrder(giver, input)]);
    expect(a).toEqual(b);
    const order = await expectSingleOrder(giver.id, offer.id, recipient, 4);
    expect(order.id).toBe(a.orderId);
  });

  it('a double click on the last unit in stock places the order once and tells both clicks it was placed', async () => {
    warnIfNoServer('The double-submit race');
    const giver = await createPrimeMember();
    const offer = await createOffer({ stock: 1 });
    const recipient = uniqueEmail();
    const input = giftCheckout(offer.id, recipient);

    const [a, b] = await Promise.all([placeOrder(giver, input), placeOrder(giver, input)]);
    expect(a).toEqual(b);
    await expectSingleOrder(giver.id, offer.id, recipient, 0);
  });
});

describe('placeOrder: stock', () => {
  it('refuses more than is in stock before touching the card', async () => {
    const giver = await createPrimeMember();
    const offer = await createOffer({ stock: 1 });
    const input = giftCheckout(offer.id, uniqueEmail(), { quantity: 2 });

    const e = await rejection(placeOrder(giver, input));
    expect(e).toMatchObject({ code: 'CONFLICT', message: 'There aren’t enough in stock for that quantity. Try fewer.' });
    expect(await checkoutOperations(giver.id, input.checkoutKey)).toEqual([]);
    expect(await ordersOfBuyer(giver.id)).toEqual([]);
    expect(await stockOf(offer.id)).toBe(1);
  });

  it('two buyers racing for the last unit: one order, and the other buyer’s hold is released', async () => {
    warnIfNoServer('The last-unit race');
    const offer = await createOffer({ stock: 1 });
    const buyers = await Promise.all([createPrimeMember(), createPrimeMember()]);
    const inputs = buyers.map(() => giftCheckout(offer.id, uniqueEmail()));

    const results = await Promise.allSettled(buyers.map((b, i) => placeOrder(b, inputs[i])));
    const won = results.findIndex((r) => r.status === 'fulfilled');
    expect(won).toBeGreaterThanOrEqual(0);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = 1 - won;
    const failure = results[lost] as PromiseRejectedResult;
    expect(failure.reason).toMatchObject({ code: 'CONFLICT', message: 'Sorry, this item just sold out.' });

    expect(await stockOf(offer.id)).toBe(0);
    const { orderId } = (results[won] as PromiseFulfilledResult<{ orderId: string }>).value;
    expect(await hold(orderId)).toMatchObject({ status: 'held' });
    expect(await ordersOfBuyer(buyers[lost].id)).toEqual([]);
    // The loser's card was held before the stock ran out; that hold is given back.
    const loserAttempts = await checkoutOperations(buyers[lost].id, inputs[lost].checkoutKey);
    const loserAuth = loserAttempts.find((o) => o.kind === 'authorize' && o.outcome === 'succeeded')?.processorAuthorizationId;
    if (loserAuth) expect(await sandboxControls.inspect(loserAuth)).toMatchObject({ status: 'voided' });
    else expect(loserAttempts).toEqual([]); // sequential run: it saw the empty stock before asking for a hold
    expect(await outboxFor(inputs[lost].recipient!)).toEqual([]);

    // Restocked, the loser submits the same form again: the processor would replay the voided approval, so the
    // order must stand on a new, live hold.
    await (await getDb()).update(offers).set({ stock: 1 }).where(eq(offers.id, offer.id));
    const again = await placeOrder(buyers[lost], inputs[lost]);
    const payment = await getPaymentForOrder(again.orderId);
    expect(payment).toMatchObject({ status: 'authorized' });
    if (loserAuth) expect(payment!.processorAuthorizationId).not.toBe(loserAuth);
    expect(await sandboxControls.inspect(payment!.processorAuthorizationId)).toMatchObject({ status: 'held' });
  });
});

describe('placeOrder: buying for oneself', () => {
  it('places the order to a new address, saved to the address book, with the card held', async () => {
    const buyer = await createUser();
    const offer = await createOffer({ priceCents: 1800, stock: 2 });
    const { orderId } = await placeOrder(buyer, selfCheckout(offer.id));

    const order = await orderOf(orderId);
    expect(order).toMatchObject({
      status: 'placed',
      isGift: false,
      totalCents: 1800,
      giftCardCents: 0,
    });
    expect(order.placedAt).toBeInstanceOf(Date);
    // The buyer's own order ships to the buyer: the destination record is keyed to them.
    expect(await destinationOf(orderId)).toMatchObject({ recipientUserId: buyer.id, fullName: 'Sam Buyer', line1: '7 Oak Avenue', city: 'Austin', state: 'TX', zip: '78701' });
    expect(await getDestinationForRecipient(buyer.id, orderId)).toMatchObject({ line1: '7 Oak Avenue' });
    expect(await giftOfferOf(orderId)).toBeUndefined();
    expect(await paymentOf(orderId)).toMatchObject({ status: 'authorized', authorizedCents: 1800 });
    expect(await stockOf(offer.id)).toBe(1);
    const db = await getDb();
    expect(await db.select().from(addresses).where(eq(addresses.userId, buyer.id))).toEqual([expect.objectContaining({ line1: '7 Oak Avenue' })]);
    expect(await getBuyerOrder(buyer.id, orderId)).toMatchObject({ status: 'placed', gift: null });
    expect(await outboxFor(buyer.email!, 'order_confirmation')).toHaveLength(1);
  });
});

describe('cancelGiftByGiver', () => {
  it('lets the giver withdraw a waiting gift: hold released, stock back, link closed; only once, and only theirs', async () => {
    const sent = await sendGift({ stock: 3 });
    expect(await stockOf(sent.offer.id)).toBe(2);

    const stranger = await createPrimeMember();
    await expect(cancelGiftByGiver(stranger.id, sent.orderId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await giftOfferOf(sent.orderId)).status).toBe('waiting');

    expect(await cancelGiftByGiver(sent.giver.id, sent.orderId)).toEqual({ cancelled: true });
    const gift = await giftOfferOf(sent.orderId);
    expect(gift.status).toBe('cancelled');
    expect(gift.cancelledAt).toBeInstanceOf(Date);
    expect(await orderOf(sent.orderId)).toMatchObject({ status: 'cancelled' });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'voided', capturedCents: 0 });
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ status: 'voided', capturedCents: 0 });
    expect(await stockOf(sent.offer.id)).toBe(3);
    expect(await getBuyerOrder(sent.giver.id, sent.orderId)).toMatchObject({ gift: { status: 'cancelled', expiresAt: null } });
    expect(await lookupGiftLink(sent.token, randomUUID())).toMatchObject({ state: 'closed' });

    const again = await rejection(cancelGiftByGiver(sent.giver.id, sent.orderId));
    expect(again.code).toBe('INVALID_STATE');
    expect(await stockOf(sent.offer.id)).toBe(3);
    expect((await ops(sent.orderId)).filter((o) => o.startsWith('void'))).toEqual(['void:succeeded']);
    // The giver withdrew it: nobody is emailed about an outcome.
    expect(await outboxFor(sent.giver.email!, 'gift_declined_giver')).toEqual([]);
  });
});

describe('getBuyerOrder for a gift', () => {
  it('shows the giver the gift’s status and a masked contact, never an address or the order’s own status (G1)', async () => {
    const sent = await sendGift({ recipient: uniqueEmail('pat') });
    const view = await getBuyerOrder(sent.giver.id, sent.orderId);
    expect(view).toMatchObject({
      status: null,
      gift: { status: 'waiting', channel: 'email', sentTo: `p***@example.test`, expiresAt: sent.expiresAt, message: 'Happy birthday!' },
    });
    expect(JSON.stringify(view)).not.toContain(sent.contact);
    const list = await listBuyerOrders(sent.giver.id, { page: 1 });
    expect(list.items).toEqual([expect.objectContaining({ id: sent.orderId, status: null, giftStatus: 'waiting' })]);
    // Someone else's order is not found.
    expect(await getBuyerOrder((await createPrimeMember()).id, sent.orderId)).toBeNull();
  });
});
