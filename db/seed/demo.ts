import { eq } from 'drizzle-orm';
import { getDb } from '../index';
import { offers, sellers, users, addresses } from '../schema';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { seedPrimeDemo } from './prime-demo';
import { seedCarrierServices, seedDemoShipping } from './shipping';
import { recomputeTemplate } from '../../lib/shipping/templates';

const CATALOG: { seller: 0 | 1 | 2; slug: string; title: string; image: string; priceCents: number; stock: number; description: string }[] = [
  { seller: 0, slug: 'trail-ceramic-mug', title: 'Trail Ceramic Mug, 12 oz', image: 'mug', priceCents: 1800, stock: 40, description: 'Stoneware mug with a speckled glaze. Dishwasher and microwave safe.' },
  { seller: 0, slug: 'daypack-22l', title: 'Daypack 22L', image: 'backpack', priceCents: 6400, stock: 15, description: 'Light, water-resistant daypack with a padded laptop sleeve.' },
  { seller: 0, slug: 'insulated-bottle', title: 'Insulated Bottle, 20 oz', image: 'bottle', priceCents: 2900, stock: 60, description: 'Keeps drinks cold 24 hours or hot 12 hours.' },
  { seller: 0, slug: 'wool-throw-blanket', title: 'Wool Throw Blanket', image: 'blanket', priceCents: 8900, stock: 8, description: 'Soft merino throw, 50 × 60 in.' },
  { seller: 1, slug: 'noise-cancelling-headphones', title: 'Noise-Cancelling Headphones', image: 'headphones', priceCents: 14900, stock: 12, description: 'Over-ear headphones with 30-hour battery and USB-C charging.' },
  { seller: 1, slug: 'field-watch', title: 'Field Watch', image: 'watch', priceCents: 11900, stock: 5, description: '38 mm steel case, canvas strap, 100 m water resistance.' },
  { seller: 1, slug: 'brass-desk-lamp', title: 'Brass Desk Lamp', image: 'lamp', priceCents: 7500, stock: 20, description: 'Adjustable arm, warm LED bulb included.' },
  { seller: 2, slug: 'potted-snake-plant', title: 'Potted Snake Plant', image: 'plant', priceCents: 3400, stock: 25, description: 'Easy-care plant in a 6-inch ceramic pot.' },
  { seller: 2, slug: 'hardcover-journal', title: 'Hardcover Journal', image: 'book', priceCents: 2200, stock: 100, description: '240 dotted pages, lay-flat binding.' },
  { seller: 2, slug: 'soy-candle-set', title: 'Soy Candle Set of 3', image: 'candle', priceCents: 2600, stock: 30, description: 'Cedar, fig and sea salt. 25 hours each.' },
];

const SELLERS = [
  { displayName: 'Northwind Outfitters', timeZone: 'America/Denver', primeEligible: true },
  { displayName: 'Harbor Electronics', timeZone: 'America/New_York', primeEligible: true },
  { displayName: 'Greenleaf Home', timeZone: 'America/Los_Angeles', primeEligible: false },
];

// Demo data for `npm run dev` and `npm run db:seed`. Idempotent: rows that exist are left alone.
export async function seedDemoData() {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await seedCarrierServices(tx);
    const now = new Date();
    for (const a of DEMO_ACCOUNTS) {
      await tx
        .insert(users)
        .values({ name: a.name, email: a.email, emailVerifiedAt: now, role: a.role, primeMember: a.primeMember, countryCode: a.countryCode })
        .onConflictDoNothing();
    }
    const byEmail = new Map((await tx.select({ id: users.id, email: users.email }).from(users)).map((u) => [u.email, u.id]));
    const primeId = byEmail.get('prime@demo.test')!;
    const existingAddr = await tx.select({ id: addresses.id }).from(addresses).limit(1);
    if (existingAddr.length === 0) {
      await tx.insert(addresses).values({ userId: primeId, fullName: 'Alex Rivera', line1: '500 Market St', line2: 'Apt 4', city: 'San Francisco', state: 'CA', zip: '94105' });
    }
    // The first seller belongs to the demo seller account; the others get accounts of their own.
    const sellerIds: string[] = [];
    for (const [i, s] of SELLERS.entries()) {
      const email = i === 0 ? 'seller@demo.test' : `seller${i + 1}@demo.test`;
      if (!byEmail.has(email)) {
        const [u] = await tx.insert(users).values({ name: s.displayName, email, emailVerifiedAt: now, role: 'seller' }).returning({ id: users.id });
        byEmail.set(email, u.id);
      }
      const userId = byEmail.get(email)!;
      await tx
        .insert(sellers)
        .values({ userId, displayName: s.displayName, timeZone: s.timeZone, primeEligible: s.primeEligible, primeStatus: s.primeEligible ? 'enrolled' : 'not_enrolled', enrolledAt: s.primeEligible ? now : null })
        .onConflictDoNothing();
      const [row] = await tx.select({ id: sellers.id }).from(sellers).where(eq(sellers.userId, userId));
      sellerIds.push(row.id);
    }
    await tx
      .insert(offers)
      .values(
        CATALOG.map((c, i) => ({
          sellerId: sellerIds[c.seller],
          slug: c.slug,
          title: c.title,
          description: c.description,
          imageUrl: `/products/${c.image}.svg`,
          priceCents: c.priceCents,
          stock: c.stock,
          shipFromTimeZone: SELLERS[c.seller].timeZone,
          createdAt: new Date(now.getTime() - i * 60_000),
        })),
      )
      .onConflictDoNothing();
    await seedDemoShipping(tx, async (t, id) => void (await recomputeTemplate(t, id)));
  });
  // Seller Fulfilled Prime: sellers in each program state with 120 days of orders, shipments and tracking, and the daily
  // evaluation's 90 days behind them (db/seed/prime-demo.ts).
  await seedPrimeDemo();
}
