import { boolean, index, integer, jsonb, numeric, pgEnum, pgTable, smallint, text, time, timestamp, uniqueIndex, uuid, date } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { sellers, sizeClass } from './catalog';

// Seller Fulfilled Prime: carriers, templates, cut-offs, daily evaluations, plans of action.

export const carrierServices = pgTable('carrier_services', {
  id: text().primaryKey(), // e.g. 'ups-ground'
  carrier: text().notNull(),
  name: text().notNull(),
  transitDays: smallint().notNull(),
  // Weekend capabilities (SPEC S17): 'yes' | 'limited' | 'no'.
  saturdayPickup: text().notNull(),
  saturdayDelivery: text().notNull(),
  sundayPickup: text().notNull(),
  sundayDelivery: text().notNull(),
  // Services under special operating plans are not sold through Buy Shipping and are exempt from its requirement.
  specialOperatingPlan: boolean().notNull().default(false),
});

export const sellerCarrierServices = pgTable(
  'seller_carrier_services',
  {
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    carrierServiceId: text()
      .notNull()
      .references(() => carrierServices.id),
    // Delivery-zone limit (1..8) used by shipping region automation (S20).
    maxZone: smallint().notNull().default(8),
    enabled: boolean().notNull().default(true),
  },
  (t) => [uniqueIndex('seller_carrier_services_key').on(t.sellerId, t.carrierServiceId)],
);

export const shippingTemplates = pgTable(
  'shipping_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    name: text().notNull(),
    sizeClass: sizeClass().notNull().default('standard'),
    automated: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('shipping_templates_seller_idx').on(t.sellerId)],
);

export const shippingTemplateRegions = pgTable(
  'shipping_template_regions',
  {
    templateId: uuid()
      .notNull()
      .references(() => shippingTemplates.id, { onDelete: 'cascade' }),
    state: text().notNull(), // two-letter state or 'DC'
    transitDays: smallint().notNull(),
    prime: boolean().notNull().default(false),
    freeShipping: boolean().notNull().default(true),
  },
  (t) => [uniqueIndex('shipping_template_regions_key').on(t.templateId, t.state)],
);

// S7: per carrier and weekday, the order cut-off and last pickup, in the seller's time zone.
export const orderHandlingCutoffs = pgTable(
  'order_handling_cutoffs',
  {
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    carrier: text().notNull(),
    weekday: smallint().notNull(), // 0 = Sunday .. 6 = Saturday
    operating: boolean().notNull().default(true),
    orderCutoff: time(),
    lastPickup: time(),
  },
  (t) => [uniqueIndex('order_handling_cutoffs_key').on(t.sellerId, t.carrier, t.weekday)],
);

export const primeEvaluationOutcome = pgEnum('prime_evaluation_outcome', ['meets', 'fails']);

// One row per seller per day: the metrics the daily evaluation computed and what it decided.
export const primeEvaluations = pgTable(
  'prime_evaluations',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    evaluatedOn: date().notNull(),
    windowDays: smallint().notNull(),
    onTimeDeliveryRate: numeric({ precision: 6, scale: 4 }),
    validTrackingRate: numeric({ precision: 6, scale: 4 }),
    cancellationRate: numeric({ precision: 6, scale: 4 }),
    buyShippingRate: numeric({ precision: 6, scale: 4 }),
    oneDayCoverage: numeric({ precision: 6, scale: 4 }),
    twoDayCoverage: numeric({ precision: 6, scale: 4 }),
    failures: jsonb().$type<string[]>().notNull().default([]),
    outcome: primeEvaluationOutcome().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('prime_evaluations_seller_day_key').on(t.sellerId, t.evaluatedOn)],
);

export const planOfActionStatus = pgEnum('plan_of_action_status', ['submitted', 'approved', 'rejected']);

export const plansOfAction = pgTable(
  'plans_of_action',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    problem: text().notNull(),
    rootCause: text().notNull(),
    preventiveSteps: text().notNull(),
    status: planOfActionStatus().notNull().default('submitted'),
    reviewerId: uuid().references(() => users.id),
    reviewNote: text(),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp({ withTimezone: true }),
    rejectedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('plans_of_action_status_idx').on(t.status, t.submittedAt)],
);

export const buyShippingLabels = pgTable('buy_shipping_labels', {
  id: uuid().primaryKey().defaultRandom(),
  sellerId: uuid()
    .notNull()
    .references(() => sellers.id),
  orderId: uuid().notNull(),
  carrierServiceId: text()
    .notNull()
    .references(() => carrierServices.id),
  costCents: integer().notNull(),
  trackingNumber: text().notNull(),
  purchasedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
