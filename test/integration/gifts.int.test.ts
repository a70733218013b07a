import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { createOffer, createPrimeMember, createUser } from '@/db/seed/factories';
import { giftCards, orderLines, outboxMessages, sfpOrderFacts } from '@/db/schema';
import { createVerifiedUser, type AppUser } from '@/lib/accounts/queries';
import { formatPhone } from '@/lib/accounts/rules';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { getGiftCardBalance } from '@/lib/gift-cards/ledger';
import { cancelGiftByGiver, decideGift, declineGift, expireDueOffers, settleStuckOffers } from '@/lib/gifts/commands';
import { getReceivedGift, lookupGiftLink } from '@/lib/gifts/queries';
import { sendDueReminders } from '@/lib/gifts/reminders';
import { deliverMessages } from '@/lib/jobs/run';
import { closeTransports } from '@/lib/notifications/transports';
import { releaseDeferredStock } from '@/lib/orders/stock';
import { placeOrder } from '@/lib/orders/checkout';
import { getBuyerOrder, listBuyerOrders } from '@/lib/orders/queries';
import { sandboxControls } from '@/lib/payments/sandbox';
import { getPaymentForOrder, listPaymentOperations } from '@/lib/payments/service';
import { hasPostgresServer } from '@/test/support/integration-setup';
import { startSmtpServer } from '@/test/support/smtp-server';
import {
  giftOfferOf,
  ledgerOf,
  destinationOf,
  orderOf,
  outboxFor,
  paymentOf,
  selfCheckout,
  sendGift,
  setGiftExpiry,
  shipTo,
  stockOf,
  rejection,
  tokenOf,
  uniqueEmail,
  uniquePhone,
  type SentGift,
} from '@/test/support/gift-fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

afterEach(() => sandboxControls.disarmFaults());

/** The account of the person the gift was sent to, with that email (or phone) verified. */
const recipientOf = (sent: SentGift) => (sent.contact.includes('@') ? createUser({ email: sent.contact }) : createUser({ phone: sent.contact }));

const opsOf = async (orderId: string, kind?: string) =>
  (await listPaymentOperations(orderId)).filter((o) => !kind || o.kind === kind).map((o) => `${o.kind}:${o.outcome}`);
/** What the giver was told about the outcome of this gift (the message links to its order). */
const giverMail = (sent: SentGift, outcome?: 'accepted' | 'declined' | 'expired' | 'undelivered') =>
  outboxFor(sent.giver.email!).then((ms) =>
    ms.filter((m) => m.body.includes(sent.orderId) && (outcome ? m.template === `gift_${outcome}_giver` : m.template.endsWith('_giver'))),
  );
const lineOf = async (orderId: string) => {
  const db = await getDb();
  const [line] = await db.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  return line;
};

/** What the giver can see of their gift, everywhere they can look, without the parts that name this particular gift. */
async function giverSees(sent: SentGift) {
  const { id: _id, createdAt: _c, title: _t, slug: _s, lines, gift, ...order } = (await getBuyerOrder(sent.giver.id, sent.orderId))!;
  const { sentTo: _to, ...giftView } = gift!;
  const { items } = await listBuyerOrders(sent.giver.id, { page: 1 });
  const { id: _i, createdAt: _ca, title: _ti, ...listed } = items.find((i) => i.id === sent.orderId)!;
  const mail = (await giverMail(sent)).map((m) => ({
    template: m.template,
    subject: m.subject,
    body: m.body.replaceAll(sent.offer.title, '<item>').replaceAll(sent.contact, '<recipient>').replaceAll(sent.orderId, '<order>'),
  }));
  return { order: { ...order, lines: lines.map(({ title: _lt, slug: _ls, ...l }) => l), gift: giftView }, listed, mail };
}

function warnIfNoServer(what: string) {
  if (!hasPostgresServer) console.warn(`[integration] ${what} ran on PGlite (one connection): the calls ran one after another, not as a real race.`);
}

