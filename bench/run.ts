// `npm run bench`: the gift expiry job against its floor, and the recipient's gift page under load.
// Not part of the tests. Env: BENCH_OFFERS (100000), BENCH_DATABASE_URL, BENCH_SKIP_BUILD=1, BENCH_ONLY=expiry|page|regions|promise,
// BENCH_EXPIRY_RUNS (3: the expiry ratio is the median of these runs), BENCH_SECONDS (10), BENCH_CONNECTIONS (20), BENCH_EXPLAIN=1 (plan of one claim batch), BENCH_PAGE_EXTRA=1 (more
// page variants), BENCH_KEEP_DB=1, BENCH_SERVER_NODE_ARGS (node flags for next start, e.g. --cpu-prof).
// The expiry job is timed through the app's own code; statements are attributed to its steps by their SQL text.
import { benchDatabase, dropBenchDatabase, type BenchDatabase } from './db';
import { benchExpiry, type ExpiryReport } from './expiry';
import { benchPage, killStartedProcesses, type LoadResult, type PageReport } from './page';
import { benchPromise, type PromiseReport } from './promise';
import { benchRegions, type RegionsReport } from './regions';

const EXPIRY_TARGET = 5; // job within 5x of the bare UPDATE (median of BENCH_EXPIRY_RUNS runs)
const PAGE_TARGET = 0.5; // a recipient's first view (page + its data call) at least half the static page's rate
const PROMISE_TARGET = 0.5; // product page with its promise at least half the static page's rate
const REGIONS_TARGET_MS = 200; // region automation over every ZIP3 for ten services

