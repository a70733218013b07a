import 'server-only';
import type { CarrierService } from '@/lib/shipping/carriers';
import { getOrderPromise, getOrderPromises, type OrderPromise } from '@/lib/shipping/promise';
import type { HandlingDay } from '@/lib/shipping/rules';
import { defaultHandling, getShippingSettings } from '@/lib/shipping/settings';

// What Buy Shipping needs from lib/shipping (the order's promise, the ship-from, the seller's handling days per
// carrier, the carrier services), gathered in one place and read only through lib/shipping's exported functions.

export type PromiseRead = {
  expectedShipDate: string;
  latestShipAt: Date;
  promisedDeliveryDate: string;
  promisedDeliveryBy: Date;
  level: 'one_day' | 'two_day' | 'standard';
  carrierServiceId: string | null;
  shipFromId: string | null;
  isPrime: boolean;
};
export type ShipFrom = { id: string; name: string; line1: string; line2: string | null; city: string; state: string; zip: string; timeZone: string };

const toRead = (p: OrderPromise): PromiseRead => ({
  expectedShipDate: p.expectedShipDate,
  latestShipAt: p.latestShipAt,
  promisedDeliveryDate: p.promisedDeliveryDate,
  promisedDeliveryBy: p.promisedDeliveryBy,
  level: p.level,
  carrierServiceId: p.carrierServiceId,
  shipFromId: p.shipFromId,
  isPrime: p.isPrime,
});

// The seller's promises for these orders. The CALLER has limited orderIds to orders the seller owns a line of.
export async function getPromisesForSeller(sellerId: string, orderIds: string[]): Promise<Map<string, PromiseRead>> {
  const out = new Map<string, PromiseRead>();
  for (const p of await getOrderPromises(orderIds)) if (p.sellerId === sellerId) out.set(p.orderId, toRead(p));
  return out;
}

// The promise of an order, for the person the parcel goes to (the CALLER has established who is asking). With several
// sellers in one order, the latest promised date is the one the buyer can count on.
export async function getPromiseForRecipient(orderId: string): Promise<PromiseRead | null> {
  const all = await getOrderPromises([orderId]);
  if (all.length === 0) return null;
  return toRead(all.reduce((a, b) => (b.promisedDeliveryDate > a.promisedDeliveryDate ? b : a)));
}

export type ShippingInputs = { promise: PromiseRead | null; shipFrom: ShipFrom | null; handlingByCarrier: Map<string, HandlingDay[]>; services: CarrierService[] };

// The CALLER has checked the seller owns a line of this order.
export async function loadShippingInputs(sellerId: string, orderId: string): Promise<ShippingInputs> {
  const [promiseRow, settings] = await Promise.all([getOrderPromise(orderId, sellerId), getShippingSettings(sellerId)]);
  const promise = promiseRow ? toRead(promiseRow) : null;
  const loc = settings.locations.find((l) => l.id === promise?.shipFromId) ?? settings.locations.find((l) => l.isDefault) ?? settings.locations[0] ?? null;
  const handlingByCarrier = new Map<string, HandlingDay[]>((loc?.handling ?? []).map((h) => [h.carrier, h.days]));
  // A carrier the seller has not set up yet gets lib/shipping's default handling for the location.
  if (loc) for (const s of settings.services) if (!handlingByCarrier.has(s.carrier)) handlingByCarrier.set(s.carrier, defaultHandling(loc));
  const shipFrom = loc ? { id: loc.id, name: loc.name, line1: loc.line1, line2: loc.line2, city: loc.city, state: loc.state, zip: loc.zip, timeZone: loc.timeZone } : null;
  return { promise, shipFrom, handlingByCarrier, services: settings.services };
}