describe('decideGift: accept (G6, G8)', () => {
  it('charges the held card once and ships to the recipient’s address, which the giver never sees', async () => {
    const sent = await sendGift({ stock: 5 });
    const recipient = await recipientOf(sent);

    expect(await decideGift(recipient, sent.giftOfferId, 'accept', shipTo)).toEqual({ outcome: 'accepted', settlement: 'ship', orderId: sent.orderId });

    const payment = await getPaymentForOrder(sent.orderId);
    expect(payment).toMatchObject({ status: 'captured', capturedCents: payment!.authorizedCents, authorizedCents: 2500 });
    expect(await opsOf(sent.orderId)).toEqual(['authorize:succeeded', 'capture:succeeded']);
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ status: 'captured', capturedCents: 2500 });
    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'accepted', settlement: 'ship', recipientUserId: recipient.id });
    expect(await orderOf(sent.orderId)).toMatchObject({ status: 'placed' });
    // The address is in the recipient's destination record, not on the giver's order row.
    expect(await destinationOf(sent.orderId)).toMatchObject({
      recipientUserId: recipient.id,
      fullName: 'Robin Recipient',
      line1: '42 Elm Street',
      line2: 'Apt 3',
      city: 'Hoboken',
      state: 'NJ',
      zip: '07030',
    });
    expect(JSON.stringify(await orderOf(sent.orderId))).not.toContain('Elm Street');
    // The unit stays reserved: it is going to ship.
    expect(await stockOf(sent.offer.id)).toBe(4);
    expect(await lineOf(sent.orderId)).toMatchObject({ stockReserved: true });

    // The recipient follows their gift; the giver is told it was accepted and sees no address.
    expect(await getReceivedGift(recipient.id, sent.orderId)).toMatchObject({ settlement: 'ship', orderStatus: 'placed', destination: { line1: '42 Elm Street' }, tracking: [] });
    const [told, ...more] = await giverMail(sent);
    expect(more).toEqual([]);
    expect(told).toMatchObject({ template: 'gift_accepted_giver', subject: 'Your gift was accepted' });
    expect(told.body).toContain(sent.offer.title);
    expect(told.body).not.toContain('Elm Street');
    const view = await getBuyerOrder(sent.giver.id, sent.orderId);
    expect(view).toMatchObject({ status: null, gift: { status: 'accepted', expiresAt: null } });
    expect(JSON.stringify(view)).not.toContain('Elm Street');

    // Decided: the same answer again (a resubmitted form) only reports it; no other answer, no withdrawal, and the
    // link no longer shows the gift.
    expect(await decideGift(recipient, sent.giftOfferId, 'accept', shipTo)).toEqual({ outcome: 'accepted', settlement: 'ship', orderId: sent.orderId });
    await expect(decideGift(recipient, sent.giftOfferId, 'convert')).rejects.toMatchObject({ code: 'INVALID_STATE', message: 'You have already accepted this gift.' });
    await expect(declineGift(recipient, sent.giftOfferId)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(cancelGiftByGiver(sent.giver.id, sent.orderId)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await lookupGiftLink(sent.token, randomUUID())).toEqual({ state: 'closed', recipientUserId: recipient.id, orderId: sent.orderId, status: 'accepted', settlement: 'ship' });
    expect(await opsOf(sent.orderId, 'capture')).toHaveLength(1);
    expect(await giverMail(sent)).toHaveLength(1);
  });

  it('will not accept without an address to ship to, and changes nothing', async () => {
    const sent = await sendGift();
    const recipient = await recipientOf(sent);
    await expect(decideGift(recipient, sent.giftOfferId, 'accept')).rejects.toMatchObject({ code: 'VALIDATION', message: 'Enter the address to ship your gift to.' });
    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'waiting', pendingDecision: null });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'authorized', capturedCents: 0 });
    expect(await orderOf(sent.orderId)).toMatchObject({ status: 'awaiting_recipient' });
    expect(await destinationOf(sent.orderId)).toBeUndefined();
  });

  it('works for a phone recipient who signs up from the text message link (G5)', async () => {
    const sent = await sendGift({ recipient: uniquePhone() });
    const [text] = await outboxFor(sent.contact, 'gift_waiting');
    expect(text.channel).toBe('sms');
    // G5: the account is created once the number is proven (sign-up after the one-time code).
    const recipient = await createVerifiedUser({ channel: 'sms', value: sent.contact }, 'Robin');
    expect(recipient.email).toBeNull();

    const r = await decideGift(recipient, sent.giftOfferId, 'accept', shipTo);
    expect(r).toMatchObject({ outcome: 'accepted', settlement: 'ship' });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'captured', capturedCents: 2500 });
    const [told] = await giverMail(sent, 'accepted');
    // The giver typed the number: the message shows it in national format, not the recipient's name.
    expect(told.body).toContain(`(${sent.contact.slice(2, 5)}) ${sent.contact.slice(5, 8)}-${sent.contact.slice(8)}`);
    expect(told.body).not.toContain('Robin');
  });
});

