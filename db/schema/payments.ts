import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orders } from './orders';

// Our record of a card payment for an order. Only lib/payments writes these rows.
export const paymentStatus = pgEnum('payment_status', ['authorized', 'captured', 'voided', 'lapsed', 'refunded']);
export const paymentOperationKind = pgEnum('payment_operation_kind', ['authorize', 'capture', 'void', 'refund']);
export const paymentOperationOutcome = pgEnum('payment_operation_outcome', ['succeeded', 'declined', 'failed', 'timed_out']);

export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .unique()
      .references(() => orders.id),
    processorAuthorizationId: text().notNull().unique(),
    status: paymentStatus().notNull(),
    currency: text().notNull().default('USD'),
    authorizedCents: integer().notNull(),
    capturedCents: integer().notNull().default(0),
    refundedCents: integer().notNull().default(0),
    cardBrand: text().notNull(),
    cardLast4: text().notNull(),
    holdExpiresAt: timestamp({ withTimezone: true }).notNull(),
    authorizedAt: timestamp({ withTimezone: true }).notNull(),
    capturedAt: timestamp({ withTimezone: true }),
    voidedAt: timestamp({ withTimezone: true }),
    lapsedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // No index reads status: lookups by order go through the unique order_id index (one payment per order), and a
    // status change (void, capture, refund) stays a HOT update, with no new entry in any index.
    check('payments_captured_within_hold', sql`${t.capturedCents} BETWEEN 0 AND ${t.authorizedCents}`),
    check('payments_refunded_within_capture', sql`${t.refundedCents} BETWEEN 0 AND ${t.capturedCents}`),
  ],
);

// Every call made to the processor, with its idempotency key and what came back.
export const paymentOperations = pgTable(
  'payment_operations',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    paymentId: uuid().references(() => payments.id),
    kind: paymentOperationKind().notNull(),
    idempotencyKey: text().notNull(),
    amountCents: integer(),
    outcome: paymentOperationOutcome().notNull(),
    errorCode: text(),
    processorAuthorizationId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payment_operations_payment_idx').on(t.paymentId),
    // Only authorize attempts are looked up by key (recordAuthorizedPayment links them to their payment); the
    // other kinds are found by payment, so a batch of voids writes no entries here.
    index('payment_operations_key_idx').on(t.idempotencyKey).where(sql`kind = 'authorize'`),
    index('payment_operations_authorization_idx').on(t.processorAuthorizationId),
    // The orphaned-hold sweep looks only at approvals no payment row took up.
    index('payment_operations_unlinked_authorize_idx').on(t.createdAt).where(sql`kind = 'authorize' and outcome = 'succeeded' and payment_id is null`),
  ],
);

// --- The sandbox processor's own books. It stands in for the card network: nothing but lib/payments/sandbox reads them.
export const sandboxAuthorizationStatus = pgEnum('sandbox_authorization_status', ['held', 'captured', 'voided']);

export const sandboxAuthorizations = pgTable(
  'processor_sandbox_authorizations',
  {
    id: text().primaryKey(),
    status: sandboxAuthorizationStatus().notNull(),
    amountCents: integer().notNull(),
    capturedCents: integer().notNull().default(0),
    refundedCents: integer().notNull().default(0),
    currency: text().notNull(),
    cardLast4: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    capturedAt: timestamp({ withTimezone: true }),
    voidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('sandbox_capture_within_hold', sql`${t.capturedCents} BETWEEN 0 AND ${t.amountCents}`),
    check('sandbox_refund_within_capture', sql`${t.refundedCents} BETWEEN 0 AND ${t.capturedCents}`),
  ],
);

// Idempotency: the first response to a key is replayed for every retry with that key.
export const sandboxRequests = pgTable(
  'processor_sandbox_requests',
  {
    idempotencyKey: text().primaryKey(),
    operation: text().notNull(),
    requestFingerprint: text().notNull(),
    response: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
);

// Faults a test arms to make the next calls of one kind time out (before or after the network acted).
export const sandboxFaults = pgTable(
  'processor_sandbox_faults',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    operation: text().notNull(),
    authorizationId: text(),
    mode: text().notNull(),
    remaining: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('processor_sandbox_faults_key').on(t.operation, t.authorizationId, t.mode)],
);
