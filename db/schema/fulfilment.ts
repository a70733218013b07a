import { char, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { orders } from './orders';

// Where an order's parcel goes, keyed to the account it goes to: the buyer for their own orders, the recipient for an
// accepted gift. Owned by lib/fulfilment. Kept out of the order row on purpose: the giver's side reads orders, and
// the recipient's address must be unreachable from there (G7). Shipping, returns and customer service read it here.
export const orderDestinations = pgTable(
  'order_destinations',
  {
    orderId: uuid()
      .primaryKey()
      .references(() => orders.id),
    recipientUserId: uuid()
      .notNull()
      .references(() => users.id),
    fullName: text().notNull(),
    line1: text().notNull(),
    line2: text(),
    city: text().notNull(),
    state: char({ length: 2 }).notNull(),
    zip: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_destinations_recipient_idx').on(t.recipientUserId)],
);
