import 'server-only';
import type { Database } from '@/db';
import { giftOffers } from '@/db/schema';
import type { Contact } from '@/lib/accounts/rules';
import { config } from '@/lib/config';
import { enqueueMessage } from '@/lib/notifications/outbox';
import { newLinkToken } from '@/lib/security/tokens';
import { assertMayGiftTo, isBlockedBy } from './blocks';
import { declineOfferOfBlockedSender } from './commands';
import { giftWaitingMessage } from './messages';
import { giftNoticeRef, offerExpiry } from './rules';

// Creates the offer and, in the same transaction, the message that tells the recipient (G4).
// The link token leaves this function only inside that message; the database keeps its hash.
// A recipient who blocked this giver never hears of it: the offer is declined at once, exactly as a refusal (same
// status and same email for the giver), and `blocked` tells the caller to release the hold once this commits.
export async function createGiftOffer(
  tx: Database,
  input: { orderId: string; giverId: string; giverName: string; itemTitle: string; itemImageUrl: string; itemQuantity: number; recipient: Contact; giftMessage?: string; holdExpiresAt: Date; now?: Date },
) {
  const now = input.now ?? new Date();
  await assertMayGiftTo(tx, input.giverId, input.recipient.value, { lock: true });
  const { token, hash } = newLinkToken();
  // The offer must end before the hold lapses: the configured life, or an hour before a shorter hold ends.
  const expiresAt = new Date(Math.min(offerExpiry(now, config().giftOfferLifeHours).getTime(), input.holdExpiresAt.getTime() - 3_600_000));
  const [offer] = await tx
    .insert(giftOffers)
    .values({
      orderId: input.orderId,
      giverId: input.giverId,
      recipientChannel: input.recipient.channel,
      recipientContact: input.recipient.value,
      tokenHash: hash,
      giftMessage: input.giftMessage || null,
      // What the recipient's page and reminders show (see db/schema/gifts.ts): one indexed read, no joins.
      giverDisplayName: input.giverName,
      itemTitle: input.itemTitle,
      itemImageUrl: input.itemImageUrl,
      itemQuantity: input.itemQuantity,
      expiresAt,
      createdAt: now,
    })
    .returning({ id: giftOffers.id });
  if (await isBlockedBy(tx, input.giverId, input.recipient)) {
    await declineOfferOfBlockedSender(tx, offer.id, now);
    return { giftOfferId: offer.id, expiresAt, blocked: true };
  }
  const link = giftLink(token);
  const msg = giftWaitingMessage({ channel: input.recipient.channel, giverName: input.giverName, itemTitle: input.itemTitle, link, expiresAt, giftMessage: input.giftMessage });
  await enqueueMessage(tx, { channel: input.recipient.channel, recipient: input.recipient.value, template: 'gift_waiting', subject: msg.subject, body: msg.body, meta: { link }, ref: giftNoticeRef(offer.id) });
  return { giftOfferId: offer.id, expiresAt, blocked: false };
}

export function giftLink(token: string) {
  return `${config().appUrl}/gift/${token}`;
}
