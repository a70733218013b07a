import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { offers, orderLines, orders, sellers } from '@/db/schema';
import { getDestinationsForFulfilment } from '@/lib/fulfilment/destination';
import type { Metric } from './rules';

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
  const rows = await db
    .select({ orderId: orders.id, title: orderLines.title, quantity: orderLines.quantity, placedAt: orders.placedAt })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(and(eq(orderLines.sellerId, sellerId), inArray(orders.status, ['placed'])))
    .orderBy(desc(orders.placedAt))
    .limit(50);
  // Every order here has a line of this seller (the WHERE above): the fulfilment domain's contract.
  const places = await getDestinationsForFulfilment(rows.map((r) => r.orderId));
  return rows.map((r) => ({ ...r, city: places.get(r.orderId)?.city ?? null, state: places.get(r.orderId)?.state ?? null }));
}

export const failingMetricsOfRow = (e: { failing: Metric[] }) => e.failing;
