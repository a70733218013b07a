import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { offers, sellers } from '@/db/schema';

// What the seller portal reads of the catalog: the signed-in account's seller (with its Prime program status, which
// drives the badge) and that seller's own offers. Ownership is in the WHERE: callers pass the session's ids.

export type SellerAccount = {
  id: string;
  userId: string;
  displayName: string;
  timeZone: string;
  primeStatus: (typeof sellers.primeStatus.enumValues)[number];
  primeEligible: boolean;
};

export async function getSellerAccountForUser(userId: string): Promise<SellerAccount | null> {
  const db = await getDb();
  const [s] = await db
    .select({ id: sellers.id, userId: sellers.userId, displayName: sellers.displayName, timeZone: sellers.timeZone, primeStatus: sellers.primeStatus, primeEligible: sellers.primeEligible })
    .from(sellers)
    .where(eq(sellers.userId, userId))
    .limit(1);
  return s ?? null;
}

export type SellerOfferRow = typeof offers.$inferSelect;

// The seller's newest offers (at most `limit`).
export async function listOffersOfSeller(sellerId: string, limit = 50): Promise<SellerOfferRow[]> {
  const db = await getDb();
  return db.select().from(offers).where(eq(offers.sellerId, sellerId)).orderBy(desc(offers.createdAt)).limit(limit);
}
