// `npm run bench:prime`: the daily Seller Fulfilled Prime evaluation over 10,000 sellers and 1,000,000 orders (their
// per-order facts: promise, label, scans, clock-stop, cancellation), timed against one sequential scan of the facts
// table in the same run (target: within 3x); then the dashboard's and the defect report's data for one seller with
// 100,000 orders (p95 targets 300 ms and 100 ms), through the app's own functions. Not part of the tests.
// Env: BENCH_SELLERS (10000), BENCH_ORDERS (1000000), BENCH_BIG_SELLER_ORDERS (100000), BENCH_DATABASE_URL, BENCH_KEEP_DB=1.
import { benchDatabase, connect, dropBenchDatabase, scalar, type BenchDatabase } from './db';

const started = performance.now();
const log = (s: string) => console.log(`[bench:prime ${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${s}`);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const DAYS = 90;

function p(values: number[], q: number) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

async function timeIt(fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main() {
  const sellersN = Number(process.env.BENCH_SELLERS ?? 10_000);
  const ordersN = Number(process.env.BENCH_ORDERS ?? 1_000_000);
  const bigN = Number(process.env.BENCH_BIG_SELLER_ORDERS ?? 100_000);
  let bench: BenchDatabase | null = null;
  let closeApp: (() => Promise<void>) | null = null;
  try {
    bench = await benchDatabase();
    process.env.DATABASE_URL = bench.url;
    process.env.DATABASE_POOL_SIZE ??= '4';
    log(`database ${bench.name}`);
    const { migrateDatabase } = await import('../db/migrate');
    const { getDb, closeDb } = await import('../db/index');
    closeApp = closeDb;
    await migrateDatabase();
    const db = await getDb();
    const c = await connect(bench.url);

    // Reusing a kept database (BENCH_DATABASE_URL): keep its orders, forget its evaluations.
    const reuse = (await scalar<number>(c, 'select count(*) from sfp_order_facts')) > 0;
    if (reuse) {
      await c.query('delete from prime_status_changes; delete from plans_of_action; delete from prime_evaluations; delete from prime_evaluation_runs');
      await c.query(`update sellers set prime_status = 'enrolled', prime_eligible = true, enrolled_at = now() - interval '400 days', revoked_at = null`);
    }
    // Sellers (and their accounts) in two statements.
    if (!reuse) await c.query(`insert into users (name, email, email_verified_at, role) select 'Bench seller ' || i, 'bench-seller-' || i || '@example.test', now(), 'seller' from generate_series(1, $1) i`, [sellersN]);
    if (!reuse) await c.query(`insert into sellers (user_id, display_name, prime_status, prime_eligible, enrolled_at)
                   select id, name, 'enrolled', true, now() - interval '400 days' from users where role = 'seller'`);
    const ids: string[] = (await c.query(`select id from sellers order by id`)).rows.map((r) => r.id);
    const big: string = reuse ? (await c.query(`select seller_id from sfp_order_facts group by seller_id order by count(*) desc limit 1`)).rows[0].seller_id : ids[0];
    log(`${fmt(ids.length)} sellers`);

    // Orders: the big seller's 100,000, the rest spread evenly over the others, 90 days each, a few per cent defects.
    const { generateFacts } = await import('../db/seed/prime');
    const today = new Date().toISOString().slice(0, 10);
    const perDayBig = Math.ceil(bigN / DAYS);
    const perDayRest = Math.max(1, Math.round((ordersN - perDayBig * DAYS) / (ids.length - 1) / DAYS));
    const profile = { lateShipPerMille: 2, lateDeliveryPerMille: 20, noScanPerMille: 1, externalLabelPerMille: 2, sellerCancelPerMille: 1, giftDeclinedPerMille: 10 };
    const tGen = performance.now();
    if (!reuse) await generateFacts(db, [{ sellerId: big, profile: { perDay: perDayBig, ...profile } }], { toDay: today, days: DAYS });
    for (let i = 1; !reuse && i < ids.length; i += 2000) {
      // Failing sellers too: every 50th has a Buy Shipping problem (revoked by the evaluation).
      const chunk = ids.slice(i, i + 2000).map((id, k) => ({ sellerId: id, profile: { perDay: perDayRest, ...profile, externalLabelPerMille: (i + k) % 50 === 0 ? 300 : 2 } }));
      await generateFacts(db, chunk, { toDay: today, days: DAYS });
    }
    await c.query('vacuum analyze sfp_order_facts');
    const facts = await scalar<number>(c, 'select count(*) from sfp_order_facts');
    const bigCount = await scalar<number>(c, 'select count(*) from sfp_order_facts where seller_id = $1', [big]);
    log(`${fmt(facts)} orders (facts rows) in ${fmt((performance.now() - tGen) / 1000, 1)} s; the big seller has ${fmt(bigCount)}`);

    // The floor: one sequential scan of the facts table reading every row.
    await c.query('set max_parallel_workers_per_gather = 0');
    const floorRuns: number[] = [];
    for (let i = 0; i < 3; i++) floorRuns.push(await timeIt(() => c.query(`select count(*) filter (where first_scan_at is not null), count(*) from sfp_order_facts`)));
    const floor = Math.min(...floorRuns);
    const plan = (await c.query(`explain select count(*) filter (where first_scan_at is not null), count(*) from sfp_order_facts`)).rows.map((r) => r['QUERY PLAN']).join(' / ');

    // The daily evaluation, through the app's code: three different days (each claimed once, as in production).
    const { evaluateDay } = await import('../lib/prime/evaluation');
    const { addDays } = await import('../lib/prime/rules');
    const evalRuns: { day: string; ms: number; evaluated: number; changes: number }[] = [];
    for (const back of [3, 2, 1]) {
      const day = addDays(today, -back);
      let r: Awaited<ReturnType<typeof evaluateDay>> = null;
      const ms = await timeIt(async () => (r = await evaluateDay(day)));
      evalRuns.push({ day, ms, evaluated: r!.evaluated, changes: r!.changes.length });
      log(`evaluated ${day}: ${fmt(r!.evaluated)} sellers, ${r!.changes.length} status changes, ${fmt(ms)} ms`);
    }
    const rows = await scalar<number>(c, 'select count(*) from prime_evaluations');
    const evalMs = p(
      evalRuns.map((r) => r.ms),
      0.5,
    );

    // One seller with 100,000 orders: the dashboard's data and one defect report page.
    const { getDashboard } = await import('../lib/prime/dashboard');
    const { listDefects } = await import('../lib/prime/defects');
    for (let i = 0; i < 3; i++) await getDashboard(big); // warm
    const dash: number[] = [];
    for (let i = 0; i < 40; i++) dash.push(await timeIt(() => getDashboard(big)));
    const pages: Record<string, number[]> = { 'all orders, first page': [], 'late shipments': [], 'outside Buy Shipping, 30 days': [], 'all orders, page 20 (keyset)': [] };
    let cursor: string | null = null;
    for (let i = 0; i < 19; i++) cursor = (await listDefects(db, { sellerId: big, filter: 'all', cursor, limit: 50 })).nextCursor;
    for (let i = 0; i < 40; i++) {
      pages['all orders, first page'].push(await timeIt(() => listDefects(db, { sellerId: big, filter: 'all', limit: 50 })));
      pages['late shipments'].push(await timeIt(() => listDefects(db, { sellerId: big, filter: 'late_shipment', limit: 50 })));
      pages['outside Buy Shipping, 30 days'].push(await timeIt(() => listDefects(db, { sellerId: big, filter: 'outside_buy_shipping', from: addDays(today, -29), to: today, limit: 50 })));
      pages['all orders, page 20 (keyset)'].push(await timeIt(() => listDefects(db, { sellerId: big, filter: 'all', cursor, limit: 50 })));
    }
    await c.end();

    const ratio = evalMs / floor;
    console.log('\n== Seller Fulfilled Prime: daily evaluation ==');
    console.log(`sellers / orders        ${fmt(ids.length)} / ${fmt(facts)} (facts rows; ${fmt(rows)} evaluation rows written)`);
    console.log(`evaluateDay (median)    ${fmt(evalMs)} ms  [${evalRuns.map((r) => fmt(r.ms)).join(', ')}]  (claim, one aggregate over the facts, one insert, status changes, emails)`);
    console.log(`floor: one seq scan     ${fmt(floor)} ms  (${plan})`);
    console.log(`ratio evaluation/floor  ${fmt(ratio, 2)}x  (target <= 3x: ${ratio <= 3 ? 'MET' : 'MISSED'})`);
    console.log(`\n== One seller with ${fmt(bigCount)} orders (in-process data functions, 40 runs) ==`);
    const d95 = p(dash, 0.95);
    console.log(`dashboard data          p50 ${fmt(p(dash, 0.5), 1)} ms  p95 ${fmt(d95, 1)} ms  (target p95 < 300 ms: ${d95 < 300 ? 'MET' : 'MISSED'})`);
    for (const [name, v] of Object.entries(pages)) {
      const q = p(v, 0.95);
      console.log(`defect page: ${name.padEnd(30)} p50 ${fmt(p(v, 0.5), 1)} ms  p95 ${fmt(q, 1)} ms  (target p95 < 100 ms: ${q < 100 ? 'MET' : 'MISSED'})`);
    }
  } finally {
    if (closeApp) await closeApp();
    if (bench) await dropBenchDatabase(bench);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
