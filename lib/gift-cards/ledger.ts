import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { giftCardLedger, giftCards } from '@/db/schema';
import { AppError } from '@/lib/errors';

// A user's gift card balance is the sum of their ledger entries.
export async function getGiftCardBalance(userId: string, tx?: Database): Promise<number> {
  const db = tx ?? (await getDb());
  const [row] = await db
    .select({ balance: sql<number>`coalesce(sum(${giftCardLedger.amountCents}), 0)::int` })
    .from(giftCardLedger)
    .where(eq(giftCardLedger.ownerId, userId));
  return Number(row.balance);
}

// Spends balance for an order inside the order's transaction. The user row lock serializes spends of one balance.
export async function debitGiftCardBalance(tx: Database, userId: string, orderId: string, cents: number) {
  if (cents <= 0) return;
  // Serializes spends of one balance (a transaction-scoped lock on the owner's key; the users table is accounts').
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`gift-card-balance:${userId}`}, 0))`);
  const balance = await getGiftCardBalance(userId, tx);
  if (balance < cents) throw new AppError('CONFLICT', 'Your gift card balance changed. Review the total and try again.');
  await tx.insert(giftCardLedger).values({ ownerId: userId, orderId, kind: 'debit', amountCents: -cents });
}

// G7: a gift converted by its recipient becomes a card of the same value in the recipient's balance.
export async function issueGiftCardFromGift(tx: Database, input: { ownerId: string; giftOfferId: string; cents: number; currency: string }) {
  const [card] = await tx
    .insert(giftCards)
    .values({ ownerId: input.ownerId, initialCents: input.cents, currency: input.currency, sourceGiftOfferId: input.giftOfferId })
    .onConflictDoNothing()
    .returning();
  if (!card) return null; // already issued for this gift
  await tx.insert(giftCardLedger).values({ ownerId: input.ownerId, giftCardId: card.id, kind: 'credit', amountCents: input.cents });
  return card;
}

export async function listGiftCards(userId: string) {
  const db = await getDb();
  return db.select().from(giftCards).where(eq(giftCards.ownerId, userId)).orderBy(sql`${giftCards.createdAt} desc`).limit(50);
}

// A refund credited to someone's gift-card balance (a gift returned by its recipient: never the giver's card; or the
// part of an order a buyer paid from their balance). Idempotent on the key: a retried refund credits once.
export async function creditGiftCardRefund(tx: Database, input: { ownerId: string; cents: number; idempotencyKey: string }) {
  if (!Number.isSafeInteger(input.cents) || input.cents <= 0) throw new RangeError(`A gift card credit must be positive whole cents: ${input.cents}`);
  const [row] = await tx
    .insert(giftCardLedger)
    .values({ ownerId: input.ownerId, kind: 'refund_credit', amountCents: input.cents, idempotencyKey: input.idempotencyKey })
    .onConflictDoNothing({ target: giftCardLedger.idempotencyKey })
    .returning();
  if (row) return row;
  const [existing] = await tx.select().from(giftCardLedger).where(eq(giftCardLedger.idempotencyKey, input.idempotencyKey)).limit(1);
  if (!existing || existing.ownerId !== input.ownerId || existing.amountCents !== input.cents)
    throw new Error(`Gift card idempotency key ${input.idempotencyKey} was already used for a different credit`);
  return existing;
}
