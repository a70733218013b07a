import { createHash } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { cacheableProductPage, PageCache, withNonce, type RenderedPage } from '@/lib/http/page-cache';
import { malformedActionBodyReason } from '@/lib/security/action-body';
import { prerenderedHtml, prerenderedRoutes } from '@/lib/security/prerendered';
import { badRequestReason, contentSecurityPolicy, inlineScripts } from '@/lib/security/request-guard';

// Runs before every route (Next.js 16 "proxy", formerly middleware):
// 1. refuses URLs no page of ours can answer sensibly (malformed percent-encoding, lone surrogates, NUL and other
//    control characters in a path segment or query) with 400, instead of a 500 deeper down;
// 2. sets the Content-Security-Policy: a per-request nonce for pages rendered per request, and for the prerendered
//    pages (the gift link shell above all, which must stay a static file) the hashes of their inline scripts;
// 3. answers anonymous views of a product page from a cache of a few seconds (lib/http/page-cache.ts), each with its
//    own nonce: a hot product page is rendered once per ZIP and period, not once per visitor.

// A gift link, as sent or as rewritten in a production build (next.config.js): both are the /gift/open page.
const GIFT_LINK = /^\/gift\/(?:view\/)?[A-Za-z0-9_-]{43}$/;
const dev = process.env.NODE_ENV === 'development';
const https = (process.env.APP_URL ?? '').startsWith('https:');

type StaticPages = Map<string, string[]>;
let staticPages: StaticPages | null = null;

// Prerendered pages and their inline scripts' hashes, read once from the build.
function prerendered(): StaticPages {
  if (staticPages) return staticPages;
  const pages: StaticPages = new Map();
  for (const route of prerenderedRoutes()) {
    const html = prerenderedHtml(route);
    if (html === null) continue;
    const hashes = inlineScripts(html).map((s) => createHash('sha256').update(s, 'utf8').digest('base64'));
    pages.set(route, [...new Set(hashes)]);
  }
  staticPages = pages;
  return pages;
}

// PRODUCT_PAGE_CACHE_SECONDS=0 turns the cache off; `next dev` never caches (every change shows at once). A seller's
// Prime eligibility changed by another process (the daily job under `npm run jobs`, another instance) empties it
// within a second: the cache asks this server for the eligibility token that often.
const productPages = new PageCache({
  ttlMs: dev ? 0 : 1000 * Number(process.env.PRODUCT_PAGE_CACHE_SECONDS ?? 30),
  maxEntries: 500,
  freshness: { everyMs: 1000, version: () => primeVersion() },
});
// Marks the proxy's own request for a page to cache: rendered anonymously, with the cache's placeholder nonce.
const FILL_HEADER = 'x-page-cache-fill';
const fillSecret = Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
const KEPT_HEADERS = ['content-type', 'cache-control', 'vary', 'link'];

// A request to this same server (process.env.PORT is the port `next start` listens on); null when it can't be asked
// or answers with another status than `keep`, whose body is then dropped.
async function askSelf(pathAndQuery: string, init: RequestInit, keep: (status: number) => boolean): Promise<Response | null> {
  const port = process.env.PORT;
  if (!port) return null;
  const res = await fetch(`http://127.0.0.1:${port}${pathAndQuery}`, init);
  if (keep(res.status)) return res;
  await res.body?.cancel();
  return null;
}

// The page as an anonymous visitor gets it, asked of this same server without the visitor's cookies.
async function renderForCache(rawPath: string, rawQuery: string): Promise<RenderedPage | null> {
  const res = await askSelf(
    `${rawPath}${rawQuery ? `?${rawQuery}` : ''}`,
    { headers: { [FILL_HEADER]: fillSecret, accept: 'text/html' }, redirect: 'manual', signal: AbortSignal.timeout(10_000) },
    (status) => status === 200 || status === 404,
  );
  if (!res) return null;
  const headers = KEPT_HEADERS.flatMap((h): [string, string][] => (res.headers.has(h) ? [[h, res.headers.get(h)!]] : []));
  return { status: res.status, html: await res.text(), headers };
}

// The Prime eligibility token (app/api/catalog/prime-version); null when it can't answer.
async function primeVersion(): Promise<string | null> {
  const res = await askSelf('/api/catalog/prime-version', { signal: AbortSignal.timeout(2_000) }, (status) => status === 200);
  return res ? res.text() : null;
}

function withCsp(request: NextRequest, nonce: string) {
  const csp = contentSecurityPolicy({ nonce, dev, https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('Content-Security-Policy', csp);
  return res;
}

const newNonce = () => Buffer.from(crypto.randomUUID()).toString('base64');

function rawParts(request: NextRequest): { rawPath: string; rawQuery: string } {
  // request.url keeps the percent-encoding as sent; only split it, never decode it here.
  const url = request.url;
  const afterHost = url.replace(/^[a-z]+:\/\/[^/]*/i, '');
  const hashless = afterHost.split('#')[0];
  const q = hashless.indexOf('?');
  return q === -1 ? { rawPath: hashless, rawQuery: '' } : { rawPath: hashless.slice(0, q), rawQuery: hashless.slice(q + 1) };
}

export async function proxy(request: NextRequest) {
  const { rawPath, rawQuery } = rawParts(request);
  const reason = badRequestReason(rawPath, rawQuery);
  if (reason) return new NextResponse('Bad request: this address is not valid.', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  // A server-action body Next.js can't decode would fail inside Next with a 500 (lib/security/action-body.ts, by h2).
  const badBody = await malformedActionBodyReason(request);
  if (badBody) return new NextResponse(`Bad request: ${badBody}.`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

  if (rawPath.startsWith('/api/')) return NextResponse.next();

  const pages = prerendered();
  const route = GIFT_LINK.test(rawPath) ? '/gift/open' : rawPath;
  const hashes = pages.get(route);
  if (hashes) {
    const res = NextResponse.next();
    res.headers.set('Content-Security-Policy', contentSecurityPolicy({ scriptHashes: hashes, dev, https }));
    return res;
  }

  // A seller's or staff's change (a server action) may show on any product page: the cached ones are forgotten.
  if (request.method === 'POST' && (rawPath.startsWith('/seller') || rawPath.startsWith('/ops'))) productPages.clear();
  if (request.headers.get(FILL_HEADER) === fillSecret) return withCsp(request, productPages.placeholder);
  const cacheKey = productPages.enabled ? cacheableProductPage(request.method, rawPath, rawQuery, request.headers) : null;
  if (cacheKey) {
    await productPages.checkFreshness();
    const hit = productPages.get(cacheKey);
    const page = hit ?? (await productPages.getOrFill(cacheKey, () => renderForCache(rawPath, rawQuery)));
    if (page) {
      const nonce = newNonce();
      const headers = new Headers(page.headers.map(([k, v]): [string, string] => [k, v.replaceAll(page.placeholder, nonce)]));
      headers.set('Content-Security-Policy', contentSecurityPolicy({ nonce, dev, https }));
      headers.set('X-Page-Cache', hit ? 'hit' : 'miss');
      return new NextResponse(withNonce(page, nonce), { status: page.status, headers });
    }
  }
  return withCsp(request, newNonce());
}

export const config = {
  matcher: [
    // Everything but built assets and files from public/ (they carry no markup; the 400 check is for routes), and the
    // recipient page's data call: a fixed path whose only input is its JSON body, on every recipient's first view,
    // for which this proxy would only return NextResponse.next().
    '/((?!_next/static|_next/image|favicon.ico|api/gift-link$|products/[a-z0-9-]+\\.svg$).*)',
  ],
};