describe('decideGift: convert to a gift card (G7)', () => {
  it('credits the recipient, releases the stock, and the giver sees and hears exactly what an acceptance shows', async () => {
    const giver = await createPrimeMember();
    const shipped = await sendGift({ giver, stock: 5 });
    const converted = await sendGift({ giver, stock: 5 });
    const shippedTo = await recipientOf(shipped);
    const convertedBy = await recipientOf(converted);

    await decideGift(shippedTo, shipped.giftOfferId, 'accept', shipTo);
    expect(await decideGift(convertedBy, converted.giftOfferId, 'convert')).toEqual({ outcome: 'accepted', settlement: 'gift_card', orderId: converted.orderId });

    // G8: the card is charged for the conversion too, once.
    expect(await paymentOf(converted.orderId)).toMatchObject({ status: 'captured', capturedCents: 2500 });
    expect(await opsOf(converted.orderId, 'capture')).toEqual(['capture:succeeded']);
    expect(await sandboxControls.inspect(converted.authorizationId)).toMatchObject({ status: 'captured', capturedCents: 2500 });
    // The value of the order goes to the recipient's balance; nothing ships, so the unit goes back on sale.
    const order = await orderOf(converted.orderId);
    expect(order).toMatchObject({ status: 'closed' });
    expect(await destinationOf(converted.orderId)).toBeUndefined();
    expect(await getGiftCardBalance(convertedBy.id)).toBe(order.totalCents);
    expect(await ledgerOf(convertedBy.id)).toEqual([expect.objectContaining({ kind: 'credit', amountCents: 2500 })]);
    const db = await getDb();
    expect(await db.select().from(giftCards).where(eq(giftCards.ownerId, convertedBy.id))).toEqual([
      expect.objectContaining({ initialCents: 2500, sourceGiftOfferId: converted.giftOfferId }),
    ]);
    // Nothing ships, so the unit goes back on sale, but later, at a random time: stock reappearing the moment the
    // gift is answered would tell a watching giver it was converted.
    expect(await stockOf(converted.offer.id)).toBe(4);
    const line = await lineOf(converted.orderId);
    expect(line.stockReserved).toBe(true);
    const delayHours = (line.releaseStockAt!.getTime() - Date.now()) / HOUR;
    expect(delayHours).toBeGreaterThan(23);
    expect(delayHours).toBeLessThan(73);
    const db0 = await getDb();
    expect(await db0.transaction((tx) => releaseDeferredStock(tx, new Date()))).toBeGreaterThanOrEqual(0);
    expect(await stockOf(converted.offer.id)).toBe(4);
    expect(await db0.transaction((tx) => releaseDeferredStock(tx, new Date(Date.now() + 73 * HOUR)))).toBeGreaterThanOrEqual(1);
    expect(await stockOf(converted.offer.id)).toBe(5);
    expect(await lineOf(converted.orderId)).toMatchObject({ stockReserved: false, releaseStockAt: null });
    expect(await giftOfferOf(converted.orderId)).toMatchObject({ status: 'accepted', settlement: 'gift_card' });

    // G7: nothing the giver can see or receive tells the two apart.
    const a = await giverSees(shipped);
    const b = await giverSees(converted);
    expect(b).toEqual(a);
    expect(a.order).toMatchObject({ status: null, gift: { status: 'accepted' } });
    expect(a.mail).toHaveLength(1);
    expect(a.mail[0]).toMatchObject({ template: 'gift_accepted_giver', subject: 'Your gift was accepted' });
  });

  it('the card is worth what the giver was charged, shipping included', async () => {
    // A non-Prime offer under the free-shipping threshold: the giver's hold covers item and shipping.
    const sent = await sendGift({ priceCents: 1500, primeOffer: false });
    const order = await orderOf(sent.orderId);
    expect(order.shippingCents).toBeGreaterThan(0);
    const recipient = await recipientOf(sent);
    await decideGift(recipient, sent.giftOfferId, 'convert');
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'captured', capturedCents: order.totalCents });
    expect(await getGiftCardBalance(recipient.id)).toBe(order.totalCents);
  });

  it('the recipient spends the card: in full without a card, then partly with the card paying the rest', async () => {
    const sent = await sendGift({ priceCents: 2500 });
    const recipient = await recipientOf(sent);
    await decideGift(recipient, sent.giftOfferId, 'convert');
    expect(await getGiftCardBalance(recipient.id)).toBe(2500);

    // Cheaper than the balance: no card fields at all.
    const cheap = await createOffer({ priceCents: 1000 });
    const noCard = { cardNumber: undefined, cardExpiry: undefined, cardCvc: undefined };
    const first = await placeOrder(recipient, selfCheckout(cheap.id, { useGiftCardBalance: true, ...noCard }));
    expect(await orderOf(first.orderId)).toMatchObject({ status: 'placed', totalCents: 1000, giftCardCents: 1000 });
    expect(await paymentOf(first.orderId)).toBeNull();
    expect(await getGiftCardBalance(recipient.id)).toBe(1500);

    // Dearer than what is left: without a card it is refused, with one the card is held for the remainder only.
    const dear = await createOffer({ priceCents: 4000 });
    const missingCard = await rejection(placeOrder(recipient, selfCheckout(dear.id, { useGiftCardBalance: true, ...noCard })));
    expect(missingCard).toMatchObject({ code: 'VALIDATION', message: 'Check your card details.' });
    expect(await getGiftCardBalance(recipient.id)).toBe(1500);
    const second = await placeOrder(recipient, selfCheckout(dear.id, { useGiftCardBalance: true }));
    expect(await orderOf(second.orderId)).toMatchObject({ status: 'placed', totalCents: 4000, giftCardCents: 1500 });
    expect(await paymentOf(second.orderId)).toMatchObject({ status: 'authorized', authorizedCents: 2500, capturedCents: 0 });
    expect(await getGiftCardBalance(recipient.id)).toBe(0);

    expect((await ledgerOf(recipient.id)).map((e) => [e.kind, e.amountCents, e.orderId])).toEqual([
      ['credit', 2500, null],
      ['debit', -1000, first.orderId],
      ['debit', -1500, second.orderId],
    ]);
  });
});

describe('declineGift (G9, G10)', () => {
  it('releases the hold at once, puts the stock back and tells the giver, without charging', async () => {
    const sent = await sendGift({ stock: 2 });
    const recipient = await recipientOf(sent);
    expect(await declineGift(recipient, sent.giftOfferId)).toEqual({ declined: true });

    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'declined' });
    expect(await orderOf(sent.orderId)).toMatchObject({ status: 'cancelled' });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'voided', capturedCents: 0 });
    expect(await opsOf(sent.orderId)).toEqual(['authorize:succeeded', 'void:succeeded']);
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ status: 'voided', capturedCents: 0 });
    expect(await stockOf(sent.offer.id)).toBe(2);
    const [told, ...more] = await giverMail(sent);
    expect(more).toEqual([]);
    expect(told).toMatchObject({ template: 'gift_declined_giver', subject: 'Your gift was declined' });
    expect(told.body).toContain('Your card was not charged');
    expect((await getBuyerOrder(sent.giver.id, sent.orderId))!.gift).toMatchObject({ status: 'declined' });

    await expect(declineGift(recipient, sent.giftOfferId)).rejects.toMatchObject({ code: 'INVALID_STATE', message: 'You declined this gift.' });
    await expect(decideGift(recipient, sent.giftOfferId, 'accept', shipTo)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'voided' });
  });
});

