import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { sellers } from './catalog';
import { orders } from './orders';

// Post-sale (H7: lib/returns, lib/refunds, lib/customer-service, lib/messaging, lib/safet own these tables):
// returns (authorized automatically within policy), refunds, customer-service cases and their audit trail, notices to
// sellers, buyer-seller message threads, SAFE-T claims with their message thread and deadline reminders.
// What a return or refund is about (the item's title, its amount) is copied here when it is made, so these domains'
// lists never join another domain's tables.

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
    // The buyer of an own order, or the recipient of an accepted gift (never the giver).
    requestedBy: uuid()
      .notNull()
      .references(() => users.id),
    reason: text().notNull(),
    status: returnStatus().notNull().default('authorized'),
    // Authorized by customer service outside the return window (S14): the seller must accept it.
    outsideWindow: boolean().notNull().default(false),
    authorizedBy: uuid().references(() => users.id),
    // A gift returned by its recipient is refunded as a gift card to the recipient.
    refundToGiftCard: boolean().notNull().default(false),
    // The return authorization number printed on the label.
    rmaCode: text(),
    itemTitle: text().notNull().default(''),
    quantity: integer().notNull().default(1),
    // The full refund this return is owed (S13: the seller refunds in full).
    refundCents: integer().notNull().default(0),
    currency: text().notNull().default('USD'),
    authorizedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    returnBy: timestamp({ withTimezone: true }),
    receivedAt: timestamp({ withTimezone: true }),
    // S11: 2 business days after receipt, in the seller's time zone (end of that day).
    refundDueAt: timestamp({ withTimezone: true }),
    refundedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('return_requests_seller_idx').on(t.sellerId, t.status),
    index('return_requests_seller_authorized_idx').on(t.sellerId, t.authorizedAt, t.id),
    // One return per order (an order is one line; a second request finds the first).
    uniqueIndex('return_requests_order_key').on(t.orderId),
    uniqueIndex('return_requests_rma_key').on(t.rmaCode),
  ],
);

export const refundIssuer = pgEnum('refund_issuer', ['seller', 'marketplace']);
export const refundKind = pgEnum('refund_kind', ['return', 'full', 'partial', 'returnless', 'shipping_fee', 'late_return', 'cancellation']);
export const refundStatus = pgEnum('refund_status', ['pending', 'succeeded', 'failed']);
export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    sellerId: uuid().references(() => sellers.id),
    returnRequestId: uuid().references(() => returnRequests.id),
    issuer: refundIssuer().notNull(),
    issuedBy: uuid().references(() => users.id),
    kind: refundKind().notNull().default('return'),
    status: refundStatus().notNull().default('pending'),
    amountCents: integer().notNull(),
    // How the amount goes back: to the captured card payment, and/or to a gift card balance (a gift's recipient, or
    // the part a buyer paid from their balance).
    cardCents: integer().notNull().default(0),
    giftCardCents: integer().notNull().default(0),
    giftCardOwnerId: uuid().references(() => users.id),
    reason: text().notNull(),
    chargedToSeller: boolean().notNull().default(false),
    // One key per refund decision (a retried click or a double submit finds the same refund).
    idempotencyKey: text(),
    failureCode: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    succeededAt: timestamp({ withTimezone: true }),
    failedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('refunds_order_idx').on(t.orderId),
    uniqueIndex('refunds_idempotency_key').on(t.idempotencyKey),
    // The recovery job finishes refunds a processor time-out left pending.
    index('refunds_pending_idx').on(t.createdAt).where(sql`status = 'pending'`),
    check('refunds_amount_positive', sql`${t.amountCents} > 0`),
    check('refunds_split', sql`${t.cardCents} >= 0 AND ${t.giftCardCents} >= 0 AND ${t.cardCents} + ${t.giftCardCents} = ${t.amountCents}`),
  ],
);

// Customer service: one case per order it touched, listed by latest activity.
export const serviceCases = pgTable(
  'service_cases',
  {
    orderId: uuid()
      .primaryKey()
      .references(() => orders.id),
    sellerId: uuid().references(() => sellers.id),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('service_cases_open_activity_idx').on(t.lastActivityAt, t.orderId).where(sql`closed_at IS NULL`)],
);

// Every staff action: who, what, when, why. Rows are only ever inserted.
export const caseActionKind = pgEnum('case_action_kind', [
  'refund',
  'adjustment',
  'late_return_authorized',
  'cancellation',
  'message_to_seller',
  'case_closed',
  'case_reopened',
  'safet_info_requested',
  'safet_decided',
  'safet_appeal_decided',
]);
export const caseActions = pgTable(
  'case_actions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    staffUserId: uuid()
      .notNull()
      .references(() => users.id),
    action: caseActionKind().notNull(),
    reason: text().notNull(),
    amountCents: integer(),
    refundId: uuid().references(() => refunds.id),
    returnRequestId: uuid().references(() => returnRequests.id),
    claimId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_actions_order_idx').on(t.orderId, t.createdAt, t.id)],
);

