import 'server-only';
import { getDb } from '@/db';
import { localDateOf } from '@/lib/calendar';
import { getDestinationForFulfilment, getDestinationsForFulfilment } from '@/lib/fulfilment/destination';
import { getSellerOrder, listSellerOrders, type SellerOrder } from '@/lib/orders/queries';
import { listCarrierServices } from '@/lib/shipping/services';
import { eventsFor, listSellerShipmentsForOrder, liveShipmentsForOrders } from './queries';
import { shipByUrgency, type ShipByUrgency, type ShipmentStatus } from './rules';
import { getPromisesForSeller, type PromiseRead } from './shipping-inputs';

// The seller's orders page: composed from the orders domain (which orders, whose lines), lib/shipping (the promise:
// ship-by and deliver-by), lib/fulfilment (where to) and this domain (the shipment), each through its own functions.

export const ORDER_VIEWS = ['to_ship', 'shipped', 'delivered', 'all'] as const;
export type OrderView = (typeof ORDER_VIEWS)[number];
export const orderViewLabel: Record<OrderView, string> = { to_ship: 'To ship', shipped: 'Shipped', delivered: 'Delivered', all: 'All orders' };

const statusesOf: Record<OrderView, SellerOrder['status'][]> = {
  to_ship: ['placed'],
  shipped: ['shipped'],
  delivered: ['delivered'],
  all: ['placed', 'shipped', 'delivered', 'cancelled'],
};

export type SellerOrderRow = SellerOrder & {
  promise: PromiseRead | null;
  urgency: ShipByUrgency | null;
  shipTo: { city: string; state: string } | null;
  shipment: { id: string; status: ShipmentStatus; carrierId: string; serviceName: string; trackingId: string; source: 'buy_shipping' | 'external' } | null;
};

export function encodeCursor(r: { placedAt: Date; orderId: string }) {
  return Buffer.from(`${r.placedAt.toISOString()}|${r.orderId}`).toString('base64url');
}
export function decodeCursor(c: string | undefined): { placedAt: Date; orderId: string } | undefined {
  if (!c) return undefined;
  const [iso, id] = Buffer.from(c, 'base64url').toString().split('|');
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(id ?? '')) return undefined;
  return { placedAt: at, orderId: id };
}

// A keyset page: orders to ship oldest first (the most urgent on top), the other views newest first.
export async function listOrdersForSeller(
  seller: { id: string; timeZone: string },
  opts: { view: OrderView; from?: string; to?: string; cursor?: string; pageSize?: number; now?: Date },
): Promise<{ rows: SellerOrderRow[]; next: string | null; today: string }> {
  const pageSize = opts.pageSize ?? 20;
  const day = (d: string | undefined, end: boolean) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00Z`).getTime() + (end ? 86_400_000 : 0) : undefined);
  const from = day(opts.from, false);
  const to = day(opts.to, true);
  const page = await listSellerOrders(seller.id, {
    statuses: statusesOf[opts.view],
    placedFrom: from !== undefined ? new Date(from) : undefined,
    placedBefore: to !== undefined ? new Date(to) : undefined,
    after: decodeCursor(opts.cursor),
    direction: opts.view === 'to_ship' ? 'asc' : 'desc',
    limit: pageSize + 1,
  });
  const more = page.length > pageSize;
  const orders = page.slice(0, pageSize);
  const ids = orders.map((o) => o.orderId);
  // Every order here has a line of this seller (listSellerOrders' WHERE): lib/fulfilment's contract.
  const [promises, shipments, places] = await Promise.all([getPromisesForSeller(seller.id, ids), liveShipmentsForOrders(seller.id, ids), getDestinationsForFulfilment(ids)]);
  const today = localDateOf(opts.now ?? new Date(), seller.timeZone);
  const rows = orders.map((o) => {
    const promise = promises.get(o.orderId) ?? null;
    const s = shipments.get(o.orderId);
    const place = places.get(o.orderId);
    return {
      ...o,
      promise,
      urgency: promise && o.status === 'placed' ? shipByUrgency(promise.expectedShipDate, today) : null,
      shipTo: place ? { city: place.city, state: place.state } : null,
      shipment: s ? { id: s.id, status: s.status, carrierId: s.carrierId, serviceName: s.serviceName, trackingId: s.trackingId, source: s.source } : null,
    };
  });
  return { rows, next: more ? encodeCursor(orders[orders.length - 1]) : null, today };
}

// One order on the seller's Buy Shipping page: the order, where it goes, its promise, its shipments (voided ones too)
// with the live one's tracking events, and the carrier services for "Ship without Buy Shipping".
export async function getSellerOrderDetail(sellerId: string, orderId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(orderId)) return null;
  const order = await getSellerOrder(sellerId, orderId);
  if (!order) return null;
  const db = await getDb();
  // The seller owns a line of this order (checked above): lib/fulfilment's contract.
  const [destination, promises, shipments, services] = await Promise.all([
    getDestinationForFulfilment(orderId),
    getPromisesForSeller(sellerId, [orderId]),
    listSellerShipmentsForOrder(sellerId, orderId),
    listCarrierServices(db),
  ]);
  const live = shipments.find((s) => !s.voidedAt) ?? null;
  const events = live ? ((await eventsFor([live])).get(`${live.carrierId}:${live.trackingId}`) ?? []) : [];
  return { order, destination, promise: promises.get(orderId) ?? null, live, events, voided: shipments.filter((s) => s.voidedAt), services };
}
