import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const primeProgramStatus = pgEnum('prime_program_status', ['not_enrolled', 'trial', 'enrolled', 'ineligible']);
export const sizeClass = pgEnum('size_class', ['standard', 'oversize']);

export const sellers = pgTable('sellers', {
  id: uuid().primaryKey().defaultRandom(),
  userId: uuid()
    .notNull()
    .unique()
    .references(() => users.id),
  displayName: text().notNull(),
  // IANA zone of the warehouse: cut-offs and business days are computed in it.
  timeZone: text().notNull().default('America/New_York'),
  primeStatus: primeProgramStatus().notNull().default('not_enrolled'),
  // Whether the Prime badge shows on this seller's self-shipped offers; the daily SFP evaluation maintains it.
  primeEligible: boolean().notNull().default(false),
  trialStartedAt: timestamp({ withTimezone: true }),
  enrolledAt: timestamp({ withTimezone: true }),
  revokedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const offers = pgTable(
  'offers',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    slug: text().notNull().unique(),
    title: text().notNull(),
    description: text().notNull(),
    imageUrl: text().notNull(),
    priceCents: integer().notNull(),
    currency: text().notNull().default('USD'),
    // Units available to sell; an order reserves by decrementing, a release adds back.
    stock: integer().notNull(),
    sizeClass: sizeClass().notNull().default('standard'),
    weightOz: integer().notNull().default(16),
    shipFromTimeZone: text().notNull().default('America/New_York'),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('offers_seller_idx').on(t.sellerId),
    index('offers_active_created_idx').on(t.active, t.createdAt),
    check('offers_stock_nonnegative', sql`${t.stock} >= 0`),
    check('offers_price_positive', sql`${t.priceCents} > 0`),
  ],
);
