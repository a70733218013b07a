import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { sfpOrderFacts } from '@/db/schema';

// The per-order facts the Seller Fulfilled Prime metrics are computed from. Other domains report what happened
// through these functions (in their own transaction, so a fact commits with the change it describes); lib/prime
// alone reads the table. Every write is an upsert keyed on (order, seller), so a retried report changes nothing.

type Key = { orderId: string; sellerId: string };
export type CancellationActor = (typeof sfpOrderFacts.cancelActor.enumValues)[number];

// When an order is placed (or a gift accepted) with its promise.
export async function recordPromiseFact(
  tx: Database,
  f: Key & {
    purchasedAt: Date;
    isPrime: boolean;
    sizeTier: 'standard' | 'oversize';
    expectedShipDate: string; // YYYY-MM-DD in the seller's zone
    promisedDeliveryDate: string; // YYYY-MM-DD
    latestShipAt: Date;
    promisedDeliveryBy: Date;
    carrierServiceId?: string | null;
  },
) {
  const values = {
    purchasedAt: f.purchasedAt,
    isPrime: f.isPrime,
    sizeTier: f.sizeTier,
    expectedShipDate: f.expectedShipDate,
    promisedDeliveryDate: f.promisedDeliveryDate,
    latestShipAt: f.latestShipAt,
    promisedDeliveryBy: f.promisedDeliveryBy,
    carrierServiceId: f.carrierServiceId ?? null,
    updatedAt: new Date(),
  };
  await tx
    .insert(sfpOrderFacts)
    .values({ orderId: f.orderId, sellerId: f.sellerId, ...values })
    .onConflictDoUpdate({ target: [sfpOrderFacts.orderId, sfpOrderFacts.sellerId], set: values });
}

// When a label is bought through Buy Shipping or a tracking number bought elsewhere is recorded.
export async function recordShipmentFact(
  tx: Database,
  f: Key & { carrier: string; carrierServiceId: string | null; shipMethod: string; trackingId: string; labelSource: 'buy_shipping' | 'external'; specialOperatingPlan: boolean; claimsProtected: boolean },
) {
  await tx
    .update(sfpOrderFacts)
    .set({
      carrier: f.carrier,
      carrierServiceId: f.carrierServiceId,
      shipMethod: f.shipMethod,
      trackingId: f.trackingId,
      labelSource: f.labelSource,
      specialOperatingPlan: f.specialOperatingPlan,
      claimsProtected: f.claimsProtected,
      updatedAt: new Date(),
    })
    .where(and(eq(sfpOrderFacts.orderId, f.orderId), eq(sfpOrderFacts.sellerId, f.sellerId)));
}

// A voided label: the order is back to "not shipped".
export async function clearShipmentFact(tx: Database, f: Key) {
  await tx
    .update(sfpOrderFacts)
    .set({ carrier: null, carrierServiceId: null, shipMethod: null, trackingId: null, labelSource: null, specialOperatingPlan: false, claimsProtected: false, firstScanAt: null, clockStopAt: null, updatedAt: new Date() })
    .where(and(eq(sfpOrderFacts.orderId, f.orderId), eq(sfpOrderFacts.sellerId, f.sellerId)));
}

// Carrier events arrive in any order: keep the earliest physical scan and the earliest clock-stop.
export async function recordScanFact(tx: Database, f: Key & { firstScanAt?: Date | null; clockStopAt?: Date | null }) {
  await tx
    .update(sfpOrderFacts)
    .set({
      firstScanAt: f.firstScanAt ? sql`least(${sfpOrderFacts.firstScanAt}, ${f.firstScanAt})` : undefined,
      clockStopAt: f.clockStopAt ? sql`least(${sfpOrderFacts.clockStopAt}, ${f.clockStopAt})` : undefined,
      updatedAt: new Date(),
    })
    .where(and(eq(sfpOrderFacts.orderId, f.orderId), eq(sfpOrderFacts.sellerId, f.sellerId)));
}

// Who cancelled and why. Only the seller's own cancellations count against them; a gift declined, expired, cancelled by
// its giver or converted, and a buyer's request, never do. Inserts a row when the order never got a promise.
export async function recordCancellationFact(tx: Database, f: Key & { purchasedAt: Date; cancelledAt: Date; actor: CancellationActor; reason: string }) {
  await tx
    .insert(sfpOrderFacts)
    .values({ orderId: f.orderId, sellerId: f.sellerId, purchasedAt: f.purchasedAt, cancelledAt: f.cancelledAt, cancelActor: f.actor, cancelReason: f.reason })
    .onConflictDoUpdate({
      target: [sfpOrderFacts.orderId, sfpOrderFacts.sellerId],
      set: { cancelledAt: f.cancelledAt, cancelActor: f.actor, cancelReason: f.reason, updatedAt: new Date() },
    });
}

// The same for many orders at once (a batch of expired gifts): one statement.
export async function recordCancellationFacts(
  tx: Database,
  list: readonly (Key & { purchasedAt: Date; cancelledAt: Date; actor: CancellationActor; reason: string })[],
) {
  if (list.length === 0) return;
  await tx.execute(sql`
    insert into ${sfpOrderFacts} (order_id, seller_id, purchased_at, cancelled_at, cancel_actor, cancel_reason)
    select * from unnest(${sql.param(list.map((f) => f.orderId))}::uuid[], ${sql.param(list.map((f) => f.sellerId))}::uuid[],
      ${sql.param(list.map((f) => f.purchasedAt.toISOString()))}::timestamptz[], ${sql.param(list.map((f) => f.cancelledAt.toISOString()))}::timestamptz[],
      ${sql.param(list.map((f) => f.actor))}::text[]::cancellation_actor[], ${sql.param(list.map((f) => f.reason))}::text[])
    on conflict (order_id, seller_id) do update set cancelled_at = excluded.cancelled_at, cancel_actor = excluded.cancel_actor,
      cancel_reason = excluded.cancel_reason, updated_at = now()`);
}