describe('who may answer a gift', () => {
  it.each([
    ['someone signed in with another email', (_contact: string) => createUser()],
    ['an account holding the gift’s email without having verified it', (contact: string) => createUser({ email: contact, emailVerifiedAt: null })],
  ])('refuses %s, naming only a masked contact, and changes nothing', async (_who, makeUser) => {
    const sent = await sendGift({ stock: 3 });
    const intruder: AppUser = await makeUser(sent.contact);

    const attempts = [
      () => decideGift(intruder, sent.giftOfferId, 'accept', shipTo),
      () => decideGift(intruder, sent.giftOfferId, 'convert'),
      () => declineGift(intruder, sent.giftOfferId),
    ];
    for (const attempt of attempts) {
      const e = await rejection(attempt());
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toContain(`${sent.contact[0]}***@example.test`);
      expect(e.message).not.toContain(sent.contact);
    }

    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'waiting', recipientUserId: null, pendingDecision: null });
    expect(await orderOf(sent.orderId)).toMatchObject({ status: 'awaiting_recipient' });
    expect(await destinationOf(sent.orderId)).toBeUndefined();
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'authorized' });
    expect(await opsOf(sent.orderId)).toEqual(['authorize:succeeded']);
    expect(await stockOf(sent.offer.id)).toBe(2);
    expect(await giverMail(sent)).toEqual([]);
    expect(await getGiftCardBalance(intruder.id)).toBe(0);
  });
});

describe('a gift whose message never reaches its recipient', () => {
  // A real SMTP server that refuses the recipients of these tests, as a mail server refuses a mailbox that does not
  // exist; the outbox's delivery job (as the jobs run it) tries each message its maximum number of times.
  const refuses = (address: string) => address.startsWith('refused-');
  let smtp: ReturnType<typeof startSmtpServer>;
  const savedSmtpUrl = process.env.SMTP_URL;
  beforeAll(async () => {
    smtp = startSmtpServer({ rejectRecipient: refuses });
    process.env.SMTP_URL = await smtp.ready;
  });
  afterAll(async () => {
    if (savedSmtpUrl === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = savedSmtpUrl;
    closeTransports();
    await smtp.close();
  });

  // The delivery runs on a clock of its own, early in 2000, and the gift's message is made due then: only it is
  // delivered by these runs (messages of other tests, due now, are left alone). Returns the message as it ends.
  async function deliverUntilGivenUp(sent: SentGift) {
    const db = await getDb();
    const [waiting] = await outboxFor(sent.contact, 'gift_waiting');
    let now = new Date(Date.UTC(2000, 0, 1));
    await db.update(outboxMessages).set({ nextAttemptAt: now }).where(eq(outboxMessages.id, waiting.id));
    for (let i = 0; i < config().outboxMaxAttempts; i++) {
      await deliverMessages(now);
      const [row] = await outboxFor(sent.contact, 'gift_waiting');
      if (row.status !== 'pending') return row;
      now = row.nextAttemptAt;
    }
    throw new Error('the outbox never gave up on the message');
  }

  it('ends at once, cancelled by the system: hold released, stock back, and the giver told, by the outbox, what happened', async () => {
    const sent = await sendGift({ recipient: uniqueEmail('refused-gift'), stock: 3 });
    expect(await stockOf(sent.offer.id)).toBe(2);
    const dead = await deliverUntilGivenUp(sent);
    expect(dead).toMatchObject({ status: 'dead', attempts: config().outboxMaxAttempts });
    expect(dead.lastError).toMatch(/550/);
    expect(smtp.to(sent.contact)).toEqual([]);

    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(Date) });
    expect(await orderOf(sent.orderId)).toMatchObject({ status: 'cancelled' });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'voided', capturedCents: 0 });
    expect(await opsOf(sent.orderId)).toEqual(['authorize:succeeded', 'void:succeeded']);
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ status: 'voided', capturedCents: 0 });
    expect(await stockOf(sent.offer.id)).toBe(3);
    // Not the seller's cancellation (SFP counts only those), nor the giver's: the system's.
    const db = await getDb();
    const facts = await db.select({ actor: sfpOrderFacts.cancelActor, reason: sfpOrderFacts.cancelReason }).from(sfpOrderFacts).where(eq(sfpOrderFacts.orderId, sent.orderId));
    expect(facts).toEqual([{ actor: 'system', reason: 'Gift message could not be delivered to its recipient' }]);

    const [told, ...more] = await giverMail(sent);
    expect(more).toEqual([]);
    expect(told).toMatchObject({ template: 'gift_undelivered_giver', subject: 'We couldn’t deliver your gift', status: 'pending' });
    expect(told.body).toContain(`We couldn't deliver your gift to ${sent.contact}; your card was not charged.`);
    expect((await getBuyerOrder(sent.giver.id, sent.orderId))!.gift).toMatchObject({ status: 'cancelled' });

    // The recipient can no longer take it; later runs change nothing and tell nobody twice.
    const recipient = await recipientOf(sent);
    await expect(decideGift(recipient, sent.giftOfferId, 'accept', shipTo)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await deliverMessages(new Date(Date.UTC(2000, 0, 2)));
    expect(await giverMail(sent)).toHaveLength(1);
    expect(await opsOf(sent.orderId, 'void')).toEqual(['void:succeeded']);
  });

  it('names the recipient as the giver typed them: an internationalized domain in letters, a phone number formatted', async () => {
    const local = `refused-${randomBytes(4).toString('hex')}`;
    const sent = await sendGift({ recipient: `${local}@Bücher.example` });
    expect(sent.contact).toBe(`${local}@xn--bcher-kva.example`);
    await deliverUntilGivenUp(sent);
    const [told] = await giverMail(sent, 'undelivered');
    expect(told.body).toContain(`We couldn't deliver your gift to ${local}@bücher.example; your card was not charged.`);

    // A text the SMS gateway refuses (an unknown number): the same, with the number as the giver typed it.
    const gateway = createServer((_req, res) => res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown destination number'));
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const saved = { SMS_PROVIDER: process.env.SMS_PROVIDER, SMS_WEBHOOK_URL: process.env.SMS_WEBHOOK_URL };
    process.env.SMS_PROVIDER = 'webhook';
    process.env.SMS_WEBHOOK_URL = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    try {
      const texted = await sendGift({ recipient: uniquePhone() });
      const dead = await deliverUntilGivenUp(texted);
      expect(dead.lastError).toMatch(/400/);
      expect(await giftOfferOf(texted.orderId)).toMatchObject({ status: 'cancelled' });
      expect(await paymentOf(texted.orderId)).toMatchObject({ status: 'voided' });
      const [byText] = await giverMail(texted, 'undelivered');
      expect(byText.body).toContain(`We couldn't deliver your gift to ${formatPhone(texted.contact)}; your card was not charged.`);
      expect(byText.body).toContain('The text telling them about it');
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await new Promise((resolve) => gateway.close(resolve));
    }
  });

  it('a gift its recipient already answered is not ended when its message is given up on later', async () => {
    const sent = await sendGift({ recipient: uniqueEmail('refused-answered') });
    const recipient = await recipientOf(sent);
    expect(await decideGift(recipient, sent.giftOfferId, 'accept', shipTo)).toMatchObject({ outcome: 'accepted' });
    await deliverUntilGivenUp(sent);
    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'accepted' });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'captured' });
    expect(await giverMail(sent, 'undelivered')).toEqual([]);
  });

  it('a message that does arrive ends nothing', async () => {
    const sent = await sendGift();
    const db = await getDb();
    await db.execute(sql`update outbox_messages set next_attempt_at = '2000-01-01T00:00:00Z' where recipient = ${sent.contact} and template = 'gift_waiting'`);
    await deliverMessages(new Date(Date.UTC(2000, 0, 1)));
    expect(await outboxFor(sent.contact, 'gift_waiting')).toMatchObject([{ status: 'sent', transport: 'smtp' }]);
    expect(smtp.to(sent.contact)).toHaveLength(1);
    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'waiting' });
  });
});

