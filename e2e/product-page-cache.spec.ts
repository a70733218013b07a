import { eq } from 'drizzle-orm';
import { getDb } from '../db/index';
import { sellers } from '../db/schema';
import { createOffer, createSeller, createUser } from '../db/seed/factories';
import { expect, test } from './fixtures/test';

// The product page for anonymous visitors comes from the proxy's cache of a few seconds (lib/http/page-cache.ts):
// rendered once per ZIP, yet every response has its own CSP nonce, and a signed-in buyer's page is never shared.
// A browser's page load asks for HTML (the cache serves page loads, never the router's RSC fetches).
const PAGE_LOAD = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

test.describe('product page cache', () => {
  test('anonymous views share one render with a fresh nonce each; signed-in buyers and reloads asking for no cache render their own', async ({ page, request, signIn }) => {
    const tag = Date.now().toString(36);
    const { seller } = await createSeller({ displayName: `E2E Cache Seller ${tag}`, primeEligible: false });
    const offer = await createOffer({ sellerId: seller.id, title: `E2E Cache Kettle ${tag}`, imageUrl: '/products/mug.svg' });
    const url = `/products/${offer.slug}?zip=10001`;

    const first = await request.get(url, { headers: PAGE_LOAD });
    const second = await request.get(url, { headers: PAGE_LOAD });
    expect(first.status()).toBe(200);
    expect(second.headers()['x-page-cache']).toBe('hit');
    const [a, b] = [nonceOf(first.headers()['content-security-policy']), nonceOf(second.headers()['content-security-policy'])];
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();
    expect(a).not.toBe(b);
    // Every script of each response carries that response's own nonce, none another.
    for (const [res, nonce] of [[first, a], [second, b]] as const) {
      const html = await res.text();
      expect(html).toContain(offer.title);
      expect(html).toMatch(/Delivering to (<!-- -->)?10001/);
      const nonces = new Set([...html.matchAll(/\bnonce="([^"]+)"/g)].map((m) => m[1]));
      expect([...nonces]).toEqual([nonce]);
    }

    // A reload that asks for no cache renders the page anew.
    const fresh = await request.get(url, { headers: { ...PAGE_LOAD, 'cache-control': 'no-cache' } });
    expect(fresh.status()).toBe(200);
    expect(fresh.headers()['x-page-cache']).toBeUndefined();

    // The router's own fetch for the page's RSC data (a prefetch from the shop's list) is never the cached HTML.
    const flight = await request.get(`${url}&_rsc=abc`, { headers: { rsc: '1', 'next-router-prefetch': '1', accept: '*/*' } });
    expect(flight.headers()['content-type']).toContain('text/x-component');

    // In a browser the cached page runs under its policy: the ZIP form works and no script is refused.
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy|CSP/i.test(m.text()) && problems.push(m.text()));
    await page.goto(url);
    await page.getByLabel('Deliver to ZIP').fill('94105');
    await page.getByRole('button', { name: 'Update' }).click();
    await expect(page.getByText('Delivering to 94105')).toBeVisible();
    expect(problems).toEqual([]);

    // A signed-in buyer gets their own page (their name in the header), never the anonymous copy.
    const buyer = await createUser({ name: `Cache Buyer ${tag}` });
    await signIn(page, buyer.email!);
    const mine = await page.goto(url);
    expect(mine!.headers()['x-page-cache']).toBeUndefined();
    await expect(page.getByTestId('signed-in-as')).toContainText(`Cache Buyer ${tag}`);
  });

  test('a revocation made by another process shows on the cached page within seconds, not after the cache’s 30', async ({ request }) => {
    const tag = Date.now().toString(36);
    const { seller } = await createSeller({ displayName: `E2E Cache Prime ${tag}`, primeEligible: true });
    const offer = await createOffer({ sellerId: seller.id, title: `E2E Cache Teapot ${tag}`, imageUrl: '/products/mug.svg' });
    const url = `/products/${offer.slug}`;
    const standard = 'Standard shipping; free on orders over $35.';
    const view = async () => {
      const res = await request.get(url, { headers: PAGE_LOAD });
      return { cache: res.headers()['x-page-cache'], standard: (await res.text()).includes(standard) };
    };
    expect((await view()).standard).toBe(false);
    expect(await view()).toEqual({ cache: 'hit', standard: false });
    // The daily job, in its own process, revokes the seller (this test's process stands for it: the app has no part in
    // the write).
    const db = await getDb();
    await db.update(sellers).set({ primeStatus: 'ineligible', primeEligible: false, revokedAt: new Date() }).where(eq(sellers.id, seller.id));
    const revokedAt = Date.now();
    await expect.poll(async () => (await view()).standard, { timeout: 10_000, intervals: [250] }).toBe(true);
    expect(Date.now() - revokedAt).toBeLessThan(10_000);
  });
});
