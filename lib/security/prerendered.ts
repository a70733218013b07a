import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The HTML `next build` wrote for the prerendered pages (force-static routes), read once per process. In development
// nothing is prerendered (every page renders per request), so there is none.
const dev = process.env.NODE_ENV === 'development';
const distDir = () => path.join(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR || '.next');
const html = new Map<string, string | null>();

export function prerenderedHtml(route: string): string | null {
  if (dev) return null;
  let page = html.get(route);
  if (page === undefined) {
    const file = path.join(distDir(), 'server', 'app', `${route === '/' ? '/index' : route}.html`);
    page = existsSync(file) ? readFileSync(file, 'utf8') : null;
    html.set(route, page);
  }
  return page;
}

/** Every prerendered route of the build (prerender-manifest.json); none in development. */
export function prerenderedRoutes(): string[] {
  if (dev) return [];
  const manifestFile = path.join(distDir(), 'prerender-manifest.json');
  if (!existsSync(manifestFile)) return [];
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { routes?: Record<string, unknown> };
  return Object.keys(manifest.routes ?? {});
}
