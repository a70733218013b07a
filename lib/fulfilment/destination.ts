import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { orderDestinations } from '@/db/schema';
import type { AddressInput } from '@/lib/accounts/schemas';

// The fulfilment domain owns where an order's parcel goes. The record is keyed to the account it goes to (the buyer
// for their own order, the recipient for an accepted gift) and lives outside the order row, so nothing on the giver's
// side (their order pages, their order list, their emails) can select it by accident (G7). Every reader below says
// whose question it answers; there is deliberately no "by buyer" reader.

export type Destination = { orderId: string; recipientUserId: string; fullName: string; line1: string; line2: string | null; city: string; state: string; zip: string };

const columns = {
  orderId: orderDestinations.orderId,
  recipientUserId: orderDestinations.recipientUserId,
  fullName: orderDestinations.fullName,
  line1: orderDestinations.line1,
  line2: orderDestinations.line2,
  city: orderDestinations.city,
  state: orderDestinations.state,
  zip: orderDestinations.zip,
};

// Written once per order, in the caller's transaction: at checkout for the buyer's own order, at a gift's acceptance
// for its recipient. A retried write of the same order keeps the first record (an order's destination never moves).
export async function recordDestination(tx: Database, input: { orderId: string; recipientUserId: string; address: AddressInput }): Promise<void> {
  const a = input.address;
  await tx
    .insert(orderDestinations)
    .values({ orderId: input.orderId, recipientUserId: input.recipientUserId, fullName: a.fullName, line1: a.line1, line2: a.line2 ?? null, city: a.city, state: a.state, zip: a.zip })
    .onConflictDoNothing({ target: orderDestinations.orderId });
}

// Removes an order's destination when the order will never ship (a gift whose capture failed after the claim).
export async function forgetDestination(tx: Database, orderId: string): Promise<void> {
  await tx.delete(orderDestinations).where(eq(orderDestinations.orderId, orderId));
}

// For seller-side shipping, labels, returns and customer-service code ONLY, and only AFTER that code has checked that
// the signed-in seller owns a line of this order (or that staff are acting on it). This function does no
// authorization of its own: it answers "where does this parcel go", never "what may this person see".
// Never call it from a buyer- or giver-facing page, query or message.
export async function getDestinationForFulfilment(orderId: string): Promise<Destination | null> {
  const db = await getDb();
  const [d] = await db.select(columns).from(orderDestinations).where(eq(orderDestinations.orderId, orderId)).limit(1);
  return d ?? null;
}

// The account the parcel goes to (the buyer of an own order, the recipient of an accepted gift) reading its own
// destination. Anyone else, the giver included, gets null: ownership is in the WHERE.
export async function getDestinationForRecipient(userId: string, orderId: string): Promise<Destination | null> {
  const db = await getDb();
  const [d] = await db
    .select(columns)
    .from(orderDestinations)
    .where(and(eq(orderDestinations.orderId, orderId), eq(orderDestinations.recipientUserId, userId)))
    .limit(1);
  return d ?? null;
}

// Set-based: the destination ZIP of each order that has one (delivery promises and metrics need only the ZIP).
// Orders with no destination are absent from the map.
export async function getDestinationZips(orderIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (orderIds.length === 0) return out;
  const db = await getDb();
  const rows = await db
    .select({ orderId: orderDestinations.orderId, zip: orderDestinations.zip })
    .from(orderDestinations)
    .where(inArray(orderDestinations.orderId, [...new Set(orderIds)]));
  for (const r of rows) out.set(r.orderId, r.zip);
  return out;
}

// Set-based getDestinationForFulfilment for seller lists (orders to ship): same contract, the caller has ALREADY
// limited orderIds to orders the signed-in seller owns a line of. Orders with no destination are absent.
export async function getDestinationsForFulfilment(orderIds: string[]): Promise<Map<string, Destination>> {
  const out = new Map<string, Destination>();
  if (orderIds.length === 0) return out;
  const db = await getDb();
  const rows = await db.select(columns).from(orderDestinations).where(inArray(orderDestinations.orderId, [...new Set(orderIds)]));
  for (const r of rows) out.set(r.orderId, r);
  return out;
}

// The account an order's parcel goes to (the buyer of an own order, the recipient of an accepted gift), without the
// address: for the post-sale domains deciding who may return the item or is refunded. No authorization of its own.
export async function getParcelRecipientId(orderId: string): Promise<string | null> {
  const db = await getDb();
  const [d] = await db.select({ recipientUserId: orderDestinations.recipientUserId }).from(orderDestinations).where(eq(orderDestinations.orderId, orderId)).limit(1);
  return d?.recipientUserId ?? null;
}
