import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { offers, orderLines, orders, sellers } from '@/db/schema';

export async function getSellerForUser(userId: string) {
  const db = await getDb();
  const [s] = await db.select().from(sellers).where(eq(sellers.userId, userId)).limit(1);
  return s ?? null;
}

export async function listSellerOffers(sellerId: string) {
  const db = await getDb();
  return db.select().from(offers).where(eq(offers.sellerId, sellerId)).orderBy(desc(offers.createdAt)).limit(50);
}

// Orders the seller must ship: charged and addressed. Only this seller's lines.
export async function listOrdersToShip(sellerId: string) {
  const db = await getDb();
  return db
    .select({ orderId: orders.id, title: orderLines.title, quantity: orderLines.quantity, placedAt: orders.placedAt, city: orders.shipToCity, state: orders.shipToState })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(and(eq(orderLines.sellerId, sellerId), inArray(orders.status, ['placed'])))
    .orderBy(desc(orders.placedAt))
    .limit(50);
}
