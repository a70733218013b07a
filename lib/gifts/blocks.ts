import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { giftOffers, giftSenderBlocks } from '@/db/schema';
import { findUserByContact, verifiedContacts, type AppUser } from '@/lib/accounts/queries';
import type { Contact } from '@/lib/accounts/rules';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { declineGift } from './commands';

// Anti-phishing: a recipient can block one sender ("Don't show me gifts from this person") without opting out of
// gifts altogether (G10: there is no switch for all gifts), and a giver can reach only so many new people an hour.

/** The recipient of an open gift blocks its sender: this gift is declined (if still waiting) and later ones will be. */
export async function blockSenderOfGift(user: AppUser, giftOfferId: string): Promise<{ declined: boolean }> {
  const db = await getDb();
  const [g] = await db
    .select({ giverId: giftOffers.giverId, giverName: giftOffers.giverDisplayName, recipientContact: giftOffers.recipientContact, status: giftOffers.status })
    .from(giftOffers)
    .where(eq(giftOffers.id, giftOfferId))
    .limit(1);
  // Someone else's gift is "not found", as everywhere.
  if (!g || !verifiedContacts(user).includes(g.recipientContact)) throw new AppError('NOT_FOUND', 'This gift could not be found.');
  if (g.giverId === user.id) throw new AppError('VALIDATION', 'You can’t block yourself.');
  await db.insert(giftSenderBlocks).values({ recipientUserId: user.id, giverId: g.giverId, giverName: g.giverName }).onConflictDoNothing();
  if (g.status !== 'waiting') return { declined: false };
  try {
    await declineGift(user, giftOfferId);
    return { declined: true };
  } catch (e) {
    // Decided meanwhile (another tab): the block still holds for later gifts.
    if (e instanceof AppError && e.code === 'INVALID_STATE') return { declined: false };
    throw e;
  }
}

/** The senders this account blocked, newest first (bounded: a person blocks a few senders, not thousands). */
export async function listBlockedSenders(recipientUserId: string) {
  const db = await getDb();
  return db
    .select({ giverId: giftSenderBlocks.giverId, giverName: giftSenderBlocks.giverName, blockedAt: giftSenderBlocks.createdAt })
    .from(giftSenderBlocks)
    .where(eq(giftSenderBlocks.recipientUserId, recipientUserId))
    .orderBy(desc(giftSenderBlocks.createdAt))
    .limit(100);
}

export async function unblockSender(recipientUserId: string, giverId: string) {
  const db = await getDb();
  await db.delete(giftSenderBlocks).where(and(eq(giftSenderBlocks.recipientUserId, recipientUserId), eq(giftSenderBlocks.giverId, giverId)));
}

/** Whether the account that owns `contact` (verified) has blocked `giverId`. */
export async function isBlockedBy(tx: Database, giverId: string, contact: Contact): Promise<boolean> {
  const owner = await findUserByContact(contact);
  if (!owner || !verifiedContacts(owner).includes(contact.value)) return false;
  const [row] = await tx
    .select({ giverId: giftSenderBlocks.giverId })
    .from(giftSenderBlocks)
    .where(and(eq(giftSenderBlocks.recipientUserId, owner.id), eq(giftSenderBlocks.giverId, giverId)))
    .limit(1);
  return Boolean(row);
}

/**
 * Refuses a gift to a contact this giver has never gifted before once they have reached the hourly number of new
 * recipients (GIFTS_TO_NEW_RECIPIENTS_PER_HOUR). With `lock`, first serializes this giver's gifts (inside the
 * checkout's transaction), so two submissions at once can't both take the last place.
 */
export async function assertMayGiftTo(tx: Database, giverId: string, contact: string, { lock = false } = {}) {
  if (lock) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`gift-new-recipients:${giverId}`}, 0))`);
  const [known] = await tx
    .select({ id: giftOffers.id })
    .from(giftOffers)
    .where(and(eq(giftOffers.giverId, giverId), eq(giftOffers.recipientContact, contact)))
    .limit(1);
  if (known) return;
  const limit = config().giftsToNewRecipientsPerHour;
  // Contacts whose first gift from this giver was in the last hour (the index on giver_id bounds the scan).
  const recent = await tx
    .select({ secondsLeft: sql<number>`extract(epoch from (min(${giftOffers.createdAt}) + interval '1 hour' - now()))`.mapWith(Number) })
    .from(giftOffers)
    .where(eq(giftOffers.giverId, giverId))
    .groupBy(giftOffers.recipientContact)
    .having(sql`min(${giftOffers.createdAt}) > now() - interval '1 hour'`);
  if (recent.length < limit) return;
  const wait = Math.max(1, Math.ceil(Math.min(...recent.map((r) => r.secondsLeft)) / 60));
  throw new AppError(
    'RATE_LIMITED',
    `You’ve sent gifts to ${limit} new people in the last hour, the most we allow, to protect people from unwanted gifts. You can send this one in about ${wait} minute${wait === 1 ? '' : 's'}, or send a gift now to someone you’ve sent one to before.`,
    { fieldErrors: { recipient: [`You’ve reached ${limit} new recipients this hour. Try again in about ${wait} minute${wait === 1 ? '' : 's'}.`] } },
  );
}
