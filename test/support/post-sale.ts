import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/index';
import { createOffer, createSeller, createUser } from '@/db/seed/factories';
import { orders, sellerAccountEntries } from '@/db/schema';
import type { AppUser } from '@/lib/accounts/queries';
import { decideGift } from '@/lib/gifts/commands';
import { captureShippedOrders } from '@/lib/jobs/capture-shipped';
import { placeOrder } from '@/lib/orders/checkout';
import { getPaymentForOrder } from '@/lib/payments/service';
import { recordExternalShipment } from '@/lib/shipments/labels';
import { selfCheckout, sendGift, shipTo } from './gift-fixtures';

// Post-sale scenarios (returns, refunds, SAFE-T), built through the same entry points people use: checkout authorizes
// the card, the seller records the shipment (lib/shipments), the capture job charges the shipped order. The only
// direct write marks an order delivered (and dates it), as the carrier's tracking would.

export async function markDelivered(orderId: string, at = new Date()) {
  const db = await getDb();
  await db.update(orders).set({ status: 'delivered', shippedAt: new Date(at.getTime() - 2 * 86_400_000), deliveredAt: at }).where(eq(orders.id, orderId));
}

/** The seller ships the order with a tracking number bought elsewhere (the real shipping path). */
export async function shipOrder(seller: { seller: { id: string }; user: { id: string } }, orderId: string) {
  const trackingId = `9400${String(randomInt(10 ** 9, 10 ** 10 - 1))}${String(randomInt(10 ** 9, 10 ** 10 - 1))}`;
  return recordExternalShipment(seller.seller.id, seller.user.id, { orderId, carrierId: 'USPS', serviceName: 'USPS Ground Advantage', trackingId });
}

/** A seller with an offer, and a buyer's own order of it, shipped, charged by the capture job, and delivered. */
export async function deliveredOwnOrder(opts: { priceCents?: number; sellerTz?: string; deliveredAt?: Date; seller?: Awaited<ReturnType<typeof createSeller>> } = {}) {
  const seller = opts.seller ?? (await createSeller({ timeZone: opts.sellerTz ?? 'America/New_York' }));
  const offer = await createOffer({ sellerId: seller.seller.id, priceCents: opts.priceCents ?? 4000, stock: 20 });
  const buyer = (await createUser({ name: 'Sam Buyer' })) as AppUser;
  const { orderId } = await placeOrder(buyer, selfCheckout(offer.id));
  await shipOrder(seller, orderId);
  await captureShippedOrders();
  const payment = await getPaymentForOrder(orderId);
  if (payment?.status !== 'captured') throw new Error(`the capture job left the shipped order's payment ${payment?.status ?? 'missing'}`);
  await markDelivered(orderId, opts.deliveredAt);
  return { seller, offer, buyer, orderId };
}

/** A gift sent, accepted for delivery by its recipient (captured then), and delivered. */
export async function deliveredGift(opts: { priceCents?: number } = {}) {
  const sent = await sendGift({ priceCents: opts.priceCents ?? 3000 });
  const recipient = (await createUser({ email: sent.contact, name: 'Robin Recipient' })) as AppUser;
  await decideGift(recipient, sent.giftOfferId, 'accept', shipTo);
  await markDelivered(sent.orderId);
  const db = await getDb();
  const [o] = await db.select().from(orders).where(eq(orders.id, sent.orderId));
  return { sent, recipient, order: o };
}

export async function sellerEntries(sellerId: string) {
  const db = await getDb();
  return db.select().from(sellerAccountEntries).where(eq(sellerAccountEntries.sellerId, sellerId)).orderBy(asc(sellerAccountEntries.id));
}

export async function sellerEntriesFor(sellerId: string, orderId: string) {
  const db = await getDb();
  return db
    .select()
    .from(sellerAccountEntries)
    .where(and(eq(sellerAccountEntries.sellerId, sellerId), eq(sellerAccountEntries.orderId, orderId)))
    .orderBy(asc(sellerAccountEntries.id));
}

export const staffUser = () => createUser({ role: 'ops', name: 'Riley Ops' }) as Promise<AppUser>;
export const requestKey = () => randomUUID();
