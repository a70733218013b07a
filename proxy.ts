import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NextResponse, type NextRequest } from 'next/server';
import { malformedActionBodyReason } from '@/lib/security/action-body';
import { badRequestReason, contentSecurityPolicy, inlineScripts } from '@/lib/security/request-guard';

// Runs before every route (Next.js 16 "proxy", formerly middleware):
// 1. refuses URLs no page of ours can answer sensibly (malformed percent-encoding, lone surrogates, NUL and other
//    control characters in a path segment or query) with 400, instead of a 500 deeper down;
// 2. sets the Content-Security-Policy: a per-request nonce for pages rendered per request, and for the prerendered
//    pages (the gift link shell above all, which must stay a static file) the hashes of their inline scripts.

const GIFT_LINK = /^\/gift\/[A-Za-z0-9_-]{43}$/;
const dev = process.env.NODE_ENV === 'development';
const https = (process.env.APP_URL ?? '').startsWith('https:');

type StaticPages = Map<string, string[]>;
let staticPages: StaticPages | null = null;

// Prerendered pages and their inline scripts' hashes, read once from the build (prerender-manifest.json and the HTML
// next build wrote). In development nothing is prerendered: every page is rendered per request.
function prerendered(): StaticPages {
  if (staticPages) return staticPages;
  const pages: StaticPages = new Map();
  const dist = path.join(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR || '.next');
  const manifestFile = path.join(dist, 'prerender-manifest.json');
  if (!dev && existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { routes?: Record<string, unknown> };
    for (const route of Object.keys(manifest.routes ?? {})) {
      const file = path.join(dist, 'server', 'app', `${route === '/' ? '/index' : route}.html`);
      if (!existsSync(file)) continue;
      const hashes = inlineScripts(readFileSync(file, 'utf8')).map((s) => createHash('sha256').update(s, 'utf8').digest('base64'));
      pages.set(route, [...new Set(hashes)]);
    }
  }
  staticPages = pages;
  return pages;
}

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

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy({ nonce, dev, https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('Content-Security-Policy', csp);
  return res;
}

export const config = {
  matcher: [
    // Everything but built assets and files from public/ (they carry no markup; the 400 check is for routes), and the
    // recipient page's data call: a fixed path whose only input is its JSON body, on every recipient's first view,
    // for which this proxy would only return NextResponse.next().
    '/((?!_next/static|_next/image|favicon.ico|api/gift-link$|products/[a-z0-9-]+\\.svg$).*)',
  ],
};
