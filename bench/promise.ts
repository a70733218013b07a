// The product page with its delivery promise ("Get it by ...", computed for the buyer's ZIP from the template's
// precomputed ZIP3 promises) under load, against the static /forbidden page. Target: at least half the static rate.
// Anonymous views come from the proxy's page cache of a few seconds (lib/http/page-cache.ts); the same page rendered
// per request (what a signed-in buyer or a reload asking for no cache gets) is measured too, for the record.
import type { BenchDatabase } from './db';
import { load, startApp, type LoadResult } from './page';

// Ten destinations in ten ZIP3s across the country (and time zones).
const OTHER_ZIPS = ['10001', '60601', '78701', '33101', '98101', '30301', '80202', '02108', '85001', '94105'];

export type PromiseReport = { product: LoadResult; productOtherZips: LoadResult; rendered: LoadResult; staticPage: LoadResult };

// What a browser's page load sends (the page cache serves page loads only, never the router's RSC fetches).
const PAGE_LOAD = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

async function expectPromise(url: string, headers: Record<string, string> = PAGE_LOAD) {
  const r = await fetch(url, { headers });
  const body = await r.text();
  if (r.status !== 200 || !body.includes('Get it by') || !body.includes('Delivering to')) throw new Error(`GET ${url}: status ${r.status}, expected a page with its delivery promise`);
}

export async function benchPromise(db: BenchDatabase, log: (s: string) => void): Promise<PromiseReport> {
  // The demo catalog, sellers and their shipping (ship-from, cut-offs, automated templates), through the app's seed.
  const { seedDemoData } = await import('@/db/seed/demo');
  const { closeDb } = await import('@/db/index');
  await seedDemoData();
  await closeDb();
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const app = await startApp(db, log);
  const { base } = app;
  try {
    const product = '/products/trail-ceramic-mug?zip=94105';
    const otherZips = OTHER_ZIPS.map((zip) => `/products/trail-ceramic-mug?zip=${zip}`);
    for (const p of [product, ...otherZips]) await expectPromise(`${base}${p}`);
    await expectPromise(`${base}${product}`, { ...PAGE_LOAD, 'cache-control': 'no-cache' });
    log('warming up (2 s each) ...');
    await load('warm-up', base, product, 2, { headers: PAGE_LOAD });
    await load('warm-up', base, '/forbidden', 2);
    const cached = await fetch(`${base}${product}`, { headers: PAGE_LOAD });
    await cached.body?.cancel();
    log(`anonymous product page after warm-up: X-Page-Cache ${cached.headers.get('x-page-cache') ?? '(none: rendered per request)'}`);
    const measure = { appGroup: app.pid };
    const r = {
      product: await load('product page + promise, one ZIP', base, product, seconds, { ...measure, headers: PAGE_LOAD }),
      // Ten ZIPs in ten ZIP3s, one after the other on every connection: ten plans in the cache instead of one, and each
      // request renders another destination's promise.
      productOtherZips: await load('product page + promise, ten ZIPs rotated', base, otherZips[0], seconds, { ...measure, rotatePaths: otherZips, headers: PAGE_LOAD }),
      rendered: await load('same, rendered per request (no-cache)', base, product, seconds, { ...measure, headers: { ...PAGE_LOAD, 'cache-control': 'no-cache' } }),
      staticPage: await load('static page /forbidden', base, '/forbidden', seconds, measure),
    };
    for (const l of Object.values(r)) if (l.non2xx || l.errors) throw new Error(`${l.label}: ${l.non2xx} non-2xx answers and ${l.errors} errors under load`);
    return r;
  } finally {
    await app.stop();
  }
}
