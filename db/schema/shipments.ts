import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { sellers } from './catalog';
import { orders } from './orders';

// Shipments, Buy Shipping quotes and labels, carrier tracking events, shipping API keys and the carrier simulator's
// queue. lib/shipments owns every table here; other domains read through its exported functions.

// Where a parcel stands, derived from its tracking events (lib/shipments/rules.ts deriveShipmentState). 'voided' is the
// label cancelled before the carrier ever scanned it.
export const shipmentStatus = pgEnum('shipment_status', [
  'label_created',
  'picked_up', // first physical carrier scan
  'in_transit',
  'out_for_delivery',
  'delivery_attempted',
  'delivered',
  'returned_to_sender',
  'lost',
  'voided',
]);
export const shipmentSource = pgEnum('shipment_source', ['buy_shipping', 'external']);

// Amazon Shipping API v2 tracking event codes.
export const trackingEventCode = pgEnum('tracking_event_code', [
  'ReadyForReceive',
  'PickupDone',
  'ArrivedAtCarrierFacility',
  'Departed',
  'OutForDelivery',
  'DeliveryAttempted',
  'Delivered',
  'AvailableForPickup',
  'Lost',
  'Rejected',
  'Undeliverable',
  'PickupCancelled',
  'ReturnInitiated',
]);

export type ShipAddressSnapshot = { name: string; line1: string; line2?: string | null; city: string; state: string; zip: string };

// A getRates answer: the request token is the quote's id. Purchases name it and one of its rates; past expiresAt the
// purchase is refused with TOKEN_EXPIRED (10 minutes, like Amazon's).
export const rateQuotes = pgTable(
  'rate_quotes',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    shipDate: text().notNull(), // YYYY-MM-DD, the seller's day
    weightOz: integer().notNull(),
    // The eligible rates as offered (rateId, service, charge, windows, benefits) and the ineligible ones with reasons.
    rates: jsonb().$type<unknown[]>().notNull(),
    ineligibleRates: jsonb().$type<unknown[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('rate_quotes_seller_order_idx').on(t.sellerId, t.orderId, t.createdAt), index('rate_quotes_expires_idx').on(t.expiresAt)],
);

export const shipments = pgTable(
  'shipments',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    source: shipmentSource().notNull(),
    status: shipmentStatus().notNull().default('label_created'),
    carrierId: text().notNull(), // 'UPS' | 'FEDEX' | 'USPS' | another carrier's name for external tracking
    carrierServiceId: text(), // lib/shipping's service id ('ups-ground'); null when recorded outside Buy Shipping without one
    serviceName: text().notNull(),
    trackingId: text().notNull(),
    // Buy Shipping only: the quote and rate bought, and the key that makes a repeated purchase return this row.
    quoteId: uuid().references(() => rateQuotes.id),
    rateId: text(),
    purchaseKey: text(),
    labelCostCents: integer(),
    currency: text().notNull().default('USD'),
    billedWeightOz: integer(),
    claimsProtected: boolean().notNull().default(false),
    specialOperatingPlan: boolean().notNull().default(false),
    shipDate: text(), // YYYY-MM-DD the label was bought for
    pickupWindowStart: timestamp({ withTimezone: true }),
    pickupWindowEnd: timestamp({ withTimezone: true }),
    deliveryWindowStart: timestamp({ withTimezone: true }),
    deliveryWindowEnd: timestamp({ withTimezone: true }),
    // The seller's own ship-from address as printed on the label (the recipient's is read from lib/fulfilment).
    shipFrom: jsonb().$type<ShipAddressSnapshot>(),
    // Derived from the events; kept on the row so lists and metrics need no aggregation.
    firstScanAt: timestamp({ withTimezone: true }),
    clockStopAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    statusAt: timestamp({ withTimezone: true }),
    createdByUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    voidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('shipments_order_idx').on(t.orderId),
    index('shipments_seller_created_idx').on(t.sellerId, t.createdAt, t.id),
    uniqueIndex('shipments_purchase_key').on(t.purchaseKey),
    uniqueIndex('shipments_carrier_tracking_key').on(t.carrierId, t.trackingId),
    // One live shipment per seller's part of an order: a second purchase (another rate, another tab) loses the race.
    uniqueIndex('shipments_one_live_per_order').on(t.orderId, t.sellerId).where(sql`voided_at is null`),
    check('shipments_label_cost_positive', sql`${t.labelCostCents} is null or ${t.labelCostCents} > 0`),
  ],
);

// Every carrier event, stored once: by the carrier's event id, and by (tracking, code, time) for a resend under a new id.
export const trackingEvents = pgTable(
  'tracking_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    carrierId: text().notNull(),
    trackingId: text().notNull(),
    eventId: text().notNull(),
    eventCode: trackingEventCode().notNull(),
    eventTime: timestamp({ withTimezone: true }).notNull(),
    city: text(),
    stateOrRegion: text(),
    postalCode: text(),
    countryCode: text(),
    message: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tracking_events_event_key').on(t.carrierId, t.eventId),
    uniqueIndex('tracking_events_natural_key').on(t.carrierId, t.trackingId, t.eventCode, t.eventTime),
    index('tracking_events_tracking_idx').on(t.carrierId, t.trackingId, t.eventTime),
  ],
);

// Keys for approved shipping software (Shipping API v2). Only the SHA-256 of the token is kept; the prefix is shown so a
// seller can tell keys apart.
export const shippingApiKeys = pgTable(
  'shipping_api_keys',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    name: text().notNull(),
    prefix: text().notNull(),
    tokenHash: text().notNull(),
    createdByUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('shipping_api_keys_token_hash_key').on(t.tokenHash), index('shipping_api_keys_seller_idx').on(t.sellerId, t.createdAt)],
);

// The carrier simulator's plan: one row per event it will post to the carrier webhook, due at a wall-clock time.
export const carrierSimulatorEvents = pgTable(
  'carrier_simulator_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    carrierId: text().notNull(),
    trackingId: text().notNull(),
    scenario: text().notNull(),
    event: jsonb().$type<Record<string, unknown>>().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [
    index('carrier_simulator_events_due_idx').on(t.dueAt).where(sql`sent_at is null`),
    uniqueIndex('carrier_simulator_events_event_key').on(t.carrierId, t.trackingId, sql`(event->>'eventId')`),
  ],
);
