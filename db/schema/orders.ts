import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { offers, sellers } from './catalog';

export const orderStatus = pgEnum('order_status', [
  'awaiting_recipient', // a gift whose recipient has not decided; nothing charged, stock reserved
  'placed', // charged and ready for the seller to ship
  'shipped',
  'delivered',
  'closed', // a gift settled without shipping (the giver's view never shows this)
  'cancelled',
]);
export const shippingChoice = pgEnum('shipping_choice', ['ship_to_address', 'recipient_provides']);

export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    buyerId: uuid()
      .notNull()
      .references(() => users.id),
    // Client-chosen key of the checkout submission: a retried submit finds the same order.
    checkoutKey: text().notNull(),
    status: orderStatus().notNull(),
    shippingChoice: shippingChoice().notNull(),
    isGift: boolean().notNull().default(false),
    giftReceipt: boolean().notNull().default(false),
    subtotalCents: integer().notNull(),
    shippingCents: integer().notNull().default(0),
    // Part of the total paid from the buyer's gift card balance (ledger rows carry the movement).
    giftCardCents: integer().notNull().default(0),
    totalCents: integer().notNull(),
    currency: text().notNull().default('USD'),
    // Where it ships (and to whom) is not on the order row: see order_destinations (lib/fulfilment), so no query of the
    // giver's side can reach a gift recipient's address.
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    placedAt: timestamp({ withTimezone: true }),
    shippedAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('orders_buyer_checkout_key').on(t.buyerId, t.checkoutKey),
    index('orders_buyer_created_idx').on(t.buyerId, t.createdAt),
    // The hold sweeper pages through recent cancellations (lib/orders/lifecycle.ts listCancelledOrderIds).
    index('orders_cancelled_idx').on(t.cancelledAt, t.id).where(sql`status = 'cancelled'`),
    // The capture job pages through recent shipments of own orders (lib/orders/lifecycle.ts listShippedOwnOrderIds).
    index('orders_shipped_own_idx').on(t.shippedAt, t.id).where(sql`shipped_at is not null and not is_gift`),
    check('orders_total_consistent', sql`${t.totalCents} = ${t.subtotalCents} + ${t.shippingCents}`),
    check('orders_gift_card_within_total', sql`${t.giftCardCents} BETWEEN 0 AND ${t.totalCents}`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    offerId: uuid()
      .notNull()
      .references(() => offers.id),
    sellerId: uuid()
      .notNull()
      .references(() => sellers.id),
    title: text().notNull(),
    unitPriceCents: integer().notNull(),
    quantity: integer().notNull(),
    // Whether this line's units are still held out of stock for the order.
    stockReserved: boolean().notNull().default(true),
    // Set when the units go back later rather than now (a gift taken as a gift card, see lib/orders/stock.ts).
    releaseStockAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // Deferred releases only. The predicate leaves out stock_reserved on purpose: an UPDATE that flips a column an
    // index's predicate reads can't be HOT, and every cancellation flips stock_reserved (the release job clears
    // release_stock_at when it releases, so the index still holds only lines waiting for theirs).
    index('order_lines_deferred_release_idx').on(t.releaseStockAt).where(sql`release_stock_at is not null`),
    index('order_lines_order_idx').on(t.orderId),
    index('order_lines_seller_idx').on(t.sellerId),
    index('order_lines_offer_idx').on(t.offerId),
    check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);
