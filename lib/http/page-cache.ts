import { randomBytes } from 'node:crypto';
import { hasSessionCookie } from './session-cookie';

// A short-lived cache of pages rendered for anonymous visitors (the hot product page above all), held by the proxy
// (proxy.ts) in front of Next.js: a page everyone sees the same is rendered once and served many times for a few
// seconds, the way a CDN micro-cache would, while each response still gets its own CSP nonce.
//
// How a page keeps a fresh nonce: it is rendered with a placeholder nonce only this process knows, and every response
// swaps in a new random nonce. The HTML comes from React's rendering (escaped as for any visitor), so a nonce still
// marks only the scripts Next.js put there, exactly as when the page renders per request.

/** What a page's markup may say of its own life: `data-fresh-until="<epoch ms>"` (e.g. the next cut-off). */
const FRESH_UNTIL = /\bdata-fresh-until="(\d{10,16})"/g;

export type RenderedPage = { status: number; html: string; headers: [string, string][] };
export type CachedPage = RenderedPage & { placeholder: string; expiresAt: number };

/**
 * What the cached pages show that another process may change (the daily Prime evaluation run by `npm run jobs`,
 * another app instance): `version()` answers a token that changes with it, asked at most every `everyMs`; when it
 * changes, every page is forgotten. Null (not known now): the pages stay, for their usual few seconds.
 */
export type PageFreshness = { everyMs: number; version: () => Promise<string | null> };
export type PageCacheOptions = { ttlMs: number; maxEntries: number; now?: () => number; freshness?: PageFreshness };

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly filling = new Map<string, Promise<CachedPage | null>>();
  private generation = 0;
  private version: string | null = null;
  private checkedAt = -Infinity;
  private checking: Promise<void> | null = null;
  /** The nonce pages are rendered with for this cache; never sent to anyone (every response replaces it). */
  readonly placeholder = randomBytes(18).toString('base64');

  constructor(private readonly options: PageCacheOptions) {}

  private now() {
    return (this.options.now ?? Date.now)();
  }

  get enabled() {
    return this.options.ttlMs > 0 && this.options.maxEntries > 0;
  }

  /** The page, if cached and still fresh. */
  get(key: string): CachedPage | null {
    const page = this.pages.get(key);
    if (!page) return null;
    if (page.expiresAt <= this.now()) {
      this.pages.delete(key);
      return null;
    }
    return page;
  }

  /**
   * The cached page, or the one `render` gives (rendered once however many ask at the same time). Only a 200 is kept;
   * another answer (a 404) is returned to those who asked, uncached. Null when rendering failed: render as usual.
   */
  async getOrFill(key: string, render: (placeholder: string) => Promise<RenderedPage | null>): Promise<CachedPage | null> {
    const hit = this.get(key);
    if (hit) return hit;
    const pending = this.filling.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const fill = (async () => {
      try {
        const rendered = await render(this.placeholder);
        if (!rendered || !rendered.html.includes(this.placeholder)) return null;
        const page: CachedPage = { ...rendered, placeholder: this.placeholder, expiresAt: this.expiryOf(rendered.html) };
        // Emptied meanwhile (a seller changed something): this render may predate the change, so it is not kept.
        if (page.status === 200 && generation === this.generation && page.expiresAt > this.now()) this.put(key, page);
        return page;
      } catch {
        return null;
      } finally {
        this.filling.delete(key);
      }
    })();
    this.filling.set(key, fill);
    return fill;
  }

  /**
   * Asks whether what the pages show changed elsewhere (options.freshness), at most every `everyMs`: callers at the
   * same moment share one question, and a change forgets every page before any of them reads one.
   */
  async checkFreshness(): Promise<void> {
    const f = this.options.freshness;
    if (!f || !this.enabled) return;
    if (this.checking) return this.checking;
    if (this.now() - this.checkedAt < f.everyMs) return;
    this.checking = (async () => {
      try {
        const v = await f.version().catch(() => null);
        this.checkedAt = this.now();
        if (v === null) return;
        if (this.version !== null && v !== this.version) this.clear();
        this.version = v;
      } finally {
        this.checking = null;
      }
    })();
    return this.checking;
  }

  /** Forgets every page (a change that any page may show). */
  clear() {
    this.generation++;
    this.pages.clear();
  }

  get size() {
    return this.pages.size;
  }

  private expiryOf(html: string): number {
    let at = this.now() + this.options.ttlMs;
    for (const m of html.matchAll(FRESH_UNTIL)) at = Math.min(at, Number(m[1]));
    return at;
  }

  private put(key: string, page: CachedPage) {
    this.pages.delete(key);
    this.pages.set(key, page);
    // Oldest first out: a Map iterates in insertion order.
    while (this.pages.size > this.options.maxEntries) this.pages.delete(this.pages.keys().next().value!);
  }
}

/** The page's HTML for one response: the placeholder nonce replaced by this response's nonce. */
export function withNonce(page: CachedPage, nonce: string): string {
  return page.html.replaceAll(page.placeholder, nonce);
}

// The product page, for anonymous visitors: a browser's page load (it accepts HTML) of /products/<slug> with no query
// or only a 5-digit ZIP. Anything else (other queries, a signed-in buyer, a reload asking for no cache, and the
// router's own fetches for RSC data, whose flight headers and _rsc parameter Next.js strips before the proxy sees
// them, but which never ask for HTML) renders per request as before.
const PRODUCT_PAGE = /^\/products\/([a-z0-9-]{1,120})$/;
const ZIP_ONLY = /^zip=(\d{5})$/;

export function cacheableProductPage(method: string, rawPath: string, rawQuery: string, headers: Headers): string | null {
  if (method !== 'GET') return null;
  const page = PRODUCT_PAGE.exec(rawPath);
  if (!page) return null;
  const zip = rawQuery === '' ? '' : ZIP_ONLY.exec(rawQuery)?.[1];
  if (zip === undefined) return null;
  if (hasSessionCookie(headers)) return null;
  if (!/\btext\/html\b/.test(headers.get('accept') ?? '')) return null;
  const mode = headers.get('sec-fetch-mode');
  if ((mode !== null && mode !== 'navigate') || headers.has('next-action') || headers.has('rsc') || headers.has('next-router-prefetch') || headers.has('next-router-state-tree')) return null;
  if (/\bno-cache\b|\bno-store\b/i.test(headers.get('cache-control') ?? '') || /\bno-cache\b/i.test(headers.get('pragma') ?? '')) return null;
  return `${page[1]}?${zip}`;
}
