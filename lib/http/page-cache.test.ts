import { describe, expect, it } from 'vitest';
import { cacheableProductPage, PageCache, withNonce } from './page-cache';

const page = (placeholder: string, extra = '') => ({ status: 200, html: `<script nonce="${placeholder}">x</script>${extra}`, headers: [['content-type', 'text/html']] as [string, string][] });

function clock(start = Date.UTC(2026, 11, 3, 14)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('PageCache', () => {
  it('renders a page once for everyone who asks at the same time, then serves it until it expires', async () => {
    const c = clock();
    const cache = new PageCache({ ttlMs: 30_000, maxEntries: 10, now: c.now });
    let renders = 0;
    const render = async (placeholder: string) => {
      renders++;
      await new Promise((r) => setTimeout(r, 5));
      return page(placeholder);
    };
    const all = await Promise.all([1, 2, 3, 4].map(() => cache.getOrFill('mug?', render)));
    expect(renders).toBe(1);
    expect(new Set(all).size).toBe(1);
    expect(cache.get('mug?')).toBe(all[0]);
    c.advance(29_999);
    expect(cache.get('mug?')).not.toBeNull();
    c.advance(1);
    expect(cache.get('mug?')).toBeNull();
    await cache.getOrFill('mug?', render);
    expect(renders).toBe(2);
  });

  it('forgets every page within a second of what they show changing in another process, asking at most once a second', async () => {
    const c = clock();
    let version: string | null = 'v1';
    let asked = 0;
    const cache = new PageCache({
      ttlMs: 30_000,
      maxEntries: 10,
      now: c.now,
      freshness: {
        everyMs: 1_000,
        version: async () => {
          asked++;
          await new Promise((r) => setTimeout(r, 5));
          if (version === 'fail') throw new Error('down');
          return version;
        },
      },
    });
    await cache.checkFreshness();
    expect(asked).toBe(1);
    await cache.getOrFill('mug?', async (p) => page(p));
    // Within the second: not asked again, however many visitors.
    c.advance(999);
    await Promise.all([1, 2, 3].map(() => cache.checkFreshness()));
    expect(asked).toBe(1);
    expect(cache.get('mug?')).not.toBeNull();
    // After it, visitors arriving together share one question; unchanged, the page stays.
    c.advance(1);
    await Promise.all([1, 2, 3].map(() => cache.checkFreshness()));
    expect(asked).toBe(2);
    expect(cache.get('mug?')).not.toBeNull();
    // Changed elsewhere (a revocation by the daily job): every page is forgotten before anyone reads one.
    version = 'v2';
    c.advance(1_000);
    await cache.checkFreshness();
    expect(cache.get('mug?')).toBeNull();
    // No answer (the server busy, an error): the pages stay for their usual life, and it asks again a second later.
    await cache.getOrFill('mug?', async (p) => page(p));
    version = 'fail';
    c.advance(1_000);
    await cache.checkFreshness();
    expect(cache.get('mug?')).not.toBeNull();
    version = 'v2';
    c.advance(1_000);
    await cache.checkFreshness();
    expect(asked).toBe(5);
    expect(cache.get('mug?')).not.toBeNull();
    version = 'v3';
    c.advance(1_000);
    await cache.checkFreshness();
    expect(cache.get('mug?')).toBeNull();
  });

  it('never keeps a page past the moment its markup says it stops being true (a cut-off)', async () => {
    const c = clock();
    const cache = new PageCache({ ttlMs: 30_000, maxEntries: 10, now: c.now });
    const cutoff = c.now() + 5_000;
    await cache.getOrFill('mug?10001', async (p) => page(p, `<div data-fresh-until="${cutoff}">Order within 0 mins</div>`));
    c.advance(4_999);
    expect(cache.get('mug?10001')).not.toBeNull();
    c.advance(1);
    expect(cache.get('mug?10001')).toBeNull();
  });

  it('gives each response its own nonce, and no response the placeholder', async () => {
    const cache = new PageCache({ ttlMs: 30_000, maxEntries: 10 });
    const cached = (await cache.getOrFill('mug?', async (p) => page(p, `<script nonce="${p}">y</script>`)))!;
    const a = withNonce(cached, 'nonceA');
    const b = withNonce(cached, 'nonceB');
    expect(a).toBe('<script nonce="nonceA">x</script><script nonce="nonceA">y</script>');
    expect(b).toContain('nonce="nonceB"');
    expect(a + b).not.toContain(cache.placeholder);
  });

  it('keeps only a 200 rendered with its placeholder; a 404 is answered uncached; a failure is null', async () => {
    const cache = new PageCache({ ttlMs: 30_000, maxEntries: 10 });
    const missing = await cache.getOrFill('gone?', async (p) => ({ ...page(p), status: 404 }));
    expect(missing?.status).toBe(404);
    expect(cache.get('gone?')).toBeNull();
    // A page rendered without the placeholder (it did not go through the fill path) can't be re-nonced: not used.
    expect(await cache.getOrFill('odd?', async () => page('some-other-nonce'))).toBeNull();
    expect(await cache.getOrFill('err?', async () => Promise.reject(new Error('down')))).toBeNull();
    expect(await cache.getOrFill('none?', async () => null)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('forgets everything on clear, including a render that started before it', async () => {
    const cache = new PageCache({ ttlMs: 30_000, maxEntries: 10 });
    await cache.getOrFill('a?', async (p) => page(p));
    let release!: () => void;
    const slow = cache.getOrFill('b?', async (p) => {
      await new Promise<void>((r) => (release = r));
      return page(p);
    });
    await new Promise((r) => setTimeout(r, 0));
    cache.clear();
    release();
    expect(await slow).not.toBeNull(); // those who asked still get it
    expect(cache.get('a?')).toBeNull();
    expect(cache.get('b?')).toBeNull(); // but it may predate the change: not kept
  });

  it('holds at most maxEntries pages, dropping the oldest', async () => {
    const cache = new PageCache({ ttlMs: 30_000, maxEntries: 2 });
    for (const k of ['a', 'b', 'c']) await cache.getOrFill(k, async (p) => page(p));
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeNull();
    expect(cache.get('c')).not.toBeNull();
  });

  it('is off with a zero time to live', () => {
    expect(new PageCache({ ttlMs: 0, maxEntries: 10 }).enabled).toBe(false);
  });
});

describe('cacheableProductPage', () => {
  const page = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'; // a browser's page load
  const h = (init: Record<string, string> = {}) => new Headers({ accept: page, ...init });
  it('takes anonymous GETs of a product page with no query or only a ZIP', () => {
    expect(cacheableProductPage('GET', '/products/trail-ceramic-mug', '', h())).toBe('trail-ceramic-mug?');
    expect(cacheableProductPage('GET', '/products/trail-ceramic-mug', 'zip=94105', h({ cookie: 'theme=dark', 'sec-fetch-mode': 'navigate' }))).toBe('trail-ceramic-mug?94105');
  });
  it('leaves everything else to render per request', () => {
    expect(cacheableProductPage('POST', '/products/mug', '', h())).toBeNull();
    expect(cacheableProductPage('HEAD', '/products/mug', '', h())).toBeNull();
    expect(cacheableProductPage('GET', '/products/mug/reviews', '', h())).toBeNull();
    expect(cacheableProductPage('GET', '/checkout/mug', '', h())).toBeNull();
    for (const q of ['zip=9410', 'zip=94105-1234', 'zip=94105&x=1', 'x=1', '_rsc=abc', 'zip=%39%34%31%30%35']) expect(cacheableProductPage('GET', '/products/mug', q, h())).toBeNull();
    for (const cookie of ['authjs.session-token=x', 'a=b; __Secure-authjs.session-token=x', 'authjs.session-token.0=x'])
      expect(cacheableProductPage('GET', '/products/mug', '', h({ cookie }))).toBeNull();
    for (const header of ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-action']) expect(cacheableProductPage('GET', '/products/mug', '', h({ [header]: '1' }))).toBeNull();
    expect(cacheableProductPage('GET', '/products/mug', '', h({ 'cache-control': 'no-cache' }))).toBeNull();
    // The router's RSC fetches (prefetches above all) reach the proxy stripped of their flight headers: they are told
    // apart by not asking for HTML, or by not being a navigation.
    expect(cacheableProductPage('GET', '/products/mug', '', h({ accept: '*/*' }))).toBeNull();
    expect(cacheableProductPage('GET', '/products/mug', '', new Headers())).toBeNull();
    expect(cacheableProductPage('GET', '/products/mug', '', h({ 'sec-fetch-mode': 'cors' }))).toBeNull();
    expect(cacheableProductPage('GET', '/products/mug', '', h({ pragma: 'no-cache' }))).toBeNull();
  });
});