const started = performance.now();
const log = (s: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${s}`);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

function printExpiry(r: ExpiryReport, run: number, runs: number) {
  const rate = r.offers / (r.jobMs / 1000);
  const ratio = r.jobMs / r.floorMs;
  console.log(`\n== 1. Gift expiry job (run ${run} of ${runs}) ==`);
  console.log(`offers expired          ${fmt(r.offers)} in ${r.batches} batches (verified: orders, stock, outbox, payments, sandbox holds)`);
  console.log(`expireDueOffers         ${fmt(r.jobMs / 1000, 2)} s  = ${fmt(rate)} offers/s`);
  console.log(`floor (bare UPDATE)     ${fmt(r.floorMs / 1000, 2)} s  = ${fmt(r.offers / (r.floorMs / 1000))} rows/s`);
  console.log(`ratio job/floor         ${fmt(ratio, 2)}x  (this run)`);
  console.log('\nwhere the job spends its time (statement round trips incl. driver; rest = JS between statements):');
  const rows = [...r.steps.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const inSql = rows.reduce((s, [, v]) => s + v.ms, 0);
  for (const [name, v] of rows) console.log(`  ${name.padEnd(46)} ${fmt(v.ms).padStart(7)} ms  ${fmt((100 * v.ms) / r.jobMs, 1).padStart(5)}%  (${v.count} stmts)`);
  if (inSql <= r.jobMs) console.log(`  ${'JS outside statements (messages, params...)'.padEnd(46)} ${fmt(r.jobMs - inSql).padStart(7)} ms  ${fmt((100 * (r.jobMs - inSql)) / r.jobMs, 1).padStart(5)}%`);
  else console.log(`  (statements overlapped on several connections: ${fmt(inSql)} ms of statements in ${fmt(r.jobMs)} ms)`);
  if (r.explain) console.log(`\nEXPLAIN ANALYZE, one claim batch (rolled back):\n${r.explain}`);
}

function printLoad(l: LoadResult) {
  const bad = l.non2xx || l.errors ? `  !! non-2xx ${l.non2xx}, errors ${l.errors}` : '';
  const cpu = l.cpu ? `   cpu cores: app ${fmt(l.cpu.app, 2)}, postgres ${fmt(l.cpu.postgres, 2)}, autocannon ${fmt(l.cpu.loadGenerator, 2)}` : '';
  console.log(`${l.label.padEnd(46)} ${fmt(l.rps, 1).padStart(8)} req/s   p50 ${fmt(l.p50).padStart(3)} ms   p99 ${fmt(l.p99).padStart(3)} ms   (${fmt(l.total2xx)} x 2xx)${cpu}${bad}`);
}

function printPage(r: PageReport) {
  const ratio = r.gift.rps / r.staticPage.rps;
  console.log('\n== 2. Recipient gift page under load (next start, 127.0.0.1) ==');
  console.log(r.built ? `build: next build, ${fmt(r.buildMs / 1000)} s` : 'build: reused .next (BENCH_SKIP_BUILD=1)');
  printLoad(r.gift);
  printLoad(r.giftData);
  printLoad(r.staticPage);
  for (const l of r.extra) printLoad(l);
  // A recipient's first view is the page with the gift in it (one request), or the page and its one data call: the
  // capacity of that view is what the target judges.
  if (r.dataInPage) {
    console.log(`first view (page with its data, one request) ${fmt(r.gift.rps, 1)} views/s = ${fmt(ratio, 2)}x the static page  (target >= ${PAGE_TARGET}x: ${ratio >= PAGE_TARGET ? 'MET' : 'MISSED'})`);
  } else {
    console.log(`ratio shell/static      ${fmt(ratio, 2)}x  (the page alone; not the target)`);
    const pair = 1 / (1 / r.gift.rps + 1 / r.giftData.rps);
    const pairRatio = pair / r.staticPage.rps;
    console.log(`first view (page + data) ${fmt(pair, 1)} views/s = ${fmt(pairRatio, 2)}x the static page  (target >= ${PAGE_TARGET}x: ${pairRatio >= PAGE_TARGET ? 'MET' : 'MISSED'})`);
  }
}

function printRegions(r: RegionsReport) {
  console.log('\n== 3. Shipping region automation (S20), pure ==');
  console.log(`${r.zip3s} ZIP3s x ${r.services} services, ${r.runs} runs   p50 ${fmt(r.p50, 1)} ms   p95 ${fmt(r.p95, 1)} ms   max ${fmt(r.max, 1)} ms  (target < ${REGIONS_TARGET_MS} ms: ${r.max < REGIONS_TARGET_MS ? 'MET' : 'MISSED'})`);
}

function printPromise(r: PromiseReport) {
  const ratio = r.product.rps / r.staticPage.rps;
  console.log('\n== 4. Product page with its delivery promise under load ==');
  printLoad(r.product);
  printLoad(r.productOtherZips);
  printLoad(r.rendered);
  printLoad(r.staticPage);
  console.log(`ratio product/static    ${fmt(ratio, 2)}x  (target >= ${PROMISE_TARGET}x: ${ratio >= PROMISE_TARGET ? 'MET' : 'MISSED'})`);
  console.log(`ratio rendered/static   ${fmt(r.rendered.rps / r.staticPage.rps, 2)}x  (per request, bypassing the page cache; not the target)`);
}

async function main() {
  const n = Number(process.env.BENCH_OFFERS ?? 100_000);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_OFFERS must be a positive integer, got ${process.env.BENCH_OFFERS}`);
  const only = process.env.BENCH_ONLY;
  let db: BenchDatabase | null = null;
  let closeDb: (() => Promise<void>) | null = null;
  // Ctrl-C: stop the app server and drop the bench database before leaving.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, async () => {
      console.error(`\n${sig}: stopping`);
      killStartedProcesses();
      await closeDb?.().catch(() => undefined);
      if (db) await dropBenchDatabase(db).catch(() => undefined);
      process.exit(130);
    });
  }
  try {
    db = await benchDatabase();
    log(`database ${db.name}${db.created ? ' (created for this run)' : ''}`);
    // The app's own client (db/index.ts) reads DATABASE_URL when first used: point it at the bench database.
    process.env.DATABASE_URL = db.url;
    const dbModule = await import('@/db/index');
    closeDb = dbModule.closeDb;
    const { migrateDatabase } = await import('@/db/migrate');
    await migrateDatabase();

    let expiry: ExpiryReport | null = null;
    let page: PageReport | null = null;
    if (!only || only === 'expiry') {
      const runs = Number(process.env.BENCH_EXPIRY_RUNS ?? 3);
      if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_EXPIRY_RUNS must be a positive integer, got ${process.env.BENCH_EXPIRY_RUNS}`);
      const ratios: number[] = [];
      for (let i = 1; i <= runs; i++) {
        expiry = await benchExpiry(db, n, log);
        printExpiry(expiry, i, runs);
        ratios.push(expiry.jobMs / expiry.floorMs);
      }
      const m = median(ratios);
      console.log(`\nexpiry job/floor over ${runs} runs: ${ratios.map((x) => `${fmt(x, 2)}x`).join(', ')}; median ${fmt(m, 2)}x  (target <= ${EXPIRY_TARGET}x: ${m <= EXPIRY_TARGET ? 'MET' : 'MISSED'})`);
    }
    await closeDb();
    if (!only || only === 'page') {
      page = await benchPage(db, log);
      printPage(page);
    }
    if (!only || only === 'regions') printRegions(benchRegions());
    if (!only || only === 'promise') {
      // One build per run: the page bench just built it.
      if (page) process.env.BENCH_SKIP_BUILD = '1';
      printPromise(await benchPromise(db, log));
    }
    console.log(`\ntotal bench time ${fmt((performance.now() - started) / 1000)} s`);
  } finally {
    await closeDb?.().catch(() => undefined);
    if (db) await dropBenchDatabase(db).catch((e) => console.error(`could not drop ${db!.name}: ${e}`));
  }
}

main().catch((e) => {
  console.error(`\nbench failed: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
  process.exit(1);
});