// What customer service decided on a seller's order and why (S12), shown to the seller besides the email.
export const sellerNotices = pgTable(
  'seller_notices',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    orderId: uuid().references(() => orders.id),
    title: text().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('seller_notices_seller_idx').on(t.sellerId, t.createdAt, t.id)],
);

// Buyer-seller messaging (S9): a thread per order and participant (a gift's giver and recipient each have their own),
// a thread per pre-order question, and customer service's thread with the seller about an order.
export const threadKind = pgEnum('message_thread_kind', ['buyer', 'customer_service']);
export const messageSenderRole = pgEnum('message_sender_role', ['buyer', 'seller', 'ops']);
export const messageThreads = pgTable(
  'message_threads',
  {
    id: uuid().primaryKey().defaultRandom(),
    // order:<id>:user:<id> | offer:<id>:user:<id> | order:<id>:cs — one thread per subject and participant.
    threadKey: text().notNull(),
    kind: threadKind().notNull(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    orderId: uuid().references(() => orders.id),
    offerId: uuid(),
    // The buyer or recipient who writes to the seller; null on customer service's threads.
    participantUserId: uuid().references(() => users.id),
    subject: text().notNull(),
    lastSenderRole: messageSenderRole(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('message_threads_key').on(t.threadKey),
    index('message_threads_seller_idx').on(t.sellerId, t.lastMessageAt, t.id),
    index('message_threads_participant_idx').on(t.participantUserId, t.lastMessageAt),
    index('message_threads_order_idx').on(t.orderId),
  ],
);

export const messages = pgTable(
  'buyer_seller_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    threadId: uuid().references(() => messageThreads.id),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    senderId: uuid()
      .notNull()
      .references(() => users.id),
    senderRole: messageSenderRole().notNull().default('buyer'),
    orderId: uuid().references(() => orders.id),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('buyer_seller_messages_seller_idx').on(t.sellerId, t.createdAt), index('buyer_seller_messages_thread_idx').on(t.threadId, t.createdAt)],
);

// SAFE-T (S15): submitted -> information requested -> decided (granted in full, in part, denied) -> appealed (once,
// within 7 days) -> final. lib/safet/rules.ts is the state machine. Claims never feed the seller's metrics.
export const safetState = pgEnum('safet_state', ['submitted', 'info_requested', 'decided', 'appealed', 'final']);
export const safetOutcome = pgEnum('safet_outcome', ['granted_full', 'granted_partial', 'denied']);
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
    evidence: text().notNull().default(''),
    wantsReplacement: boolean().notNull().default(false),
    attested: boolean().notNull(),
    state: safetState().notNull().default('submitted'),
    outcome: safetOutcome(),
    grantedCents: integer().notNull().default(0),
    infoRequestedAt: timestamp({ withTimezone: true }),
    respondBy: timestamp({ withTimezone: true }),
    decidedAt: timestamp({ withTimezone: true }),
    appealBy: timestamp({ withTimezone: true }),
    appealedAt: timestamp({ withTimezone: true }),
    finalAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('safet_claims_order_key').on(t.orderId),
    index('safet_claims_seller_created_idx').on(t.sellerId, t.createdAt, t.id),
    index('safet_claims_state_idx').on(t.state, t.createdAt),
    // The auto-deny job and the reminders scan claims waiting for the seller by deadline.
    index('safet_claims_respond_by_idx').on(t.respondBy).where(sql`state = 'info_requested'`),
    index('safet_claims_appeal_by_idx').on(t.appealBy).where(sql`state = 'decided'`),
    check('safet_claims_amount_cap', sql`${t.amountCents} BETWEEN 1 AND 500000`),
    check('safet_claims_granted_within', sql`${t.grantedCents} BETWEEN 0 AND ${t.amountCents}`),
  ],
);

export const safetAuthorRole = pgEnum('safet_author_role', ['seller', 'ops', 'system']);
export const safetClaimMessages = pgTable(
  'safet_claim_messages',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    claimId: uuid()
      .notNull()
      .references(() => safetClaims.id),
    authorRole: safetAuthorRole().notNull(),
    authorId: uuid().references(() => users.id),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('safet_claim_messages_claim_idx').on(t.claimId, t.id)],
);

// One reminder email per claim deadline (48 hours before it passes): the primary key makes the job idempotent.
export const safetReminders = pgTable(
  'safet_reminders',
  {
    claimId: uuid()
      .notNull()
      .references(() => safetClaims.id),
    deadlineKind: text().notNull(),
    deadlineAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.deadlineKind, t.deadlineAt] })],
);
