import 'server-only';
import { and, count, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { shippingApiKeys } from '@/db/schema';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { hitRateLimit } from '@/lib/security/rate-limit';
import { hashApiKey, looksLikeApiKey, newApiKey } from './rules';

// Keys for approved shipping software. The token is shown once, at creation; only its SHA-256 is stored, with a
// visible prefix so the seller can tell keys apart. A key acts for its seller only and is rate-limited on its own.

export const MAX_ACTIVE_KEYS = 10;

export type ApiKeySummary = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export async function createApiKey(sellerId: string, userId: string, name: string): Promise<{ id: string; token: string; prefix: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Serialize creations per seller so two tabs can't both pass the limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`api-keys:${sellerId}`}, 0))`);
    const [{ active }] = await tx
      .select({ active: count() })
      .from(shippingApiKeys)
      .where(and(eq(shippingApiKeys.sellerId, sellerId), isNull(shippingApiKeys.revokedAt)));
    if (active >= MAX_ACTIVE_KEYS) throw new AppError('CONFLICT', `You can have at most ${MAX_ACTIVE_KEYS} active keys. Revoke one you no longer use first.`);
    const key = newApiKey();
    const [row] = await tx
      .insert(shippingApiKeys)
      .values({ sellerId, name, prefix: key.prefix, tokenHash: key.hash, createdByUserId: userId })
      .returning({ id: shippingApiKeys.id });
    return { id: row.id, token: key.token, prefix: key.prefix };
  });
}

export async function listApiKeys(sellerId: string): Promise<ApiKeySummary[]> {
  const db = await getDb();
  return db
    .select({ id: shippingApiKeys.id, name: shippingApiKeys.name, prefix: shippingApiKeys.prefix, createdAt: shippingApiKeys.createdAt, lastUsedAt: shippingApiKeys.lastUsedAt, revokedAt: shippingApiKeys.revokedAt })
    .from(shippingApiKeys)
    .where(eq(shippingApiKeys.sellerId, sellerId))
    .orderBy(desc(shippingApiKeys.createdAt))
    .limit(50);
}

// Revoking twice is harmless; someone else's key is "not found".
export async function revokeApiKey(sellerId: string, keyId: string): Promise<void> {
  const db = await getDb();
  const [row] = await db
    .update(shippingApiKeys)
    .set({ revokedAt: sql`coalesce(${shippingApiKeys.revokedAt}, now())` })
    .where(and(eq(shippingApiKeys.id, keyId), eq(shippingApiKeys.sellerId, sellerId)))
    .returning({ id: shippingApiKeys.id });
  if (!row) throw new AppError('NOT_FOUND', 'That key could not be found.');
}

export type ApiCaller = { sellerId: string; keyId: string };
export type ApiAuthFailure = { status: 401 | 429; code: 'UNAUTHORIZED' | 'TOO_MANY_REQUESTS'; message: string; retryAfterSeconds?: number };

// `Authorization: Bearer <key>` (or `x-api-key`). Unknown, malformed and revoked keys get the same answer.
export async function authenticateApiKey(headers: Headers): Promise<{ ok: true; caller: ApiCaller } | { ok: false; failure: ApiAuthFailure }> {
  const auth = headers.get('authorization');
  const token = (auth?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? headers.get('x-api-key') ?? '').trim();
  const refused = { ok: false as const, failure: { status: 401 as const, code: 'UNAUTHORIZED' as const, message: 'Missing, invalid or revoked API key.' } };
  if (!looksLikeApiKey(token)) return refused;
  const db = await getDb();
  const [key] = await db
    .select({ id: shippingApiKeys.id, sellerId: shippingApiKeys.sellerId, revokedAt: shippingApiKeys.revokedAt })
    .from(shippingApiKeys)
    .where(eq(shippingApiKeys.tokenHash, hashApiKey(token)))
    .limit(1);
  if (!key || key.revokedAt) return refused;
  const limit = config().shippingApiRequestsPerMinute;
  const hit = await hitRateLimit(`shipping-api:${key.id}`, limit, 60);
  if (!hit.allowed) return { ok: false, failure: { status: 429, code: 'TOO_MANY_REQUESTS', message: `At most ${limit} requests a minute per key.`, retryAfterSeconds: hit.retryAfterSeconds } };
  // Last use, at most once a minute per key (no write on every call).
  await db
    .update(shippingApiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(shippingApiKeys.id, key.id), or(isNull(shippingApiKeys.lastUsedAt), lt(shippingApiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
  return { ok: true, caller: { sellerId: key.sellerId, keyId: key.id } };
}
