// `npm run lighthouse`: Lighthouse (mobile, the default simulated throttling) performance of the recipient page
// /gift/<token>, beside a static page of the same app, against `next start` on a fresh bench database.
// Env: LIGHTHOUSE_RUNS (3; the median is reported), CHROME_PATH (/usr/bin/chromium), BENCH_SKIP_BUILD=1 (reuse the
// build in NEXT_DIST_DIR), LIGHTHOUSE_TARGET (95). Exits non-zero when the gift page's median misses the target.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { benchDatabase, dropBenchDatabase, type BenchDatabase } from './db';
import { killStartedProcesses, seedPageGift, startApp } from './page';

const TARGET = Number(process.env.LIGHTHOUSE_TARGET ?? 95);
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const started = performance.now();
const log = (s: string) => console.log(`[lighthouse ${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${s}`);

type Run = { score: number; tbt: number; fcp: number; lcp: number; si: number; scriptKb: number };

async function audit(url: string, port: number): Promise<Run> {
  const result = await lighthouse(url, { port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
  if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
  if (process.env.LIGHTHOUSE_DETAILS === '1') {
    // Where the main thread went (LIGHTHOUSE_DETAILS=1): per script and per kind of work, and the long tasks.
    for (const id of ['bootup-time', 'mainthread-work-breakdown', 'long-tasks', 'network-requests']) {
      const items = (lhr.audits[id]?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? [];
      console.log(`  -- ${id}`);
      for (const it of items.slice(0, 12)) console.log(`     ${JSON.stringify(it).slice(0, 220)}`);
    }
  }
  const items = (lhr.audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items ?? [];
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    tbt: num('total-blocking-time'),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    si: num('speed-index'),
    scriptKb: (items.find((i) => i.resourceType === 'script')?.transferSize ?? 0) / 1024,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (r: Run) => `score ${String(r.score).padStart(3)}  TBT ${r.tbt.toFixed(0).padStart(4)} ms  FCP ${(r.fcp / 1000).toFixed(2)} s  LCP ${(r.lcp / 1000).toFixed(2)} s  SI ${(r.si / 1000).toFixed(2)} s  JS ${r.scriptKb.toFixed(1)} kB`;

async function main() {
  process.env.BENCH_OFFERS ??= '1000'; // only the catalog shape of the one gift page matters here
  let db: BenchDatabase | null = null;
  let stop: (() => Promise<void>) | null = null;
  let chrome: chromeLauncher.LaunchedChrome | null = null;
  try {
    db = await benchDatabase();
    process.env.DATABASE_URL = db.url;
    const { migrateDatabase } = await import('@/db/migrate');
    await migrateDatabase();
    const { closeDb } = await import('@/db/index');
    await closeDb();
    const token = await seedPageGift(db);
    const app = await startApp(db, log);
    stop = app.stop;
    chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
    const pages = [
      { label: `gift page /gift/<token>`, url: `${app.base}/gift/${token}` },
      { label: 'static page /forbidden', url: `${app.base}/forbidden` },
    ];
    // One warm-up visit each (the server's first render of a route compiles nothing in production, but warms caches).
    for (const p of pages) await fetch(p.url);
    const results = new Map<string, Run[]>();
    for (let i = 0; i < RUNS; i++) {
      for (const p of pages) {
        const r = await audit(p.url, chrome.port);
        (results.get(p.label) ?? results.set(p.label, []).get(p.label)!).push(r);
        log(`${p.label.padEnd(26)} run ${i + 1}: ${fmt(r)}`);
      }
    }
    console.log(`\n== Lighthouse ${'12.8.2'} (mobile, simulated throttling), median of ${RUNS} ==`);
    const medians = new Map<string, Run>();
    for (const [label, runs] of results) {
      const m: Run = { score: median(runs.map((r) => r.score)), tbt: median(runs.map((r) => r.tbt)), fcp: median(runs.map((r) => r.fcp)), lcp: median(runs.map((r) => r.lcp)), si: median(runs.map((r) => r.si)), scriptKb: median(runs.map((r) => r.scriptKb)) };
      medians.set(label, m);
      console.log(`${label.padEnd(26)} ${fmt(m)}`);
    }
    const gift = medians.get(pages[0].label)!;
    console.log(`gift page performance     ${gift.score}  (target >= ${TARGET}: ${gift.score >= TARGET ? 'MET' : 'MISSED'})`);
    if (gift.score < TARGET) process.exitCode = 1;
  } finally {
    try {
      chrome?.kill();
    } catch {
      /* already gone */
    }
    await stop?.().catch(() => undefined);
    if (db) await dropBenchDatabase(db).catch((e) => console.error(`could not drop ${db!.name}: ${e}`));
  }
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killStartedProcesses();
    process.exit(130);
  });
}

main().catch((e) => {
  console.error(`\nlighthouse failed: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
  process.exit(1);
});
