import 'server-only';
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { affectedRows, getDb, type Database } from '@/db';
import { addresses, authSessions, users } from '@/db/schema';
import type { AddressInput } from './schemas';
import type { Contact } from './rules';

export type AppUser = typeof users.$inferSelect;

export async function getUserById(id: string): Promise<AppUser | null> {
  const db = await getDb();
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u ?? null;
}

// Sessions: one row per signed-in browser, named by the session cookie. Reading the signed-in user is one query
// that also checks the session is still live (not signed out, not ended by "Sign out everywhere", not expired).
export async function getUserBySession(userId: string, sessionId: string): Promise<AppUser | null> {
  const db = await getDb();
  const [row] = await db
    .select({ user: users })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, sql`now()`)))
    .limit(1);
  return row?.user ?? null;
}

export async function startSession(userId: string, maxAgeSeconds: number): Promise<string> {
  const db = await getDb();
  const [s] = await db
    .insert(authSessions)
    .values({ userId, expiresAt: sql`now() + make_interval(secs => ${maxAgeSeconds})` })
    .returning({ id: authSessions.id });
  return s.id;
}

// Signing out deletes the session row (the cookie then names nothing); "Sign out everywhere" deletes every row of the
// account. Returns how many ended.
export async function endSession(sessionId: string) {
  const db = await getDb();
  await db.delete(authSessions).where(eq(authSessions.id, sessionId));
}

export async function endAllSessions(userId: string): Promise<number> {
  const db = await getDb();
  const ended = await db.delete(authSessions).where(eq(authSessions.userId, userId)).returning({ id: authSessions.id });
  return ended.length;
}

export async function purgeEndedSessions(): Promise<number> {
  const db = await getDb();
  const gone = await db.execute(sql`delete from auth_sessions where id in (select id from auth_sessions where expires_at < now() - interval '1 day' limit 10000)`);
  return affectedRows(gone);
}

export async function countLiveSessions(userId: string): Promise<number> {
  const db = await getDb();
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(authSessions)
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, sql`now()`)));
  return Number(r?.n ?? 0);
}

export async function findUserByContact(contact: Contact): Promise<AppUser | null> {
  const db = await getDb();
  const col = contact.channel === 'email' ? users.email : users.phone;
  const [u] = await db.select().from(users).where(eq(col, contact.value)).limit(1);
  return u ?? null;
}

// Called only after the contact was proven with a one-time code.
export async function createVerifiedUser(contact: Contact, name: string): Promise<AppUser> {
  const db = await getDb();
  const now = new Date();
  const [u] = await db
    .insert(users)
    .values(
      contact.channel === 'email'
        ? { name, email: contact.value, emailVerifiedAt: now, role: 'buyer' }
        : { name, phone: contact.value, phoneVerifiedAt: now, role: 'buyer' },
    )
    .onConflictDoNothing()
    .returning();
  return u ?? (await findUserByContact(contact))!;
}

export async function markContactVerified(userId: string, contact: Contact) {
  const db = await getDb();
  await db
    .update(users)
    .set(contact.channel === 'email' ? { emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` } : { phoneVerifiedAt: sql`coalesce(${users.phoneVerifiedAt}, now())` })
    .where(eq(users.id, userId));
}

// The contacts this account has proven it controls: a gift sent to one of them is theirs to decide.
export function verifiedContacts(u: AppUser): string[] {
  const out: string[] = [];
  if (u.email && u.emailVerifiedAt) out.push(u.email);
  if (u.phone && u.phoneVerifiedAt) out.push(u.phone);
  return out;
}

export async function listAddresses(userId: string) {
  const db = await getDb();
  return db.select().from(addresses).where(eq(addresses.userId, userId)).orderBy(desc(addresses.createdAt)).limit(20);
}

export async function getAddress(userId: string, addressId: string) {
  const db = await getDb();
  const [a] = await db.select().from(addresses).where(and(eq(addresses.id, addressId), eq(addresses.userId, userId))).limit(1);
  return a ?? null;
}

export async function saveAddress(userId: string, input: AddressInput) {
  const db = await getDb();
  const [a] = await db.insert(addresses).values({ userId, ...input }).returning();
  return a;
}

export type UserContact = { name: string; email: string | null; phone: string | null };

// Names and contacts of several accounts at once (for messages other domains send them), set-based.
export async function getUserContacts(userIds: string[], tx?: Database): Promise<Map<string, UserContact>> {
  const out = new Map<string, UserContact>();
  if (userIds.length === 0) return out;
  const db = tx ?? (await getDb());
  const found = await db.select({ id: users.id, name: users.name, email: users.email, phone: users.phone }).from(users).where(sql`${users.id} = any(${sql.param([...new Set(userIds)])}::uuid[])`);
  for (const u of found) out.set(u.id, { name: u.name, email: u.email, phone: u.phone });
  return out;
}
