import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { giftOffers } from '@/db/schema';
import { recipientLabel } from './messages';
import { giverStatus, type GiftOfferStatus, type GiverGiftStatus } from './rules';

export type GiverGiftSummary = { orderId: string; status: GiverGiftStatus; channel: 'email' | 'sms'; sentTo: string; charged: boolean };

/** The contact as the giver typed it: a phone formatted, an email with an internationalized domain shown as letters. */
export const giverContactLabel = recipientLabel;

/**
 * What the giver's order list shows of their gifts, for the orders on one page: to whom each went (the giver typed
 * it), the giver's status, and whether their card was charged. Only the giver's own offers (giver_id in the WHERE);
 * the same for an accepted and a converted gift (G7).
 */
export async function giverGiftSummaries(giverId: string, orderIds: string[]): Promise<Map<string, GiverGiftSummary>> {
  if (orderIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ orderId: giftOffers.orderId, status: giftOffers.status, channel: giftOffers.recipientChannel, contact: giftOffers.recipientContact })
    .from(giftOffers)
    .where(and(eq(giftOffers.giverId, giverId), inArray(giftOffers.orderId, orderIds)));
  return new Map(
    rows.map((r) => {
      const status = giverStatus(r.status as GiftOfferStatus);
      return [r.orderId, { orderId: r.orderId, status, channel: r.channel, sentTo: giverContactLabel(r.channel, r.contact), charged: status === 'accepted' }];
    }),
  );
}