describe('expireDueOffers (G9)', () => {
  it('expires an unanswered offer after its life: hold released, stock back, giver told, once however often it runs', async () => {
    const sent = await sendGift({ stock: 4 });
    expect(await stockOf(sent.offer.id)).toBe(3);

    // Four days on, it still waits.
    await expireDueOffers({ now: new Date(Date.now() + 4 * DAY) });
    expect((await giftOfferOf(sent.orderId)).status).toBe('waiting');

    const later = new Date(Date.now() + 6 * DAY);
    await expireDueOffers({ now: later });
    const gift = await giftOfferOf(sent.orderId);
    expect(gift).toMatchObject({ status: 'expired', expiredAt: later });
    expect(await orderOf(sent.orderId)).toMatchObject({ status: 'cancelled' });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'voided', capturedCents: 0 });
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ status: 'voided' });
    expect(await stockOf(sent.offer.id)).toBe(4);
    const told = await giverMail(sent);
    expect(told).toEqual([expect.objectContaining({ template: 'gift_expired_giver', subject: 'Your gift offer expired' })]);

    // Again, and twice at once (two job runners): nothing moves twice.
    warnIfNoServer('Concurrent expiry runs');
    await expireDueOffers({ now: later });
    await Promise.all([expireDueOffers({ now: later }), expireDueOffers({ now: later })]);
    expect(await opsOf(sent.orderId, 'void')).toEqual(['void:succeeded']);
    expect(await stockOf(sent.offer.id)).toBe(4);
    expect(await giverMail(sent)).toHaveLength(1);

    // The recipient comes too late.
    const recipient = await recipientOf(sent);
    await expect(decideGift(recipient, sent.giftOfferId, 'accept', shipTo)).rejects.toMatchObject({ code: 'INVALID_STATE', message: 'This gift offer has expired.' });
    expect(await lookupGiftLink(sent.token, randomUUID())).toMatchObject({ state: 'closed', status: 'expired' });
  });

  it('two runners at once expire each due offer once', async () => {
    warnIfNoServer('Concurrent expiry runs');
    const gifts = await Promise.all([sendGift(), sendGift(), sendGift()]);
    const later = new Date(Date.now() + 6 * DAY);
    await Promise.all([expireDueOffers({ now: later, batchSize: 2 }), expireDueOffers({ now: later, batchSize: 2 })]);
    for (const sent of gifts) {
      expect((await giftOfferOf(sent.orderId)).status).toBe('expired');
      expect(await opsOf(sent.orderId, 'void')).toEqual(['void:succeeded']);
      expect(await stockOf(sent.offer.id)).toBe(10);
      expect(await giverMail(sent, 'expired')).toHaveLength(1);
    }
  });

  it('an offer past its deadline cannot be answered even before the job has run', async () => {
    const sent = await sendGift();
    await setGiftExpiry(sent.giftOfferId, new Date(Date.now() - 1000));
    const recipient = await recipientOf(sent);
    await expect(decideGift(recipient, sent.giftOfferId, 'convert')).rejects.toMatchObject({ code: 'INVALID_STATE', message: 'This gift offer has expired.' });
    await expect(declineGift(recipient, sent.giftOfferId)).rejects.toMatchObject({ code: 'INVALID_STATE', message: 'This gift offer has expired.' });
    expect(await lookupGiftLink(sent.token, randomUUID())).toMatchObject({ state: 'closed', status: 'waiting' });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'authorized' });
  });
});

