import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/index';
import { createOffer, createPrimeMember, createUser } from '@/db/seed/factories';
import { giftOffers, giftSenderBlocks } from '@/db/schema';
import { blockSenderAction, unblockSenderAction } from '@/lib/gifts/actions';
import { decideGift } from '@/lib/gifts/commands';
import { listBlockedSenders } from '@/lib/gifts/blocks';
import { listBuyerOrders } from '@/lib/orders/queries';
import { classifyMeta, extractLinks, looksLinkable, messageMeta, textToHtml } from '@/lib/notifications/rules';
import { placeOrderAction as placeOrderActionTyped } from '@/lib/orders/actions';
import { getPaymentForOrder } from '@/lib/payments/service';
import { card, giftOfferOf, outboxFor, sendGift, shipTo, stockOf, uniqueEmail, uniquePhone } from '@/test/support/gift-fixtures';
import { loosely, runAction, signInAs } from '@/test/support/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('@/test/support/signed-in')).sessionModule);

const placeOrderAction = loosely(placeOrderActionTyped);

// Read once, lazily, by lib/config: a small limit keeps the test short.
process.env.GIFTS_TO_NEW_RECIPIENTS_PER_HOUR = '3';

afterEach(() => signInAs(null));

const giftForm = (offerId: string, recipient: string, over: Record<string, unknown> = {}) => ({
  offerId,
  checkoutKey: randomUUID(),
  quantity: '1',
  shippingChoice: 'recipient_provides',
  giftReceipt: 'on',
  recipient,
  giftMessage: 'Happy birthday',
  ...card(),
  ...over,
});

async function sendAs(giver: Awaited<ReturnType<typeof createPrimeMember>>, recipient: string, over: Record<string, unknown> = {}) {
  const offer = await createOffer({ stock: 5 });
  signInAs(giver);
  const res = await placeOrderAction(giftForm(offer.id, recipient, over));
  return { res, offer };
}

