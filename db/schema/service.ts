import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { sellers } from './catalog';
import { orders } from './orders';

// Post-sale: returns (authorized automatically within policy), refunds, SAFE-T claims, buyer-seller messages.

export const returnStatus = pgEnum('return_status', ['authorized', 'in_transit', 'received', 'refunded', 'closed']);
export const returnRequests = pgTable(
  'return_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    requestedBy: uuid()
      .notNull()
      .references(() => users.id),
    reason: text().notNull(),
    status: returnStatus().notNull().default('authorized'),
    outsideWindow: boolean().notNull().default(false),
    // A gift returned by its recipient is refunded as a gift card to the recipient.
    refundToGiftCard: boolean().notNull().default(false),
    authorizedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp({ withTimezone: true }),
    refundDueAt: timestamp({ withTimezone: true }),
    refundedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('return_requests_seller_idx').on(t.sellerId, t.status)],
);

export const refundIssuer = pgEnum('refund_issuer', ['seller', 'marketplace']);
export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    returnRequestId: uuid().references(() => returnRequests.id),
    issuer: refundIssuer().notNull(),
    issuedBy: uuid().references(() => users.id),
    amountCents: integer().notNull(),
    reason: text().notNull(),
    chargedToSeller: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refunds_order_idx').on(t.orderId), check('refunds_amount_positive', sql`${t.amountCents} > 0`)],
);

export const safetClaimStatus = pgEnum('safet_claim_status', [
  'needs_seller_response',
  'under_review',
  'granted',
  'denied',
  'appealed',
]);
export const safetClaims = pgTable(
  'safet_claims',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    refundId: uuid()
      .notNull()
      .references(() => refunds.id),
    reason: text().notNull(),
    amountCents: integer().notNull(),
    wantsReplacement: boolean().notNull().default(false),
    attested: boolean().notNull(),
    status: safetClaimStatus().notNull().default('under_review'),
    respondBy: timestamp({ withTimezone: true }),
    decidedAt: timestamp({ withTimezone: true }),
    appealBy: timestamp({ withTimezone: true }),
    appealedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('safet_claims_order_key').on(t.orderId),
    index('safet_claims_seller_status_idx').on(t.sellerId, t.status),
    check('safet_claims_amount_cap', sql`${t.amountCents} BETWEEN 1 AND 500000`),
  ],
);

export const messageThreads = pgTable(
  'buyer_seller_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    senderId: uuid()
      .notNull()
      .references(() => users.id),
    orderId: uuid().references(() => orders.id),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('buyer_seller_messages_seller_idx').on(t.sellerId, t.createdAt)],
);
