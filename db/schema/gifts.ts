import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contactChannel, users } from './accounts';
import { orders } from './orders';

// What the giver may see is derived from status only; `settlement` is the recipient's private choice.
export const giftOfferStatus = pgEnum('gift_offer_status', [
  'waiting',
  'settling', // one decision has claimed the offer and is talking to the processor
  'accepted',
  'declined',
  'expired',
  'cancelled',
]);
export const giftSettlement = pgEnum('gift_settlement', ['ship', 'gift_card']);
export const giftDecision = pgEnum('gift_decision', ['accept', 'convert']);

export const giftOffers = pgTable(
  'gift_offers',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .unique()
      .references(() => orders.id),
    giverId: uuid()
      .notNull()
      .references(() => users.id),
    recipientChannel: contactChannel().notNull(),
    // Normalized: lower-cased email or E.164 phone.
    recipientContact: text().notNull(),
    // SHA-256 of the link token; the token itself is only ever in the message sent to the recipient.
    tokenHash: text().notNull(),
    // The reminder carries a second link (the first token is not kept anywhere to resend); both stay valid.
    reminderTokenHash: text(),
    giftMessage: text(),
    // What the recipient's page and reminders show, copied at creation (the giver's name as it was when they sent it,
    // the item as ordered): the link lookup is then one indexed read of this table, with no join into the orders,
    // catalog or accounts domains' tables.
    giverDisplayName: text().notNull().default(''),
    itemTitle: text().notNull().default(''),
    itemImageUrl: text().notNull().default(''),
    itemQuantity: integer().notNull().default(1),
    status: giftOfferStatus().notNull().default('waiting'),
    pendingDecision: giftDecision(),
    settlement: giftSettlement(),
    recipientUserId: uuid().references(() => users.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    reminderSentAt: timestamp({ withTimezone: true }),
    settlingSince: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    declinedAt: timestamp({ withTimezone: true }),
    expiredAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('gift_offers_token_hash_key').on(t.tokenHash),
    uniqueIndex('gift_offers_reminder_token_hash_key').on(t.reminderTokenHash),
    index('gift_offers_giver_idx').on(t.giverId),
    index('gift_offers_recipient_contact_idx').on(t.recipientContact),
    // The expiry and reminder jobs scan only waiting offers by deadline.
    index('gift_offers_waiting_expiry_idx').on(t.expiresAt).where(sql`status = 'waiting'`),
    // The recovery job finishes decisions left half-way.
    index('gift_offers_settling_idx').on(t.settlingSince).where(sql`status = 'settling'`),
  ],
);

// A recipient's "Don't show me gifts from this person": one sender, for one recipient account. Not a switch for all
// gifts (G10): everyone else's gifts still arrive. Gifts from a blocked sender are declined at once, like any refusal.
export const giftSenderBlocks = pgTable(
  'gift_sender_blocks',
  {
    recipientUserId: uuid()
      .notNull()
      .references(() => users.id),
    giverId: uuid()
      .notNull()
      .references(() => users.id),
    // The sender's name as the recipient saw it when blocking (from the offer's snapshot), for their list of blocked
    // senders, read without reaching into the accounts domain's tables.
    giverName: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.recipientUserId, t.giverId] })],
);

export const giftCardEntryKind = pgEnum('gift_card_entry_kind', ['credit', 'debit', 'reversal', 'refund_credit']);

export const giftCards = pgTable(
  'gift_cards',
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    initialCents: integer().notNull(),
    currency: text().notNull().default('USD'),
    // The gift this card came from, if any (at most one card per gift).
    sourceGiftOfferId: uuid()
      .unique()
      .references(() => giftOffers.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('gift_cards_owner_idx').on(t.ownerId)],
);

// A user's balance is the sum of their entries; nothing stores it twice.
export const giftCardLedger = pgTable(
  'gift_card_ledger',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    giftCardId: uuid().references(() => giftCards.id),
    orderId: uuid().references(() => orders.id),
    kind: giftCardEntryKind().notNull(),
    amountCents: integer().notNull(),
    // Set on movements that may be retried (a refund credited to a gift card): a retry finds the first row.
    idempotencyKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('gift_card_ledger_owner_idx').on(t.ownerId),
    uniqueIndex('gift_card_ledger_idempotency_key').on(t.idempotencyKey),
    // One debit per order: a retried checkout cannot spend the balance twice.
    uniqueIndex('gift_card_ledger_order_kind_key').on(t.orderId, t.kind).where(sql`order_id IS NOT NULL`),
    check('gift_card_ledger_sign', sql`(${t.kind} = 'debit' AND ${t.amountCents} < 0) OR (${t.kind} <> 'debit' AND ${t.amountCents} > 0)`),
  ],
);
