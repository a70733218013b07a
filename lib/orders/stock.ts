import 'server-only';
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { offers } from '@/db/schema';
import { AppError } from '@/lib/errors';

// Takes units out of stock in one conditional UPDATE: two buyers of the last unit get one success.
export async function reserveStock(tx: Database, offerId: string, quantity: number) {
  const [row] = await tx
    .update(offers)
    .set({ stock: sql`${offers.stock} - ${quantity}` })
    .where(and(eq(offers.id, offerId), eq(offers.active, true), gte(offers.stock, quantity)))
    .returning({ stock: offers.stock });
  if (!row) throw new AppError('CONFLICT', quantity === 1 ? 'Sorry, this item just sold out.' : 'Sorry, there aren’t enough left in stock for that quantity.');
}

// Puts back the units still reserved by these orders, set-based (one statement for any number of orders).
export async function releaseStockForOrders(tx: Database, orderIds: string[]) {
  if (orderIds.length === 0) return;
  await tx.execute(sql`
    with released as (
      update order_lines set stock_reserved = false
      where order_id = any(${sql.param(orderIds)}::uuid[]) and stock_reserved
      returning offer_id, quantity
    ), per_offer as (
      select offer_id, sum(quantity)::int as qty from released group by offer_id
    )
    update offers o set stock = o.stock + p.qty from per_offer p where o.id = p.offer_id`);
}

// Schedules the units of these orders to go back to stock at `at` instead of now (they stay reserved until then).
export async function deferStockRelease(tx: Database, orderIds: string[], at: Date) {
  if (orderIds.length === 0) return;
  await tx.execute(sql`update order_lines set release_stock_at = ${at} where order_id = any(${sql.param(orderIds)}::uuid[]) and stock_reserved`);
}

// The job's half: releases every deferred line that is due, set-based.
export async function releaseDeferredStock(tx: Database, now: Date): Promise<number> {
  const res = await tx.execute(sql`
    with released as (
      update order_lines set stock_reserved = false, release_stock_at = null
      where stock_reserved and release_stock_at is not null and release_stock_at <= ${now}
      returning offer_id, quantity
    ), per_offer as (
      select offer_id, sum(quantity)::int as qty, count(*)::int as n from released group by offer_id
    ), restocked as (
      update offers o set stock = o.stock + p.qty from per_offer p where o.id = p.offer_id returning p.n
    )
    select coalesce(sum(n), 0)::int as lines from restocked`);
  return Number((res as unknown as { rows: { lines: number }[] }).rows[0]?.lines ?? 0);
}
