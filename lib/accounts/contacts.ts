import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Database } from '@/db';
import { users } from '@/db/schema';

export type UserContact = { id: string; name: string; email: string | null; phone: string | null };

// Where to write to a set of users (for notices other domains send through the outbox), in one query.
export async function getContactsForUsers(tx: Database, userIds: readonly string[]): Promise<Map<string, UserContact>> {
  if (userIds.length === 0) return new Map();
  const found = await tx.select({ id: users.id, name: users.name, email: users.email, phone: users.phone }).from(users).where(inArray(users.id, [...new Set(userIds)]));
  return new Map(found.map((u) => [u.id, u]));
}
