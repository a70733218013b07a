import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { addresses, users } from '@/db/schema';
import type { AddressInput } from './schemas';
import type { Contact } from './rules';

export type AppUser = typeof users.$inferSelect;

export async function getUserById(id: string): Promise<AppUser | null> {
  const db = await getDb();
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u ?? null;
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
