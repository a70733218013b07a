import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { giftCardLedger, giftCards, users } from '@/db/schema';
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
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
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
