import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { createUser } from '@/db/seed/factories';
import { sfpOrderFacts } from '@/db/schema';
import { cancelGiftByGiver, decideGift, declineGift, expireDueOffers } from '@/lib/gifts/commands';
import { countOrderMetricsSql } from '@/lib/prime/evaluation';
import { sendGift, setGiftExpiry, type SentGift } from '@/test/support/gift-fixtures';

// A gift's end is recorded for the seller's metrics with who ended it, and never counts as the seller's cancellation.
const recipientOf = (sent: SentGift) => (sent.contact.includes('@') ? createUser({ email: sent.contact }) : createUser({ phone: sent.contact }));

async function factOf(orderId: string) {
  const db = await getDb();
  const [f] = await db.select().from(sfpOrderFacts).where(eq(sfpOrderFacts.orderId, orderId));
  return f;
}

describe('gift cancellations reach the SFP facts, never as the seller’s', () => {
  it('declined, withdrawn by the giver, expired, converted: each recorded with its actor', async () => {
    const declined = await sendGift();
    await declineGift(await recipientOf(declined), declined.giftOfferId);
    expect(await factOf(declined.orderId)).toMatchObject({ cancelActor: 'recipient', cancelReason: 'Gift declined by its recipient' });

    const withdrawn = await sendGift();
    await cancelGiftByGiver(withdrawn.giver.id, withdrawn.orderId);
    expect(await factOf(withdrawn.orderId)).toMatchObject({ cancelActor: 'giver' });

    const expired = await sendGift();
    await setGiftExpiry(expired.giftOfferId, new Date(Date.now() - 60_000));
    await expireDueOffers();
    expect(await factOf(expired.orderId)).toMatchObject({ cancelActor: 'system', cancelReason: 'Gift offer expired' });

    const converted = await sendGift();
    await decideGift(await recipientOf(converted), converted.giftOfferId, 'convert');
    expect(await factOf(converted.orderId)).toMatchObject({ cancelActor: 'recipient', cancelReason: 'Gift taken as a gift card' });

    const db = await getDb();
    const sellerId = (await factOf(declined.orderId)).sellerId;
    const today = new Date().toISOString().slice(0, 10);
    const counts = (await countOrderMetricsSql(db, [{ sellerId, since: null }], today, 30, { oneSeller: true, asOf: new Date() })).get(sellerId)!;
    expect(counts.cancellation.num).toBe(0);
    expect(counts.cancellation.den).toBeGreaterThanOrEqual(1);
  });
});
