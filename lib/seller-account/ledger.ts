import 'server-only';
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { sellerAccountEntries } from '@/db/schema';
import { assertCents } from '@/lib/money';

// The seller's account with the marketplace. Every charge and credit is one row with its own idempotency key, so a
// retried purchase, void, refund or reimbursement moves money once. Balances are sums of rows, never stored.

export type SellerAccountEntryKind = (typeof sellerAccountEntries.kind.enumValues)[number];
export type SellerAccountEntry = typeof sellerAccountEntries.$inferSelect;

export type PostEntryInput = {
  sellerId: string;
  kind: SellerAccountEntryKind;
  // Signed: negative charges the seller, positive credits them.
  amountCents: number;
  currency?: string;
  orderId?: string | null;
  reference?: string | null;
  description: string;
  idempotencyKey: string;
};

// Records one movement, in the caller's transaction so it commits with the change it pays for. A second call with
// the same key returns the first row (and refuses a different movement under the same key).
export async function postSellerEntry(tx: Database, input: PostEntryInput): Promise<SellerAccountEntry> {
  assertCents(input.amountCents);
  if (input.amountCents === 0) throw new Error('A seller account entry moves money: amount must not be zero');
  const [inserted] = await tx
    .insert(sellerAccountEntries)
    .values({
      sellerId: input.sellerId,
      kind: input.kind,
      amountCents: input.amountCents,
      currency: input.currency ?? 'USD',
      orderId: input.orderId ?? null,
      reference: input.reference ?? null,
      description: input.description,
      idempotencyKey: input.idempotencyKey,
    })
    .onConflictDoNothing({ target: sellerAccountEntries.idempotencyKey })
    .returning();
  if (inserted) return inserted;
  const [existing] = await tx.select().from(sellerAccountEntries).where(eq(sellerAccountEntries.idempotencyKey, input.idempotencyKey)).limit(1);
  if (!existing || existing.sellerId !== input.sellerId || existing.amountCents !== input.amountCents || existing.kind !== input.kind) {
    throw new Error(`Idempotency key ${input.idempotencyKey} was already used for a different movement`);
  }
  return existing;
}

export async function sellerBalanceCents(sellerId: string, tx?: Database): Promise<number> {
  const db = tx ?? (await getDb());
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${sellerAccountEntries.amountCents}), 0)` })
    .from(sellerAccountEntries)
    .where(eq(sellerAccountEntries.sellerId, sellerId));
  return Number(row.total);
}

// Keyset page of a seller's entries, newest first. Always scoped to the seller: another seller's rows never appear.
export async function listSellerEntries(sellerId: string, opts: { before?: { createdAt: Date; id: number }; limit?: number } = {}) {
  const db = await getDb();
  const limit = Math.min(opts.limit ?? 50, 200);
  const cursor = opts.before
    ? or(lt(sellerAccountEntries.createdAt, opts.before.createdAt), and(eq(sellerAccountEntries.createdAt, opts.before.createdAt), lt(sellerAccountEntries.id, opts.before.id)))
    : undefined;
  return db
    .select()
    .from(sellerAccountEntries)
    .where(and(eq(sellerAccountEntries.sellerId, sellerId), cursor))
    .orderBy(desc(sellerAccountEntries.createdAt), desc(sellerAccountEntries.id))
    .limit(limit);
}
