import 'server-only';
import { getSellerAccountForUser, listOffersOfSeller } from '@/lib/catalog/seller-portal';
import { getDestinationsForFulfilment } from '@/lib/fulfilment/destination';
import { listSellerOrders } from '@/lib/orders/queries';
import type { Metric } from './rules';

// The seller portal's reads, through the owning domains' functions (the catalog's sellers and offers, the orders
// domain's seller orders, fulfilment's destinations): lib/prime reads no other domain's tables.

export const getSellerForUser = getSellerAccountForUser;

export const listSellerOffers = (sellerId: string) => listOffersOfSeller(sellerId, 50);

// Orders the seller must ship (charged, not yet shipped), newest first: one row per line of this seller's, with the
// city and state it goes to.
export async function listOrdersToShip(sellerId: string) {
  const orders = await listSellerOrders(sellerId, { statuses: ['placed'], direction: 'desc', limit: 50 });
  const rows = orders.flatMap((o) => o.lines.map((l) => ({ orderId: o.orderId, title: l.title, quantity: l.quantity, placedAt: o.placedAt })));
  // Every order here has a line of this seller (listSellerOrders' contract): the fulfilment domain's condition.
  const places = await getDestinationsForFulfilment(orders.map((o) => o.orderId));
  return rows.map((r) => ({ ...r, city: places.get(r.orderId)?.city ?? null, state: places.get(r.orderId)?.state ?? null }));
}

export const failingMetricsOfRow = (e: { failing: Metric[] }) => e.failing;
