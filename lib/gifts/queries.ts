import 'server-only';
import { and, desc, eq, or } from 'drizzle-orm';
import { getDb } from '@/db';
import { giftOffers, offers, orderLines, orders, shipments, users } from '@/db/schema';
import { config } from '@/lib/config';
import { describeWait, hitRateLimit } from '@/lib/security/rate-limit';
import { hashToken, looksLikeLinkToken } from '@/lib/security/tokens';
import { AppError } from '@/lib/errors';

export type GiftLinkView = {
  id: string;
  status: 'waiting' | 'settling';
  pendingDecision: 'accept' | 'convert' | null;
  recipientChannel: 'email' | 'sms';
  recipientContact: string;
  recipientUserId: string | null;
  giftMessage: string | null;
  expiresAt: Date;
  giverName: string;
  title: string;
  imageUrl: string;
  quantity: number;
  orderId: string;
};

export type GiftLinkLookup =
  | { state: 'open'; gift: GiftLinkView }
  | { state: 'closed'; recipientUserId: string | null; orderId: string; status: string; settlement: 'ship' | 'gift_card' | null }
  | { state: 'unknown' };

// Resolves a link token. A right link always opens: tokens are 256-bit, so refusing one protects nothing, and
// clients behind one address (a carrier's NAT) must not block each other. Only wrong guesses are counted, per
// client, and past the limit further wrong guesses are refused. The caller shows one neutral page for unknown, used
// and expired links alike.
export async function lookupGiftLink(token: string, clientKey: string): Promise<GiftLinkLookup> {
  const found = await findByToken(token);
  if (found.state !== 'unknown') return found;
  const { giftLinkLookupsPerMinute: limit } = config();
  const misses = await hitRateLimit(`gift-link-miss:${clientKey}`, limit, 60);
  if (misses.hits > limit) throw new AppError('RATE_LIMITED', `Too many attempts. Please wait ${describeWait(misses.retryAfterSeconds)} and try again.`);
  return found;
}

async function findByToken(token: string): Promise<GiftLinkLookup> {
  if (!looksLikeLinkToken(token)) return { state: 'unknown' };
  const hash = hashToken(token);
  const db = await getDb();
  const [row] = await db
    .select({
      id: giftOffers.id,
      status: giftOffers.status,
      pendingDecision: giftOffers.pendingDecision,
      recipientChannel: giftOffers.recipientChannel,
      recipientContact: giftOffers.recipientContact,
      recipientUserId: giftOffers.recipientUserId,
      giftMessage: giftOffers.giftMessage,
      expiresAt: giftOffers.expiresAt,
      giverName: users.name,
      title: orderLines.title,
      imageUrl: offers.imageUrl,
      quantity: orderLines.quantity,
      orderId: giftOffers.orderId,
      settlement: giftOffers.settlement,
    })
    .from(giftOffers)
    .innerJoin(users, eq(users.id, giftOffers.giverId))
    .innerJoin(orderLines, eq(orderLines.orderId, giftOffers.orderId))
    .innerJoin(offers, eq(offers.id, orderLines.offerId))
    .where(or(eq(giftOffers.tokenHash, hash), eq(giftOffers.reminderTokenHash, hash)))
    .limit(1);
  if (!row) return { state: 'unknown' };
  const open = row.status === 'settling' || (row.status === 'waiting' && row.expiresAt > new Date());
  if (!open) return { state: 'closed', recipientUserId: row.recipientUserId, orderId: row.orderId, status: row.status, settlement: row.settlement };
  return { state: 'open', gift: row as GiftLinkView };
}

// Gifts this account received and decided, newest first (their orders are the recipient's to follow).
export async function listReceivedGifts(userId: string) {
  const db = await getDb();
  return db
    .select({
      orderId: orders.id,
      settlement: giftOffers.settlement,
      acceptedAt: giftOffers.acceptedAt,
      title: orderLines.title,
      imageUrl: offers.imageUrl,
      orderStatus: orders.status,
    })
    .from(giftOffers)
    .innerJoin(orders, eq(orders.id, giftOffers.orderId))
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .innerJoin(offers, eq(offers.id, orderLines.offerId))
    .where(and(eq(giftOffers.recipientUserId, userId), eq(giftOffers.status, 'accepted')))
    .orderBy(desc(giftOffers.acceptedAt))
    .limit(50);
}

// The recipient's view of a gift they accepted: their address, the steps and the tracking (G6).
export async function getReceivedGift(userId: string, orderId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      orderId: orders.id,
      orderStatus: orders.status,
      settlement: giftOffers.settlement,
      acceptedAt: giftOffers.acceptedAt,
      giverName: users.name,
      giftMessage: giftOffers.giftMessage,
      title: orderLines.title,
      quantity: orderLines.quantity,
      imageUrl: offers.imageUrl,
      subtotalCents: orders.subtotalCents,
      shipToName: orders.shipToName,
      shipToLine1: orders.shipToLine1,
      shipToLine2: orders.shipToLine2,
      shipToCity: orders.shipToCity,
      shipToState: orders.shipToState,
      shipToZip: orders.shipToZip,
      placedAt: orders.placedAt,
      shippedAt: orders.shippedAt,
      deliveredAt: orders.deliveredAt,
    })
    .from(giftOffers)
    .innerJoin(orders, eq(orders.id, giftOffers.orderId))
    .innerJoin(users, eq(users.id, giftOffers.giverId))
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .innerJoin(offers, eq(offers.id, orderLines.offerId))
    .where(and(eq(orders.id, orderId), eq(giftOffers.recipientUserId, userId), eq(giftOffers.status, 'accepted')))
    .limit(1);
  if (!row) return null;
  const tracking = await db
    .select({ carrier: shipments.carrier, service: shipments.service, trackingNumber: shipments.trackingNumber, shippedAt: shipments.shippedAt, deliveredAt: shipments.deliveredAt })
    .from(shipments)
    .where(eq(shipments.orderId, orderId))
    .limit(5);
  return { ...row, tracking };
}
