import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
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

// The same facts for the (order, seller) pairs a caller's own statement produces, as the INSERT ... SELECT to put in
// that statement (a data-modifying WITH): a job's batch of thousands of cancellations is then recorded without its
// rows travelling to the application and back. `source` names a relation of that statement with the columns
// order_id, seller_id, purchased_at, cancelled_at; the write is this module's, like every other one on the table.
export function cancellationFactsFrom(source: SQL, by: { actor: CancellationActor; reason: string }): SQL {
  return sql`insert into ${sfpOrderFacts} (order_id, seller_id, purchased_at, cancelled_at, cancel_actor, cancel_reason)
    select s.order_id, s.seller_id, s.purchased_at, s.cancelled_at, ${by.actor}::text::cancellation_actor, ${by.reason}::text from ${source} s
    on conflict (order_id, seller_id) do update set cancelled_at = excluded.cancelled_at, cancel_actor = excluded.cancel_actor,
      cancel_reason = excluded.cancel_reason, updated_at = now()`;
}

// ---- Many orders at once (demo history, imports): the same facts as the functions above, one statement each. ----

type PromiseFact = Parameters<typeof recordPromiseFact>[1];
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function recordPromiseFacts(tx: Database, list: readonly PromiseFact[]) {
  if (list.length === 0) return;
  const col = <T,>(f: (p: PromiseFact) => T) => sql.param(list.map(f));
  await tx.execute(sql`
    insert into ${sfpOrderFacts} (order_id, seller_id, purchased_at, is_prime, size_tier, expected_ship_date, promised_delivery_date,
      latest_ship_at, promised_delivery_by, carrier_service_id)
    select x.order_id, x.seller_id, x.purchased_at, x.is_prime, x.size_tier::size_class, x.expected_ship_date, x.promised_delivery_date,
      x.latest_ship_at, x.promised_delivery_by, x.carrier_service_id
    from unnest(${col((p) => p.orderId)}::uuid[], ${col((p) => p.sellerId)}::uuid[], ${col((p) => p.purchasedAt.toISOString())}::timestamptz[],
      ${col((p) => p.isPrime)}::boolean[], ${col((p) => p.sizeTier)}::text[], ${col((p) => p.expectedShipDate)}::date[], ${col((p) => p.promisedDeliveryDate)}::date[],
      ${col((p) => p.latestShipAt.toISOString())}::timestamptz[], ${col((p) => p.promisedDeliveryBy.toISOString())}::timestamptz[], ${col((p) => p.carrierServiceId ?? null)}::text[])
      as x(order_id, seller_id, purchased_at, is_prime, size_tier, expected_ship_date, promised_delivery_date, latest_ship_at, promised_delivery_by, carrier_service_id)
    on conflict (order_id, seller_id) do update set purchased_at = excluded.purchased_at, is_prime = excluded.is_prime, size_tier = excluded.size_tier,
      expected_ship_date = excluded.expected_ship_date, promised_delivery_date = excluded.promised_delivery_date, latest_ship_at = excluded.latest_ship_at,
      promised_delivery_by = excluded.promised_delivery_by, carrier_service_id = excluded.carrier_service_id, updated_at = now()`);
}

type ShipmentFact = Parameters<typeof recordShipmentFact>[1];

export async function recordShipmentFacts(tx: Database, list: readonly ShipmentFact[]) {
  if (list.length === 0) return;
  const col = <T,>(f: (p: ShipmentFact) => T) => sql.param(list.map(f));
  await tx.execute(sql`
    update ${sfpOrderFacts} f set carrier = x.carrier, carrier_service_id = x.carrier_service_id, ship_method = x.ship_method, tracking_id = x.tracking_id,
      label_source = x.label_source::label_source, special_operating_plan = x.special_operating_plan, claims_protected = x.claims_protected, updated_at = now()
    from unnest(${col((p) => p.orderId)}::uuid[], ${col((p) => p.sellerId)}::uuid[], ${col((p) => p.carrier)}::text[], ${col((p) => p.carrierServiceId)}::text[],
      ${col((p) => p.shipMethod)}::text[], ${col((p) => p.trackingId)}::text[], ${col((p) => p.labelSource)}::text[], ${col((p) => p.specialOperatingPlan)}::boolean[],
      ${col((p) => p.claimsProtected)}::boolean[])
      as x(order_id, seller_id, carrier, carrier_service_id, ship_method, tracking_id, label_source, special_operating_plan, claims_protected)
    where f.order_id = x.order_id and f.seller_id = x.seller_id`);
}

type ScanFact = Parameters<typeof recordScanFact>[1];

// Keeps the earliest scan and clock-stop, like recordScanFact (least() ignores a missing one).
export async function recordScanFacts(tx: Database, list: readonly ScanFact[]) {
  if (list.length === 0) return;
  await tx.execute(sql`
    update ${sfpOrderFacts} f set first_scan_at = least(f.first_scan_at, x.first_scan_at), clock_stop_at = least(f.clock_stop_at, x.clock_stop_at), updated_at = now()
    from unnest(${sql.param(list.map((p) => p.orderId))}::uuid[], ${sql.param(list.map((p) => p.sellerId))}::uuid[],
      ${sql.param(list.map((p) => iso(p.firstScanAt)))}::timestamptz[], ${sql.param(list.map((p) => iso(p.clockStopAt)))}::timestamptz[])
      as x(order_id, seller_id, first_scan_at, clock_stop_at)
    where f.order_id = x.order_id and f.seller_id = x.seller_id`);
}