describe('sendDueReminders', () => {
  it('sends one reminder a day before expiry, with a new link that works alongside the first', async () => {
    const sent = await sendGift();
    const reminders = () => outboxFor(sent.contact, 'gift_reminder');

    await sendDueReminders({ now: new Date(sent.expiresAt.getTime() - 30 * HOUR) });
    expect(await reminders()).toEqual([]);

    const due = new Date(sent.expiresAt.getTime() - 23 * HOUR);
    await sendDueReminders({ now: due });
    const [reminder, ...more] = await reminders();
    expect(more).toEqual([]);
    expect(reminder).toMatchObject({ channel: 'email', subject: `Your gift from ${sent.giver.name} expires soon` });
    const token = tokenOf(reminder.meta!.link);
    expect(token).not.toBe(sent.token);
    expect(reminder.body).toContain(reminder.meta!.link);
    expect(JSON.stringify(await giftOfferOf(sent.orderId))).not.toContain(token);

    const client = randomUUID();
    expect(await lookupGiftLink(token, client)).toMatchObject({ state: 'open', gift: { id: sent.giftOfferId } });
    expect(await lookupGiftLink(sent.token, client)).toMatchObject({ state: 'open', gift: { id: sent.giftOfferId } });

    await sendDueReminders({ now: due });
    await sendDueReminders({ now: new Date(due.getTime() + HOUR) });
    expect(await reminders()).toHaveLength(1);
  });

  it('does not remind about a gift already answered', async () => {
    const sent = await sendGift();
    await declineGift(await recipientOf(sent), sent.giftOfferId);
    await sendDueReminders({ now: new Date(sent.expiresAt.getTime() - 23 * HOUR) });
    expect(await outboxFor(sent.contact, 'gift_reminder')).toEqual([]);
  });
});

describe('lookupGiftLink', () => {
  it('shows nothing of a gift for an unknown, malformed, answered or expired link', async () => {
    const client = randomUUID();
    const unknown = randomBytes(32).toString('base64url');
    expect(await lookupGiftLink(unknown, client)).toEqual({ state: 'unknown' });
    for (const bad of ['', 'abc', `${unknown}x`, '../../etc/passwd', `${unknown.slice(0, 42)}=`]) {
      expect(await lookupGiftLink(bad, client)).toEqual({ state: 'unknown' });
    }

    const declined = await sendGift();
    await declineGift(await recipientOf(declined), declined.giftOfferId);
    const expired = await sendGift();
    await setGiftExpiry(expired.giftOfferId, new Date(Date.now() - 1000));
    for (const sent of [declined, expired]) {
      const r = await lookupGiftLink(sent.token, client);
      expect(r.state).toBe('closed');
      expect(r).not.toHaveProperty('gift');
      expect(JSON.stringify(r)).not.toContain(sent.offer.title);
      expect(JSON.stringify(r)).not.toContain(sent.contact);
    }
  });

  it('refuses a client’s wrong guesses past the limit, while right links still open for everyone', async () => {
    const client = randomUUID();
    const sent = await sendGift();
    const limit = config().giftLinkLookupsPerMinute;
    for (let i = 0; i < limit; i++) expect(await lookupGiftLink(randomBytes(32).toString('base64url'), client)).toEqual({ state: 'unknown' });

    const e = await rejection(lookupGiftLink(randomBytes(32).toString('base64url'), client));
    expect(e).toMatchObject({ code: 'RATE_LIMITED', message: 'Too many attempts. Please wait a minute and try again.' });
    // A right link is never refused: tokens can't be guessed, and recipients behind the same address must not be
    // blocked by someone else's guesses. Another client's guesses are unaffected.
    expect(await lookupGiftLink(sent.token, client)).toMatchObject({ state: 'open' });
    expect(await lookupGiftLink(randomBytes(32).toString('base64url'), randomUUID())).toEqual({ state: 'unknown' });
  });

  it('a recipient opening their own link again and again never uses up the limit', async () => {
    const client = randomUUID();
    const sent = await sendGift();
    for (let i = 0; i < config().giftLinkLookupsPerMinute + 5; i++) expect((await lookupGiftLink(sent.token, client)).state).toBe('open');
  });
});

