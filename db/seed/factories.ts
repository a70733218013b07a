import { randomBytes } from 'node:crypto';
import { getDb } from '../index';
import { addresses, offers, sellers, users } from '../schema';

// Test and demo factories: each call makes rows of its own with unique contacts, so no test depends on another's data.
const uniq = () => randomBytes(5).toString('hex');

type UserInput = Partial<typeof users.$inferInsert>;

export async function createUser(input: UserInput = {}) {
  const db = await getDb();
  const u = uniq();
  const hasPhoneOnly = input.phone && input.email === undefined;
  const [row] = await db
    .insert(users)
    .values({
      name: input.name ?? `Test User ${u}`,
      email: hasPhoneOnly ? null : (input.email ?? `user-${u}@example.test`),
      emailVerifiedAt: hasPhoneOnly ? null : new Date(),
      phoneVerifiedAt: input.phone ? new Date() : null,
      role: 'buyer',
      primeMember: false,
      countryCode: 'US',
      ...input,
    })
    .returning();
  return row;
}

export const createPrimeMember = (input: UserInput = {}) => createUser({ primeMember: true, ...input });

export async function createSeller(input: { displayName?: string; primeEligible?: boolean; timeZone?: string } = {}) {
  const db = await getDb();
  const user = await createUser({ role: 'seller', name: input.displayName ?? `Seller ${uniq()}` });
  const [seller] = await db
    .insert(sellers)
    .values({
      userId: user.id,
      displayName: input.displayName ?? user.name,
      timeZone: input.timeZone ?? 'America/New_York',
      primeEligible: input.primeEligible ?? true,
      primeStatus: input.primeEligible === false ? 'not_enrolled' : 'enrolled',
      enrolledAt: input.primeEligible === false ? null : new Date(),
    })
    .returning();
  return { user, seller };
}

export async function createOffer(input: Partial<typeof offers.$inferInsert> & { sellerId?: string } = {}) {
  const db = await getDb();
  const sellerId = input.sellerId ?? (await createSeller()).seller.id;
  const u = uniq();
  const [row] = await db
    .insert(offers)
    .values({
      title: `Test item ${u}`,
      description: 'A thing for tests.',
      imageUrl: '/products/mug.svg',
      priceCents: 2500,
      stock: 10,
      ...input,
      slug: input.slug ?? `test-item-${u}`,
      sellerId,
    })
    .returning();
  return row;
}

export async function createAddress(userId: string, input: Partial<typeof addresses.$inferInsert> = {}) {
  const db = await getDb();
  const [row] = await db
    .insert(addresses)
    .values({ userId, fullName: 'Pat Doe', line1: '1 Main St', city: 'Springfield', state: 'IL', zip: '62701', ...input })
    .returning();
  return row;
}
