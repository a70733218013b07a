import 'server-only';
import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { shipments, trackingEvents } from '@/db/schema';
import { getDestinationForRecipient } from '@/lib/fulfilment/destination';
import type { EventCode, ShipmentStatus } from './rules';
import { getPromiseForRecipient } from './shipping-inputs';

// Reads of the shipments domain. Each says whose question it answers; callers authorize before asking.

export type Shipment = typeof shipments.$inferSelect;
export type TrackingEvent = {
  eventId: string;
  eventCode: EventCode;
  eventTime: Date;
  city: string | null;
  stateOrRegion: string | null;
  postalCode: string | null;
  countryCode: string | null;
  message: string | null;
};

export type ParcelTracking = {
  shipmentId: string;
  carrierId: string;
  serviceName: string;
  trackingId: string;
  status: ShipmentStatus;
  statusAt: Date | null;
  // The carrier's first physical scan of the parcel (null: a label, not yet in the carrier's hands).
  firstScanAt: Date | null;
  shippedAt: Date;
  deliveredAt: Date | null;
  deliveryWindowEnd: Date | null;
  events: TrackingEvent[];
};

const eventColumns = {
  carrierId: trackingEvents.carrierId,
  trackingId: trackingEvents.trackingId,
  eventId: trackingEvents.eventId,
  eventCode: trackingEvents.eventCode,
  eventTime: trackingEvents.eventTime,
  city: trackingEvents.city,
  stateOrRegion: trackingEvents.stateOrRegion,
  postalCode: trackingEvents.postalCode,
  countryCode: trackingEvents.countryCode,
  message: trackingEvents.message,
};

// Events of several parcels at once, newest first per parcel, keyed `${carrier}:${tracking}`.
export async function eventsFor(keys: { carrierId: string; trackingId: string }[], db?: Database): Promise<Map<string, TrackingEvent[]>> {
  const out = new Map<string, TrackingEvent[]>();
  if (keys.length === 0) return out;
  const d = db ?? (await getDb());
  const rows = await d
    .select(eventColumns)
    .from(trackingEvents)
    .where(or(...keys.map((k) => and(eq(trackingEvents.carrierId, k.carrierId), eq(trackingEvents.trackingId, k.trackingId)))))
    .orderBy(desc(trackingEvents.eventTime), desc(trackingEvents.id));
  for (const { carrierId, trackingId, ...e } of rows) {
    const k = `${carrierId}:${trackingId}`;
    (out.get(k) ?? out.set(k, []).get(k)!).push(e);
  }
  return out;
}

// The parcels of an order and their tracking, for the person the parcel goes to (the buyer of their own order, or
// the recipient of an accepted gift). The CALLER has already established that the viewer is that person; never call
// it for a gift's giver (G7: nothing of the shipping progress reaches the giver). No addresses are returned.
export async function getOrderTrackingForRecipient(orderId: string): Promise<ParcelTracking[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), isNull(shipments.voidedAt)))
    .orderBy(asc(shipments.createdAt));
  const events = await eventsFor(rows, db);
  return rows.map((s) => ({
    shipmentId: s.id,
    carrierId: s.carrierId,
    serviceName: s.serviceName,
    trackingId: s.trackingId,
    status: s.status,
    statusAt: s.statusAt,
    firstScanAt: s.firstScanAt,
    shippedAt: s.createdAt,
    deliveredAt: s.deliveredAt,
    deliveryWindowEnd: s.deliveryWindowEnd,
    events: events.get(`${s.carrierId}:${s.trackingId}`) ?? [],
  }));
}

// The seller's shipments of one order (voided labels included, newest first). Ownership in the WHERE.
export async function listSellerShipmentsForOrder(sellerId: string, orderId: string): Promise<Shipment[]> {
  const db = await getDb();
  return db
    .select()
    .from(shipments)
    .where(and(eq(shipments.sellerId, sellerId), eq(shipments.orderId, orderId)))
    .orderBy(desc(shipments.createdAt));
}

// The live (not voided) shipment of each of the seller's orders, for lists. Ownership in the WHERE.
export async function liveShipmentsForOrders(sellerId: string, orderIds: string[]): Promise<Map<string, Shipment>> {
  const out = new Map<string, Shipment>();
  if (orderIds.length === 0) return out;
  const db = await getDb();
  const rows = await db
    .select()
    .from(shipments)
    .where(and(eq(shipments.sellerId, sellerId), inArray(shipments.orderId, [...new Set(orderIds)]), isNull(shipments.voidedAt)));
  for (const r of rows) out.set(r.orderId, r);
  return out;
}

export async function getSellerShipment(sellerId: string, shipmentId: string): Promise<Shipment | null> {
  const db = await getDb();
  const [s] = await db
    .select()
    .from(shipments)
    .where(and(eq(shipments.id, shipmentId), eq(shipments.sellerId, sellerId)))
    .limit(1);
  return s ?? null;
}

// For the seller's tracking API: a parcel of theirs by tracking number (and carrier when given).
export async function findSellerShipmentByTracking(sellerId: string, trackingId: string, carrierId?: string): Promise<Shipment | null> {
  const db = await getDb();
  const [s] = await db
    .select()
    .from(shipments)
    .where(and(eq(shipments.sellerId, sellerId), eq(shipments.trackingId, trackingId), carrierId ? eq(shipments.carrierId, carrierId) : undefined))
    .orderBy(desc(shipments.createdAt))
    .limit(1);
  return s ?? null;
}

// The tracking view of the person the parcel goes to: the buyer of their own order, the recipient of an accepted
// gift. Anyone else (a gift's giver included) gets null: the check is lib/fulfilment's destination keyed to that
// person, so a giver can never reach it, whatever page calls this.
export async function getTrackingForParcelRecipient(userId: string, orderId: string) {
  const destination = await getDestinationForRecipient(userId, orderId);
  if (!destination) return null;
  const [parcels, promise] = await Promise.all([getOrderTrackingForRecipient(orderId), getPromiseForRecipient(orderId)]);
  return { parcels, promise: promise ? { promisedDeliveryDate: promise.promisedDeliveryDate, expectedShipDate: promise.expectedShipDate } : null, destinationZip: destination.zip };
}
