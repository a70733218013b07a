import 'server-only';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '@/db';
import { returnStock, takeStock } from '@/lib/catalog/stock';

// Order lines remember whether their units are still held out of the catalog's stock; the stock itself is the
// catalog's (lib/catalog/stock.ts), reached only through its functions.

// Takes units out of stock in one conditional UPDATE: two buyers of the last unit get one success.
export async function reserveStock(tx: Database, offerId: string, quantity: number) {
  await takeStock(tx, offerId, quantity);
}

type Units = { offer_id: string; qty: number };
const asUnits = (r: Units[]) => r.map((u) => ({ offerId: u.offer_id, quantity: Number(u.qty) }));

// Puts back the units still reserved by these orders, set-based (two statements for any number of orders).
export async function releaseStockForOrders(tx: Database, orderIds: string[]) {
  if (orderIds.length === 0) return;
  const res = await tx.execute(sql`
    with released as (
      update order_lines set stock_reserved = false
      where order_id = any(${sql.param(orderIds)}::uuid[]) and stock_reserved
      returning offer_id, quantity
    )
    select offer_id, sum(quantity)::int as qty from released group by offer_id`);
  await returnStock(tx, asUnits(rows<Units>(res)));
}

// Schedules the units of these orders to go back to stock at `at` instead of now (they stay reserved until then).
export async function deferStockRelease(tx: Database, orderIds: string[], at: Date) {
  if (orderIds.length === 0) return;
  await tx.execute(sql`update order_lines set release_stock_at = ${at} where order_id = any(${sql.param(orderIds)}::uuid[]) and stock_reserved`);
}

// The job's half: releases every deferred line that is due, set-based. Returns the number of lines released.
export async function releaseDeferredStock(tx: Database, now?: Date): Promise<number> {
  // One clock: the database's, unless a caller (a test, the jobs' `now`) names the moment.
  const at = now ? sql`${now}::timestamptz` : sql`now()`;
  const res = await tx.execute(sql`
    with released as (
      update order_lines set stock_reserved = false, release_stock_at = null
      where stock_reserved and release_stock_at is not null and release_stock_at <= ${at}
      returning offer_id, quantity
    )
    select offer_id, sum(quantity)::int as qty, count(*)::int as n from released group by offer_id`);
  const released = rows<Units & { n: number }>(res);
  await returnStock(tx, asUnits(released));
  return released.reduce((s, r) => s + Number(r.n), 0);
}
