import 'server-only';
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { offers } from '@/db/schema';
import { AppError } from '@/lib/errors';

// The catalog owns offers and their stock. Orders take and give back units only through these two functions.

// Takes units out of stock in one conditional UPDATE: two buyers of the last unit get one success.
export async function takeStock(tx: Database, offerId: string, quantity: number) {
  const [row] = await tx
    .update(offers)
    .set({ stock: sql`${offers.stock} - ${quantity}` })
    .where(and(eq(offers.id, offerId), eq(offers.active, true), gte(offers.stock, quantity)))
    .returning({ stock: offers.stock });
  if (!row) throw new AppError('CONFLICT', quantity === 1 ? 'Sorry, this item just sold out.' : 'Sorry, there aren’t enough left in stock for that quantity.');
}

// Puts units back on sale, set-based: one statement for any number of offers (quantities of one offer are summed).
// The offers are locked in id order first, so two transactions returning stock of the same offers at once (two
// expiry batches in parallel, or two job instances) queue behind each other instead of deadlocking.
export async function returnStock(tx: Database, units: { offerId: string; quantity: number }[]) {
  if (units.length === 0) return;
  await tx.execute(sql`
    with locked as (
      select id from ${offers} where id = any(${sql.param([...new Set(units.map((u) => u.offerId))])}::uuid[]) order by id for no key update
    )
    update ${offers} o set stock = o.stock + x.qty
    from (
      select offer_id, sum(qty)::int as qty
      from unnest(${sql.param(units.map((u) => u.offerId))}::uuid[], ${sql.param(units.map((u) => u.quantity))}::int[]) as u(offer_id, qty)
      group by offer_id
    ) x
    where o.id = x.offer_id and o.id = any(array(select id from locked))`);
}
