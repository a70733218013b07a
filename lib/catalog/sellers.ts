import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { sellers } from '@/db/schema';

// A seller's profile as other domains need it: who they are, the account behind them, and the time zone their
// deadlines are counted in (returns, refunds, SAFE-T). Nothing here decides who may see what: callers do.

export type SellerProfile = { id: string; userId: string; displayName: string; timeZone: string };

const profile = { id: sellers.id, userId: sellers.userId, displayName: sellers.displayName, timeZone: sellers.timeZone };

export async function getSellerProfile(sellerId: string): Promise<SellerProfile | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sellerId)) return null;
  const db = await getDb();
  const [s] = await db.select(profile).from(sellers).where(eq(sellers.id, sellerId)).limit(1);
  return s ?? null;
}

export async function getSellerProfileForUser(userId: string): Promise<SellerProfile | null> {
  const db = await getDb();
  const [s] = await db.select(profile).from(sellers).where(eq(sellers.userId, userId)).limit(1);
  return s ?? null;
}
