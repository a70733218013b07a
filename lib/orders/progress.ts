import 'server-only';
import { inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { orders } from '@/db/schema';
import type { OrderStatus } from './rules';

export type OrderProgress = { status: OrderStatus; subtotalCents: number; currency: string; placedAt: Date | null; shippedAt: Date | null; deliveredAt: Date | null };

// Where orders stand, set-based, for the person the parcel goes to (lib/gifts asks for a recipient's accepted gifts,
// after checking in its own WHERE that they are that gift's recipient). No buyer and no address here.
export async function getOrderProgress(orderIds: string[]): Promise<Map<string, OrderProgress>> {
  const out = new Map<string, OrderProgress>();
  if (orderIds.length === 0) return out;
  const db = await getDb();
  const found = await db
    .select({ id: orders.id, status: orders.status, subtotalCents: orders.subtotalCents, currency: orders.currency, placedAt: orders.placedAt, shippedAt: orders.shippedAt, deliveredAt: orders.deliveredAt })
    .from(orders)
    .where(inArray(orders.id, [...new Set(orderIds)]));
  for (const { id, ...p } of found) out.set(id, p);
  return out;
}
