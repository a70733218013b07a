import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/index';
import { createOffer, createPrimeMember, createSeller } from '@/db/seed/factories';
import { seedCarrierServices } from '@/db/seed/shipping';
import { orders, sellerAccountEntries, shipFromLocations, shipments } from '@/db/schema';
import { placeOrder } from '@/lib/orders/checkout';
import { handleCarrierWebhook } from '@/lib/shipments/webhook';
import { runCarrierSimulator } from '@/lib/shipments/simulator-job';
import { selfCheckout } from './gift-fixtures';

// Buy Shipping scenarios: a seller with a warehouse in Newark NJ, an offer, and a buyer's own paid order shipping to
// Austin TX, placed through the real checkout. Each call makes rows of its own.
export async function sellerWithOrder(opts: { weightOz?: number } = {}) {
  const db = await getDb();
  await seedCarrierServices(db);
  const { user: sellerUser, seller } = await createSeller();
  await db.insert(shipFromLocations).values({ sellerId: seller.id, name: 'Newark warehouse', line1: '200 Port St', city: 'Newark', state: 'NJ', zip: '07114', zip3: '071', timeZone: 'America/New_York', isDefault: true });
  const offer = await createOffer({ sellerId: seller.id, weightOz: opts.weightOz ?? 20 });
  const buyer = await createPrimeMember();
  const { orderId } = await placeOrder(buyer, selfCheckout(offer.id));
  return { seller, sellerUser, buyer, offer, orderId };
}

export async function anotherOrderOf(sellerId: string) {
  const offer = await createOffer({ sellerId });
  const buyer = await createPrimeMember();
  const { orderId } = await placeOrder(buyer, selfCheckout(offer.id));
  return { orderId, buyer };
}

export async function ledgerOf(sellerId: string) {
  const db = await getDb();
  return db.select().from(sellerAccountEntries).where(eq(sellerAccountEntries.sellerId, sellerId));
}

export async function shipmentsOfOrder(orderId: string) {
  const db = await getDb();
  return db.select().from(shipments).where(eq(shipments.orderId, orderId));
}

export async function orderStatusOf(orderId: string) {
  const db = await getDb();
  const [o] = await db.select({ status: orders.status }).from(orders).where(and(eq(orders.id, orderId)));
  return o.status;
}

// The carrier simulator's events, delivered through the real webhook handler (signature and all), up to `now`.
export async function advanceSimulator(now: Date) {
  return runCarrierSimulator({
    now,
    deliver: async (carrierId, body, signature) => {
      const res = await handleCarrierWebhook(carrierId, new Request(`http://test.local/api/carriers/${carrierId}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-carrier-signature': signature }, body }));
      return { status: res.status };
    },
  });
}