describe('the giver’s words reach the recipient as plain text, with no link but ours', () => {
  it('a name and a message full of URLs, domains and addresses: email (text and HTML) and SMS', async () => {
    const giver = await createPrimeMember({ name: 'Amazon Support www.amaz0n-help.example' });
    for (const recipient of [uniqueEmail(), uniquePhone()]) {
      const { res } = await sendAs(giver, recipient, {
        giftMessage: 'Claim it at https://amaz0n-help.example/claim?id=1 or http://10.0.0.1/x\nor mail help@amaz0n-help.example, www.evil.example, evil．example',
      });
      expect(res).toMatchObject({ ok: true });
      const contact = recipient.includes('@') ? recipient : recipient;
      const [m] = await outboxFor(contact, 'gift_waiting');
      const link = m.meta!.link;
      expect(link).toMatch(/\/gift\//);
      // Our link is the only link, in the text, in the HTML part and in what the outbox records.
      expect(extractLinks(m.body)).toEqual([link]);
      expect(looksLinkable(m.body.replace(link, ''))).toBe(false);
      // What the outbox records and the development mailbox shows: our link, and nothing else a link or a code.
      const recorded = classifyMeta(messageMeta(m.body, m.meta ?? {}));
      expect(recorded.links.map((l) => l.value)).toEqual([link]);
      expect(recorded.codes).toEqual([]);
      if (m.channel === 'email') {
        expect(textToHtml(m.body).match(/<a /g)).toHaveLength(1);
        expect(m.subject).toBe('Amazon Support www[.]amaz0n-help[.]example sent you a gift');
        expect(m.body).toContain('https[:]//amaz0n-help[.]example/claim?id=1');
      }
    }
  });
});

describe('new recipients per hour (GIFTS_TO_NEW_RECIPIENTS_PER_HOUR)', () => {
  it('refuses the next new recipient with a clear message and no hold; known recipients still get gifts', async () => {
    const giver = await createPrimeMember();
    const first = uniqueEmail();
    for (const r of [first, uniqueEmail(), uniquePhone()]) expect((await sendAs(giver, r)).res).toMatchObject({ ok: true });

    const { res, offer } = await sendAs(giver, uniqueEmail());
    expect(res).toMatchObject({ ok: false, error: expect.stringMatching(/3 new people in the last hour.*about \d+ minutes?/), fieldErrors: { recipient: [expect.stringMatching(/3 new recipients this hour/)] } });
    // Refused before any money moved: no order, no hold, stock untouched.
    const { items } = await listBuyerOrders(giver.id, { page: 1 });
    expect(items).toHaveLength(3);
    expect(await stockOf(offer.id)).toBe(5);

    // Someone they've gifted before is not new.
    expect((await sendAs(giver, first.toUpperCase())).res).toMatchObject({ ok: true });
    // Another giver has a budget of their own.
    expect((await sendAs(await createPrimeMember(), uniqueEmail())).res).toMatchObject({ ok: true });

    // An hour later the budget is back.
    const db = await getDb();
    await db.update(giftOffers).set({ createdAt: new Date(Date.now() - 61 * 60_000) }).where(eq(giftOffers.giverId, giver.id));
    expect((await sendAs(giver, uniqueEmail())).res).toMatchObject({ ok: true });
  });

  it('two submissions at once cannot both take the last place', async () => {
    const giver = await createPrimeMember();
    for (const r of [uniqueEmail(), uniqueEmail()]) expect((await sendAs(giver, r)).res).toMatchObject({ ok: true });
    const results = await Promise.all([sendAs(giver, uniqueEmail()), sendAs(giver, uniqueEmail())]);
    expect(results.map((r) => r.res.ok).sort()).toEqual([false, true]);
  });
});

describe('a recipient blocks one sender (not all gifts: G10)', () => {
  it('declines this gift and, from then on, that sender’s gifts at once, holds released, seen by the giver as declined', async () => {
    const sent = await sendGift();
    const recipient = await createUser({ email: sent.contact });
    signInAs(recipient);
    expect(await runAction(blockSenderAction({ giftOfferId: sent.giftOfferId }))).toEqual({ redirect: '/gift/declined?blocked=1' });
    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'declined' });
    expect(await getPaymentForOrder(sent.orderId)).toMatchObject({ status: 'voided' });
    const [firstRefusal] = await outboxFor(sent.giver.email!, 'gift_declined_giver');

    // The same sender tries again: the order is taken, then declined at once, as a refusal.
    const before = await outboxFor(sent.contact);
    const { res, offer } = await sendAs(sent.giver, sent.contact);
    expect(res).toMatchObject({ ok: true });
    const orderId = (res as { ok: true; data: { orderId: string } }).data.orderId;
    expect(await giftOfferOf(orderId)).toMatchObject({ status: 'declined' });
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'voided' });
    expect(await stockOf(offer.id)).toBe(5);
    // The recipient hears nothing of it.
    expect(await outboxFor(sent.contact)).toHaveLength(before.length);
    // The giver sees "Declined" and gets the very same email as for any refusal.
    const { items } = await listBuyerOrders(sent.giver.id, { page: 1 });
    expect(items.find((i) => i.id === orderId)).toMatchObject({ giftStatus: 'declined' });
    const refusals = await outboxFor(sent.giver.email!, 'gift_declined_giver');
    expect(refusals).toHaveLength(2);
    const normalize = (b: string, id: string, title: string) => b.replaceAll(id, '<order>').replaceAll(title, '<item>');
    expect(normalize(refusals[1].body, orderId, offer.title)).toBe(normalize(firstRefusal.body, sent.orderId, sent.offer.title));
    expect(refusals[1].subject).toBe(firstRefusal.subject);

    // Everyone else's gifts still arrive.
    const other = await sendGift({ recipient: sent.contact });
    expect(await giftOfferOf(other.orderId)).toMatchObject({ status: 'waiting' });

    // The recipient's list names the sender; unblocked from there, the sender's gifts arrive again.
    expect(await listBlockedSenders(recipient.id)).toEqual([{ giverId: sent.giver.id, giverName: sent.giver.name, blockedAt: expect.any(Date) }]);
    signInAs(recipient);
    expect(await runAction(unblockSenderAction({ giverId: 'null' } as never))).toMatchObject({ ok: false, fieldErrors: { giverId: [expect.any(String)] } });
    expect(await runAction(unblockSenderAction({ giverId: sent.giver.id }))).toEqual({ redirect: '/account?just=unblocked' });
    expect(await listBlockedSenders(recipient.id)).toEqual([]);
    const again = await sendAs(sent.giver, sent.contact);
    expect(await giftOfferOf((again.res as { ok: true; data: { orderId: string } }).data.orderId)).toMatchObject({ status: 'waiting' });
  });

  it('only the gift’s recipient can block its sender; a decided gift keeps its outcome but the block holds', async () => {
    const sent = await sendGift();
    signInAs(await createUser());
    expect(await runAction(blockSenderAction({ giftOfferId: sent.giftOfferId }))).toMatchObject({ ok: false, error: 'This gift could not be found.' });
    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'waiting' });
    const db = await getDb();
    expect(await db.select().from(giftSenderBlocks).where(eq(giftSenderBlocks.giverId, sent.giver.id))).toEqual([]);

    // The recipient accepts it, then blocks its sender from that decided gift: the gift stays accepted and charged,
    // the giver is told nothing new, and the block holds for the sender's next gift.
    const recipient = await createUser({ email: sent.contact });
    expect(await decideGift(recipient, sent.giftOfferId, 'accept', shipTo)).toMatchObject({ outcome: 'accepted', settlement: 'ship' });
    const giverMailBefore = await outboxFor(sent.giver.email!);
    signInAs(recipient);
    expect(await runAction(blockSenderAction({ giftOfferId: sent.giftOfferId }))).toEqual({ redirect: '/gift/declined?blocked=1' });
    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'accepted', settlement: 'ship' });
    expect(await getPaymentForOrder(sent.orderId)).toMatchObject({ status: 'captured' });
    expect(await outboxFor(sent.giver.email!)).toHaveLength(giverMailBefore.length);
    expect(await listBlockedSenders(recipient.id)).toEqual([{ giverId: sent.giver.id, giverName: sent.giver.name, blockedAt: expect.any(Date) }]);
    const { res } = await sendAs(sent.giver, sent.contact);
    expect(await giftOfferOf((res as { ok: true; data: { orderId: string } }).data.orderId)).toMatchObject({ status: 'declined' });
  });
});
