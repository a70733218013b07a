import 'server-only';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { giftOffers } from '@/db/schema';
import { config } from '@/lib/config';
import { describeWait, hitRateLimit } from '@/lib/security/rate-limit';
import { hashToken, looksLikeLinkToken } from '@/lib/security/tokens';
import { AppError } from '@/lib/errors';
import { getDestinationForRecipient } from '@/lib/fulfilment/destination';
import { getOrderTrackingForRecipient } from '@/lib/shipments/queries';
import { getOrderProgress } from '@/lib/orders/progress';
import { giverStatus, type GiverGiftStatus } from './rules';

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

// The lookup behind every recipient's first view, prepared once per database handle: a named statement that each
// connection parses and plans once, instead of building and planning the SQL on every request.
function linkLookup(db: Database) {
  return db
    .select({
      id: giftOffers.id,
      status: giftOffers.status,
      pendingDecision: giftOffers.pendingDecision,
      recipientChannel: giftOffers.recipientChannel,
      recipientContact: giftOffers.recipientContact,
      recipientUserId: giftOffers.recipientUserId,
      giftMessage: giftOffers.giftMessage,
      expiresAt: giftOffers.expiresAt,
      giverName: giftOffers.giverDisplayName,
      title: giftOffers.itemTitle,
      imageUrl: giftOffers.itemImageUrl,
      quantity: giftOffers.itemQuantity,
      orderId: giftOffers.orderId,
      settlement: giftOffers.settlement,
      open: sql<boolean>`(${giftOffers.status} = 'settling' or (${giftOffers.status} = 'waiting' and ${giftOffers.expiresAt} > now()))`,
    })
    .from(giftOffers)
    .where(or(eq(giftOffers.tokenHash, sql.placeholder('hash')), eq(giftOffers.reminderTokenHash, sql.placeholder('hash'))))
    .limit(1)
    .prepare('gift_link_by_token_hash');
}
const prepared = new WeakMap<Database, ReturnType<typeof linkLookup>>();

async function findByToken(token: string): Promise<GiftLinkLookup> {
  if (!looksLikeLinkToken(token)) return { state: 'unknown' };
  const hash = hashToken(token);
  const db = await getDb();
  let lookup = prepared.get(db);
  if (!lookup) prepared.set(db, (lookup = linkLookup(db)));
  // One indexed read of gift_offers (either unique token index): the offer carries what the page shows, and whether it
  // is still open is judged by the database's clock, the one every decision uses.
  const [row] = await lookup.execute({ hash });
  if (!row) return { state: 'unknown' };
  const { open, settlement, ...gift } = row;
  if (!open) return { state: 'closed', recipientUserId: row.recipientUserId, orderId: row.orderId, status: row.status, settlement };
  return { state: 'open', gift: gift as GiftLinkView };
}

// Gifts this account received and decided, newest first (their orders are the recipient's to follow).
export async function listReceivedGifts(userId: string) {
  const db = await getDb();
  const gifts = await db
    .select({ orderId: giftOffers.orderId, settlement: giftOffers.settlement, acceptedAt: giftOffers.acceptedAt, title: giftOffers.itemTitle, imageUrl: giftOffers.itemImageUrl })
    .from(giftOffers)
    .where(and(eq(giftOffers.recipientUserId, userId), eq(giftOffers.status, 'accepted')))
    .orderBy(desc(giftOffers.acceptedAt))
    .limit(50);
  // This account is the recipient of each (the WHERE above): the orders' progress is theirs to follow.
  const progress = await getOrderProgress(gifts.map((g) => g.orderId));
  return gifts.map((g) => ({ ...g, orderStatus: progress.get(g.orderId)?.status ?? null }));
}

// The recipient's view of a gift they accepted: their address, the steps and the tracking (G6).
export async function getReceivedGift(userId: string, orderId: string) {
  const db = await getDb();
  const [g] = await db
    .select({
      orderId: giftOffers.orderId,
      settlement: giftOffers.settlement,
      acceptedAt: giftOffers.acceptedAt,
      giverName: giftOffers.giverDisplayName,
      giftMessage: giftOffers.giftMessage,
      title: giftOffers.itemTitle,
      quantity: giftOffers.itemQuantity,
      imageUrl: giftOffers.itemImageUrl,
    })
    .from(giftOffers)
    .where(and(eq(giftOffers.orderId, orderId), eq(giftOffers.recipientUserId, userId), eq(giftOffers.status, 'accepted')))
    .limit(1);
  if (!g) return null;
  // The recipient of this accepted gift (checked above) follows the order: lib/orders, lib/shipments and
  // lib/fulfilment each answer for their own part.
  const [progress, tracking, destination] = await Promise.all([getOrderProgress([orderId]), getOrderTrackingForRecipient(orderId), getDestinationForRecipient(userId, orderId)]);
  const p = progress.get(orderId);
  if (!p) return null;
  return { ...g, orderStatus: p.status, subtotalCents: p.subtotalCents, placedAt: p.placedAt, shippedAt: p.shippedAt, deliveredAt: p.deliveredAt, tracking, destination };
}

export type GiverGiftView = { status: GiverGiftStatus; channel: 'email' | 'sms'; contact: string; message: string | null; expiresAt: Date | null };

// What the giver may know of the gifts behind their orders, set-based (lib/orders asks for the giver's pages). Only
// the giver-visible status (a conversion reads "accepted", a settling decision "waiting"), never the settlement, the
// recipient's account or anything of their address. Ownership is in the WHERE: another giver's orders are absent.
export async function giverGiftViews(giverId: string, orderIds: string[]): Promise<Map<string, GiverGiftView>> {
  const out = new Map<string, GiverGiftView>();
  if (orderIds.length === 0) return out;
  const db = await getDb();
  const found = await db
    .select({ orderId: giftOffers.orderId, status: giftOffers.status, channel: giftOffers.recipientChannel, contact: giftOffers.recipientContact, message: giftOffers.giftMessage, expiresAt: giftOffers.expiresAt })
    .from(giftOffers)
    .where(and(eq(giftOffers.giverId, giverId), inArray(giftOffers.orderId, orderIds)));
  for (const r of found) {
    const status = giverStatus(r.status);
    out.set(r.orderId, { status, channel: r.channel, contact: r.contact, message: r.message, expiresAt: status === 'waiting' ? r.expiresAt : null });
  }
  return out;
}

// Whether a gift is waiting for (or being settled by) this contact: lets sign-in treat an unknown number as known.
export async function hasOpenGiftFor(contact: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: giftOffers.id })
    .from(giftOffers)
    .where(and(eq(giftOffers.recipientContact, contact), inArray(giftOffers.status, ['waiting', 'settling'])))
    .limit(1);
  return Boolean(row);
}
