import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sellers } from './catalog';

// The seller's account with the marketplace (lib/seller-account owns it): one row per movement, signed cents
// (negative = charged to the seller, positive = credited), an idempotency key per movement. Balances are sums.
export const sellerAccountEntryKind = pgEnum('seller_account_entry_kind', [
  'label_purchase',
  'label_refund',
  'customer_refund',
  'customer_service_adjustment',
  'safet_reimbursement',
]);

export const sellerAccountEntries = pgTable(
  'seller_account_entries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    kind: sellerAccountEntryKind().notNull(),
    amountCents: integer().notNull(),
    currency: text().notNull().default('USD'),
    orderId: uuid(),
    // What the movement is about in its own domain (a label, a refund, a claim), for links on the statement.
    reference: text(),
    description: text().notNull(),
    idempotencyKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('seller_account_entries_idempotency_key').on(t.idempotencyKey),
    index('seller_account_entries_seller_created_idx').on(t.sellerId, t.createdAt, t.id),
    check('seller_account_entries_nonzero', sql`${t.amountCents} <> 0`),
  ],
);
