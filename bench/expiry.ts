import type pg from 'pg';
import { connect, scalar, type BenchDatabase } from './db';
import { timeSteps, type StepTotals } from './query-timer';
import { seedCatalog, seedGifts, settle, shapeFor, wipe, type Shape } from './seed';

export type ExpiryReport = {
  offers: number;
  seedMs: number;
  jobMs: number;
  batches: number;
  steps: StepTotals;
  floorMs: number;
  explain: string | null;
};

const FLOOR_SQL = `UPDATE gift_offers SET status='expired', expired_at=now() WHERE status='waiting' AND expires_at <= now()`;

async function seedDue(c: pg.Client, created: boolean, n: number, s: Shape) {
  const t0 = performance.now();
  await wipe(c, created);
  await seedCatalog(c, s);
  await seedGifts(c, s, { from: 1, count: n, due: true });
  await settle(c);
  return performance.now() - t0;
}

/** Fails the bench when the job did not do its whole job: a fast broken job is not a result. */
async function verifyExpired(c: pg.Client, n: number, s: Shape, now: Date, returned: number) {
  const checks: [string, string, unknown[], number][] = [
    ['offers expired at the run time', `select count(*) from gift_offers where status = 'expired' and expired_at = $1`, [now], n],
    ['offers still waiting', `select count(*) from gift_offers where status = 'waiting'`, [], 0],
    ['orders cancelled', `select count(*) from orders where status = 'cancelled' and cancelled_at = $1`, [now], n],
    ['payments voided', `select count(*) from payments where status = 'voided' and voided_at is not null`, [], n],
    ['payments still authorized', `select count(*) from payments where status = 'authorized'`, [], 0],
    ['void operations succeeded', `select count(*) from payment_operations where kind = 'void' and outcome = 'succeeded'`, [], n],
    ['sandbox holds voided', `select count(*) from processor_sandbox_authorizations where status = 'voided' and voided_at is not null`, [], n],
    ['sandbox void responses stored ok', `select count(*) from processor_sandbox_requests where operation = 'void' and response->>'ok' = 'true'`, [], n],
    ['order lines still reserving stock', `select count(*) from order_lines where stock_reserved`, [], 0],
    [
      'offers whose stock is not restored',
      `select count(*) from offers o left join (select offer_id, sum(quantity) as q from order_lines group by offer_id) l on l.offer_id = o.id
       where o.stock <> $1::int + coalesce(l.q, 0)`,
      [s.baseStock],
      0,
    ],
    [
      'giver notifications in the outbox',
      `select count(*) from outbox_messages where template = 'gift_expired_giver' and status = 'pending' and subject = 'Your gift offer expired' and recipient like 'giver%@bench.test'`,
      [],
      n,
    ],
    ['outbox rows in all', `select count(*) from outbox_messages`, [], n],
  ];
  const failures: string[] = [];
  if (returned !== n) failures.push(`expireDueOffers returned ${returned}, expected ${n}`);
  for (const [label, text, values, want] of checks) {
    const got = await scalar(c, text, values);
    if (got !== want) failures.push(`${label}: ${got}, expected ${want}`);
  }
  if (failures.length) throw new Error(`The expiry job did not finish its work:\n  - ${failures.join('\n  - ')}`);
}

async function explainClaim(c: pg.Client, batchSize: number) {
  await c.query('begin');
  try {
    // The job's claim statement as lib/gifts/commands.ts sends it (orders are cancelled by lib/orders separately).
    const r = await c.query(`explain (analyze, buffers, costs off, timing on)
      with target as (
        select id from gift_offers where status in ('waiting') and expires_at <= now() order by expires_at limit ${batchSize} for update skip locked
      )
      update gift_offers set status = 'expired', expired_at = now() where gift_offers.id = any(array(select id from target))
      returning gift_offers.id, gift_offers.order_id, gift_offers.giver_id, gift_offers.recipient_channel, gift_offers.recipient_contact, gift_offers.item_title`);
    return r.rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await c.query('rollback');
  }
}

export async function benchExpiry(db: BenchDatabase, n: number, log: (s: string) => void): Promise<ExpiryReport> {
  const s = shapeFor(n);
  const c = await connect(db.url);
  try {
    log(`seeding ${n} waiting gift offers with holds (${s.givers} givers, ${s.sellers} sellers, ${s.catalog} offers)...`);
    const seedMs = await seedDue(c, db.created, n, s);
    log(`  seeded and vacuum-analyzed in ${(seedMs / 1000).toFixed(1)} s`);

    const { expireDueOffers } = await import('@/lib/gifts/commands');
    // Opens the pool's connections and plans the claim; nothing is due as of 1970.
    await expireDueOffers({ now: new Date(0) });

    log('running expireDueOffers({ now: new Date() }) ...');
    const now = new Date();
    const { result: returned, ms: jobMs, steps } = await timeSteps(() => expireDueOffers({ now }));
    const batches = steps.get('claim + expire offers (gifts)')?.count ?? 0;
    log(`  ${returned} offers in ${(jobMs / 1000).toFixed(2)} s; verifying...`);
    await verifyExpired(c, n, s, now, returned);
    log('  verified: offers expired, orders cancelled, payments and sandbox holds voided, stock restored, outbox written');

    let explain: string | null = null;
    if (process.env.BENCH_EXPLAIN === '1') {
      log('reseeding for EXPLAIN ANALYZE of one claim batch (rolled back)...');
      await seedDue(c, db.created, n, s);
      explain = await explainClaim(c, Math.min(5000, n));
    }

    log(`reseeding the same ${n} offers for the floor...`);
    await seedDue(c, db.created, n, s);
    const t0 = performance.now();
    const floor = await c.query(FLOOR_SQL);
    const floorMs = performance.now() - t0;
    if (floor.rowCount !== n) throw new Error(`floor UPDATE touched ${floor.rowCount} rows, expected ${n}`);
    log(`  floor UPDATE: ${floor.rowCount} rows in ${(floorMs / 1000).toFixed(2)} s`);
    return { offers: n, seedMs, jobMs, batches, steps, floorMs, explain };
  } finally {
    await c.end();
  }
}