describe('when capturing the hold fails', () => {
  it('a processor timeout before the capture keeps the answer pending; retrying completes it with one charge', async () => {
    const sent = await sendGift();
    const recipient = await recipientOf(sent);
    const payment = await getPaymentForOrder(sent.orderId);
    await sandboxControls.armFault({ operation: 'capture', authorizationId: payment!.processorAuthorizationId, mode: 'timeout_before' });

    const e = await rejection(decideGift(recipient, sent.giftOfferId, 'accept', shipTo));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toContain('please try again');
    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'settling', pendingDecision: 'accept', recipientUserId: recipient.id });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'authorized', capturedCents: 0 });
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ status: 'held', capturedCents: 0 });
    expect((await getBuyerOrder(sent.giver.id, sent.orderId))!.gift).toMatchObject({ status: 'waiting' });
    expect(await giverMail(sent)).toEqual([]);
    expect(await lookupGiftLink(sent.token, randomUUID())).toMatchObject({ state: 'open', gift: { status: 'settling', pendingDecision: 'accept' } });

    // Only the same answer carries on; nobody else can slip in while it is pending.
    await expect(decideGift(recipient, sent.giftOfferId, 'convert')).rejects.toMatchObject({ code: 'INVALID_STATE', message: 'Your answer is already being processed.' });
    await expect(declineGift(recipient, sent.giftOfferId)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    // The giver's cancel meets a decision still settling: it waits for the outcome, and with none recorded in time it
    // says "try again", never "can no longer be cancelled" (which would tell the giver the recipient acted).
    const waited = await rejection(cancelGiftByGiver(sent.giver.id, sent.orderId, { settlingWaitMs: 300 }));
    expect(waited).toMatchObject({ code: 'UNAVAILABLE', message: 'We couldn’t cancel your gift just now. Please try again in a moment.' });
    expect(waited.message).not.toMatch(/no longer|accepted|recipient/i);
    await expireDueOffers({ now: new Date(Date.now() + 6 * DAY) });
    expect((await giftOfferOf(sent.orderId)).status).toBe('settling');

    // A cancel arriving while it settles waits for the outcome, then answers exactly as a cancel that came after it.
    const cancelling = rejection(cancelGiftByGiver(sent.giver.id, sent.orderId));
    // The retry (the gift page's "try again" sends no address) ships to the address given the first time.
    expect(await decideGift(recipient, sent.giftOfferId, 'accept')).toMatchObject({ outcome: 'accepted', settlement: 'ship' });
    const late = await cancelling;
    const after = await rejection(cancelGiftByGiver(sent.giver.id, sent.orderId));
    expect(late).toMatchObject({ code: 'INVALID_STATE', message: 'Your gift was accepted before you cancelled, so it can no longer be cancelled.' });
    expect(after).toMatchObject({ code: late.code, message: late.message });
    expect(await orderOf(sent.orderId)).toMatchObject({ status: 'placed' });
    expect(await destinationOf(sent.orderId)).toMatchObject({ line1: '42 Elm Street' });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'captured', capturedCents: 2500 });
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ status: 'captured', capturedCents: 2500 });
    expect(await opsOf(sent.orderId, 'capture')).toEqual(['capture:timed_out', 'capture:succeeded']);
    expect(await giverMail(sent)).toEqual([expect.objectContaining({ template: 'gift_accepted_giver' })]);
  });

  it('a processor timeout after the capture went through: the retry finds that capture instead of charging again', async () => {
    const sent = await sendGift();
    const recipient = await recipientOf(sent);
    await sandboxControls.armFault({ operation: 'capture', authorizationId: sent.authorizationId, mode: 'timeout_after' });

    await expect(decideGift(recipient, sent.giftOfferId, 'convert')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    // The network charged the card, but we could not know: no gift card yet, the answer pending.
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ status: 'captured', capturedCents: 2500 });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'authorized' });
    expect(await getGiftCardBalance(recipient.id)).toBe(0);

    expect(await decideGift(recipient, sent.giftOfferId, 'convert')).toMatchObject({ outcome: 'accepted', settlement: 'gift_card' });
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ status: 'captured', capturedCents: 2500 });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'captured', capturedCents: 2500 });
    const captures = (await listPaymentOperations(sent.orderId)).filter((o) => o.kind === 'capture');
    expect(captures.map((o) => o.outcome)).toEqual(['timed_out', 'succeeded']);
    expect(new Set(captures.map((o) => o.idempotencyKey)).size).toBe(1);
    expect(await getGiftCardBalance(recipient.id)).toBe(2500);
    expect(await giverMail(sent)).toHaveLength(1);
  });

  it('a hold that lapsed ends the gift as expired: nothing charged, stock back, the giver told it could not be completed', async () => {
    const sent = await sendGift({ stock: 2 });
    const recipient = await recipientOf(sent);
    await sandboxControls.lapseHold(sent.authorizationId);

    const e = await rejection(decideGift(recipient, sent.giftOfferId, 'accept', shipTo));
    expect(e.code).toBe('INVALID_STATE');
    expect(e.message).toContain('card authorization has lapsed');
    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'expired' });
    // The address given is not kept on an order that will never ship.
    expect(await orderOf(sent.orderId)).toMatchObject({ status: 'cancelled' });
    expect(await destinationOf(sent.orderId)).toBeUndefined();
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'lapsed', capturedCents: 0 });
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ capturedCents: 0 });
    expect(await stockOf(sent.offer.id)).toBe(2);
    // Not "didn't respond in time": the recipient did answer. The same words whichever answer it was.
    expect(await giverMail(sent)).toEqual([expect.objectContaining({ template: 'gift_not_completed_giver', subject: 'Your gift could not be completed' })]);
    expect((await getBuyerOrder(sent.giver.id, sent.orderId))!.gift).toMatchObject({ status: 'expired' });
    await expect(decideGift(recipient, sent.giftOfferId, 'accept', shipTo)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('settleStuckOffers finishes an answer left pending once it is old enough', async () => {
    const sent = await sendGift();
    const recipient = await recipientOf(sent);
    await sandboxControls.armFault({ operation: 'capture', authorizationId: sent.authorizationId, mode: 'timeout_before' });
    await expect(decideGift(recipient, sent.giftOfferId, 'convert')).rejects.toMatchObject({ code: 'UNAVAILABLE' });

    // The recipient's own request may still be running: a fresh claim is left alone.
    await settleStuckOffers();
    expect((await giftOfferOf(sent.orderId)).status).toBe('settling');

    await settleStuckOffers({ now: new Date(Date.now() + 5 * 60_000) });
    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'accepted', settlement: 'gift_card' });
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'captured', capturedCents: 2500 });
    expect(await getGiftCardBalance(recipient.id)).toBe(2500);
    expect(await giverMail(sent)).toEqual([expect.objectContaining({ template: 'gift_accepted_giver' })]);

    // The recipient's own retry afterwards just confirms it.
    expect(await decideGift(recipient, sent.giftOfferId, 'convert')).toMatchObject({ outcome: 'accepted', settlement: 'gift_card' });
    expect(await getGiftCardBalance(recipient.id)).toBe(2500);
    expect(await opsOf(sent.orderId, 'capture')).toEqual(['capture:timed_out', 'capture:succeeded']);
  });
});

