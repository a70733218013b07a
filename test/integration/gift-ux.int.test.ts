import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUser } from '@/db/seed/factories';
import { cancelGiftByGiver, decideGift, declineGift } from '@/lib/gifts/commands';
import { giverContactLabel, giverGiftSummaries } from '@/lib/gifts/giver-view';
import { giftLinkPayload } from '@/lib/gifts/link-view';
import { outboxFor, sendGift, shipTo, uniqueEmail, uniquePhone } from '@/test/support/gift-fixtures';

// What people noticed, at the level of the data the pages show.

describe('the recipient with two tabs', () => {
  it('after a conversion, the other tab’s answer says so (to the recipient), and the link shows where the gift went', async () => {
    const sent = await sendGift();
    const recipient = await createUser({ email: sent.contact });
    await decideGift(recipient, sent.giftOfferId, 'convert');
    await expect(decideGift(recipient, sent.giftOfferId, 'accept', shipTo)).rejects.toMatchObject({ code: 'INVALID_STATE', message: 'You already took this gift as a gift card.' });
    await expect(declineGift(recipient, sent.giftOfferId)).rejects.toMatchObject({ message: 'You already took this gift as a gift card.' });
    expect(await giftLinkPayload(sent.token, randomUUID(), recipient)).toEqual({ state: 'redirect', to: '/account' });
  });

  it('after a decline, the recipient’s other tab shows "declined"; anyone else sees an inactive link', async () => {
    const sent = await sendGift();
    const recipient = await createUser({ email: sent.contact });
    await declineGift(recipient, sent.giftOfferId);
    expect(await giftLinkPayload(sent.token, randomUUID(), recipient)).toEqual({ state: 'ended', outcome: 'declined' });
    expect(await giftLinkPayload(sent.token, randomUUID(), await createUser())).toEqual({ state: 'inactive' });
    expect(await giftLinkPayload(sent.token, randomUUID(), null)).toEqual({ state: 'inactive' });
    await expect(decideGift(recipient, sent.giftOfferId, 'accept', shipTo)).rejects.toMatchObject({ message: 'You declined this gift.' });
  });

  it('a gift the giver withdrew says so to its recipient', async () => {
    const sent = await sendGift();
    const recipient = await createUser({ email: sent.contact });
    await cancelGiftByGiver(sent.giver.id, sent.orderId);
    expect(await giftLinkPayload(sent.token, randomUUID(), recipient)).toEqual({ state: 'ended', outcome: 'cancelled' });
  });
});

describe('the giver’s order list', () => {
  it('says to whom each gift went, as typed, and that gifts that ended were not charged; only the giver’s own', async () => {
    const byEmail = await sendGift({ recipient: uniqueEmail('listed') });
    const byText = await sendGift({ recipient: uniquePhone(), giver: byEmail.giver });
    const recipient = await createUser({ email: byEmail.contact });
    await declineGift(recipient, byEmail.giftOfferId);

    const mine = await giverGiftSummaries(byEmail.giver.id, [byEmail.orderId, byText.orderId]);
    expect(mine.get(byEmail.orderId)).toMatchObject({ sentTo: byEmail.contact, channel: 'email', status: 'declined', charged: false });
    expect(mine.get(byText.orderId)).toMatchObject({ sentTo: giverContactLabel('sms', byText.contact), channel: 'sms', status: 'waiting', charged: false });
    expect(mine.get(byText.orderId)!.sentTo).toMatch(/^\(\d{3}\) \d{3}-\d{4}$/);
    // Someone else asking for these orders gets nothing.
    expect((await giverGiftSummaries((await createUser()).id, [byEmail.orderId, byText.orderId])).size).toBe(0);
  });

  it('shows an internationalized domain in letters, as the giver typed it', () => {
    expect(giverContactLabel('email', 'ana@xn--bcher-kva.example')).toBe('ana@bücher.example');
  });

  it('the giver’s confirmation of a gift by text says it is being texted, never "inbox"', async () => {
    const sent = await sendGift({ recipient: uniquePhone() });
    const [confirmation] = await outboxFor(sent.giver.email!, 'gift_order_confirmation');
    expect(`${confirmation.subject} ${confirmation.body}`).not.toMatch(/inbox/i);
    expect(confirmation.body).toContain(`texting the recipient at ${giverContactLabel('sms', sent.contact)}`);
    const byEmail = await sendGift({ giver: sent.giver });
    const confirmations = await outboxFor(sent.giver.email!, 'gift_order_confirmation');
    expect(confirmations.at(-1)!.body).toContain(`emailing the recipient at ${byEmail.contact}`);
  });
});
