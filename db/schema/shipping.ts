import { sql } from 'drizzle-orm';
import { boolean, char, check, date, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, real, smallint, text, time, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { offers, sellers, sizeClass } from './catalog';

// Shipping (lib/shipping owns these): carriers and services as data, seller ship-from locations and order handling
// (S7 cut-offs), enabled services with zone limits, Prime templates with their regions and precomputed ZIP3 promises
// (the product page's lookup), offers' shipping profiles, and the promise recorded on each order.

// S17: what a carrier does on a weekend day, per service.
export const weekendCapability = pgEnum('weekend_capability', ['yes', 'limited', 'no']);
export const promiseLevel = pgEnum('promise_level', ['one_day', 'two_day', 'standard']);
export const regionKind = pgEnum('region_kind', ['state', 'zip3']);

export const carrierServices = pgTable('carrier_services', {
  id: text().primaryKey(), // e.g. 'ups-ground'
  carrier: text().notNull(), // 'UPS' | 'FedEx' | 'USPS' | ...
  name: text().notNull(),
  // Transit in the carrier's delivery days for zones 1..8 (index 0 = zone 1).
  transitDays: smallint().array().notNull(),
  // Weekdays the service delivers (0 = Sunday .. 6 = Saturday).
  deliveryWeekdays: smallint().array().notNull(),
  saturdayPickup: weekendCapability().notNull(),
  saturdayDropOff: weekendCapability().notNull(),
  sundayPickup: weekendCapability().notNull(),
  sundayDropOff: weekendCapability().notNull(),
  // Services under special operating plans are not sold through Buy Shipping and are exempt from its requirement.
  specialOperatingPlan: boolean().notNull().default(false),
  // Quote parameters (cents): base + per zone above 1 + per pound above the first.
  rateBaseCents: integer().notNull(),
  ratePerZoneCents: integer().notNull(),
  ratePerLbCents: integer().notNull(),
  maxWeightLb: smallint().notNull().default(150),
  sortOrder: smallint().notNull().default(0),
});

// Where a seller ships from. Its IANA zone is where cut-offs and operating days are read.
export const shipFromLocations = pgTable(
  'ship_from_locations',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    name: text().notNull(),
    line1: text().notNull(),
    line2: text(),
    city: text().notNull(),
    state: char({ length: 2 }).notNull(),
    zip: text().notNull(),
    zip3: char({ length: 3 }).notNull(),
    timeZone: text().notNull(),
    // Operating days: Monday-Friday always, plus Saturday and/or Sunday.
    saturdayOperations: boolean().notNull().default(false),
    sundayOperations: boolean().notNull().default(false),
    isDefault: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ship_from_locations_seller_idx').on(t.sellerId, t.createdAt)],
);

// S7: per ship-from, carrier and weekday, whether the seller hands parcels to that carrier, the order cut-off and the
// last pickup. Local wall-clock times with the location's zone, so a DST change never moves them.
export const orderHandlingCutoffs = pgTable(
  'order_handling_cutoffs',
  {
    shipFromId: uuid()
      .notNull()
      .references(() => shipFromLocations.id, { onDelete: 'cascade' }),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    carrier: text().notNull(),
    weekday: smallint().notNull(), // 0 = Sunday .. 6 = Saturday
    operating: boolean().notNull().default(true),
    orderCutoff: time().notNull(),
    lastPickup: time().notNull(),
  },
  (t) => [primaryKey({ columns: [t.shipFromId, t.carrier, t.weekday] }), index('order_handling_cutoffs_seller_idx').on(t.sellerId), check('order_handling_cutoffs_weekday', sql`${t.weekday} BETWEEN 0 AND 6`)],
);

export const sellerCarrierServices = pgTable(
  'seller_carrier_services',
  {
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    carrierServiceId: text()
      .notNull()
      .references(() => carrierServices.id),
    enabled: boolean().notNull().default(true),
    // Delivery-zone limit (1..8) for shipping region automation (S20).
    maxZone: smallint().notNull().default(8),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.carrierServiceId] }), check('seller_carrier_services_zone', sql`${t.maxZone} BETWEEN 1 AND 8`)],
);

export const shippingTemplates = pgTable(
  'shipping_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    name: text().notNull(),
    sizeTier: sizeClass().notNull().default('standard'),
    shipFromId: uuid()
      .notNull()
      .references(() => shipFromLocations.id),
    // Regions computed from the enabled services and zone limits (S20) instead of chosen by hand.
    automated: boolean().notNull().default(false),
    // The template offers of this size tier use unless they name another.
    isDefault: boolean().notNull().default(false),
    // Coverage, recomputed whenever the regions change (population-weighted shares of US destinations).
    oneDayShare: doublePrecision().notNull().default(0),
    twoDayShare: doublePrecision().notNull().default(0),
    nationwide: boolean().notNull().default(false),
    missingStates: text().array().notNull().default(sql`'{}'::text[]`),
    coverageComputedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('shipping_templates_seller_idx').on(t.sellerId, t.sizeTier, t.createdAt)],
);