describe('races between answers', () => {
  type Outcome = 'ship' | 'gift_card' | 'declined' | 'cancelled' | 'expired';

  /** The gift ended one way, and money, stock and balance all agree with it. */
  async function expectOneConsistentOutcome(sent: SentGift, recipient: AppUser, stockBefore: number): Promise<Outcome> {
    const gift = await giftOfferOf(sent.orderId);
    const outcome: Outcome = gift.status === 'accepted' ? gift.settlement! : (gift.status as Outcome);
    expect(['ship', 'gift_card', 'declined', 'cancelled', 'expired']).toContain(outcome);

    const payment = await paymentOf(sent.orderId);
    const hold = await sandboxControls.inspect(sent.authorizationId);
    const captures = (await listPaymentOperations(sent.orderId)).filter((o) => o.kind === 'capture');
    const credits = (await ledgerOf(recipient.id)).filter((e) => e.kind === 'credit');
    const charged = outcome === 'ship' || outcome === 'gift_card';
    // Captured XOR voided, here and at the network; one capture key only, so the network charged at most once.
    expect(payment!.status).toBe(charged ? 'captured' : 'voided');
    expect(payment!.capturedCents).toBe(charged ? 2500 : 0);
    expect(hold).toMatchObject({ status: charged ? 'captured' : 'voided', capturedCents: charged ? 2500 : 0 });
    expect(new Set(captures.map((c) => c.idempotencyKey)).size).toBeLessThanOrEqual(1);
    if (!charged) expect(captures.filter((c) => c.outcome === 'succeeded')).toEqual([]);
    // At most one credit, and only for a conversion.
    expect(credits.map((c) => c.amountCents)).toEqual(outcome === 'gift_card' ? [2500] : []);
    // The unit stays out of stock only if it ships.
    // Shipped gifts keep their unit; converted ones keep it until their deferred release.
    const keeps = outcome === 'ship' || outcome === 'gift_card';
    expect(await stockOf(sent.offer.id)).toBe(keeps ? stockBefore - 1 : stockBefore);
    const line = await lineOf(sent.orderId);
    expect(line.stockReserved).toBe(keeps);
    expect(line.releaseStockAt !== null).toBe(outcome === 'gift_card');
    const order = await orderOf(sent.orderId);
    expect(order.status).toBe(outcome === 'ship' ? 'placed' : outcome === 'gift_card' ? 'closed' : 'cancelled');
    // The giver hears of it at most once, and as an acceptance whichever way it was accepted.
    const mail = await giverMail(sent);
    const expected = { ship: 'gift_accepted_giver', gift_card: 'gift_accepted_giver', declined: 'gift_declined_giver', expired: 'gift_expired_giver', cancelled: null }[outcome];
    expect(mail.map((m) => m.template)).toEqual(expected ? [expected] : []);
    return outcome;
  }

  it('accept, convert, decline and the giver’s cancel all at once: exactly one wins', async () => {
    warnIfNoServer('The answer race');
    const seen = new Set<Outcome>();
    for (let round = 0; round < 4; round++) {
      const sent = await sendGift({ stock: 3 });
      const recipient = await recipientOf(sent);
      const results = await Promise.allSettled([
        decideGift(recipient, sent.giftOfferId, 'accept', shipTo),
        decideGift(recipient, sent.giftOfferId, 'convert'),
        declineGift(recipient, sent.giftOfferId),
        cancelGiftByGiver(sent.giver.id, sent.orderId),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'INVALID_STATE' });
      seen.add(await expectOneConsistentOutcome(sent, recipient, 3));
    }
    console.info(`[integration] answer race winners: ${[...seen].join(', ')}`);
  });

  it('an acceptance racing the expiry job: exactly one wins', async () => {
    warnIfNoServer('The accept/expiry race');
    for (let round = 0; round < 3; round++) {
      const sent = await sendGift({ stock: 3 });
      const recipient = await recipientOf(sent);
      await setGiftExpiry(sent.giftOfferId, new Date(Date.now() + 5000)); // still open when the accept claims it
      const [accepted, expiredCount] = await Promise.allSettled([
        decideGift(recipient, sent.giftOfferId, 'accept', shipTo),
        expireDueOffers({ now: new Date(Date.now() + HOUR) }),
      ]);
      expect(expiredCount.status).toBe('fulfilled');
      const outcome = await expectOneConsistentOutcome(sent, recipient, 3);
      expect(outcome).toBe(accepted.status === 'fulfilled' ? 'ship' : 'expired');
      if (accepted.status === 'rejected') expect(accepted.reason).toMatchObject({ code: 'INVALID_STATE' });
    }
  });

  it('a double click on accept charges once and tells the giver once', async () => {
    warnIfNoServer('The double-accept race');
    const sent = await sendGift({ stock: 3 });
    const recipient = await recipientOf(sent);
    const results = await Promise.allSettled([decideGift(recipient, sent.giftOfferId, 'accept', shipTo), decideGift(recipient, sent.giftOfferId, 'accept', shipTo)]);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    for (const r of results) {
      if (r.status === 'fulfilled') expect(r.value).toMatchObject({ outcome: 'accepted', settlement: 'ship' });
      else expect(r.reason).toMatchObject({ code: 'INVALID_STATE' });
    }
    expect(await expectOneConsistentOutcome(sent, recipient, 3)).toBe('ship');
  });
});