// Per seller, what the daily SFP evaluation needs of the handling week and services, kept so it reads one row per seller
// instead of every handling row: the weekdays some location hands parcels to the carrier of an enabled service (a bit
// mask, 0 = Sunday), the earliest weekday and weekend cut-offs and the earliest pickup of those days, whether a pickup
// is before its cut-off, and the enabled services. Raw facts, no policy: the thresholds are applied when read. Written
// by lib/shipping (operations.ts) in the transaction that changes a location, a handling week or a service.
export const sellerOperations = pgTable('seller_operations', {
  sellerId: uuid()
    .primaryKey()
    .references(() => sellers.id),
  operatingDays: smallint().notNull(),
  weekdayCutoffMin: time(),
  weekendCutoffMin: time(),
  pickupMin: time(),
  pickupBeforeCutoff: boolean().notNull(),
  enabledServices: text().array().notNull(),
  computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

// A seller's combined coverage when it has several standard-size templates (the union of their promises, per ZIP3 the
// best), kept so the daily SFP evaluation reads one row instead of combining every ZIP3 promise each day. Written by
// lib/shipping (operations.ts) when a template is recomputed; `templatesKey` names the template versions it was computed
// from, so a row that no longer matches the seller's templates is recomputed instead of read.
export const sellerCombinedCoverage = pgTable('seller_combined_coverage', {
  sellerId: uuid()
    .primaryKey()
    .references(() => sellers.id),
  templatesKey: text().notNull(),
  oneDayShare: doublePrecision().notNull(),
  twoDayShare: doublePrecision().notNull(),
  missingStates: text().array().notNull(),
  computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

// A manual template's regions: a promise per state or per ZIP3 (a ZIP3 entry overrides its state's).
export const shippingTemplateRegions = pgTable(
  'shipping_template_regions',
  {
    templateId: uuid()
      .notNull()
      .references(() => shippingTemplates.id, { onDelete: 'cascade' }),
    kind: regionKind().notNull(),
    code: text().notNull(), // 'CA' or '941'
    level: promiseLevel().notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.kind, t.code] })],
);

// The product page's lookup: per template and destination ZIP3, the promise level, the planned service and its transit.
export const templateZip3Promises = pgTable(
  'template_zip3_promises',
  {
    templateId: uuid()
      .notNull()
      .references(() => shippingTemplates.id, { onDelete: 'cascade' }),
    zip3: char({ length: 3 }).notNull(),
    level: promiseLevel().notNull(),
    carrierServiceId: text()
      .notNull()
      .references(() => carrierServices.id),
    zone: smallint().notNull(),
    transitDays: smallint().notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.zip3] })],
);

// An offer's parcel dimensions and the template it ships under. The size tier they give (with the weight) is stored
// once, on the catalog's offer (offers.size_class, offers.weight_oz), which the promise and Buy Shipping read.
export const offerShippingProfiles = pgTable(
  'offer_shipping_profiles',
  {
    offerId: uuid()
      .primaryKey()
      .references(() => offers.id),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    lengthIn: real().notNull(),
    widthIn: real().notNull(),
    heightIn: real().notNull(),
    templateId: uuid().references(() => shippingTemplates.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('offer_shipping_profiles_seller_idx').on(t.sellerId), index('offer_shipping_profiles_template_idx').on(t.templateId)],
);

// The delivery promise each order was made with, per seller of the order.
export const orderPromises = pgTable(
  'order_promises',
  {
    orderId: uuid().notNull(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    shipFromId: uuid().references(() => shipFromLocations.id),
    level: promiseLevel().notNull(),
    carrierServiceId: text().references(() => carrierServices.id),
    zone: smallint().notNull(),
    destinationZip3: char({ length: 3 }).notNull(),
    // The latest ship date (a day in the seller's zone) and the instant it ends.
    expectedShipDate: date().notNull(),
    latestShipAt: timestamp({ withTimezone: true }).notNull(),
    // The promised delivery date (the destination's day) and the instant it ends.
    promisedDeliveryDate: date().notNull(),
    promisedDeliveryBy: timestamp({ withTimezone: true }).notNull(),
    isPrime: boolean().notNull(),
    orderedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.sellerId] }), index('order_promises_seller_ship_idx').on(t.sellerId, t.expectedShipDate)],
);
