import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  // A separate build folder lets two builds of one checkout run side by side (NEXT_DIST_DIR=.next-e2e).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite ships WASM and node-postgres has optional native bits: load both from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'nodemailer'],
  poweredByHeader: false,
  // `npm run dev` opened at http://127.0.0.1:3000 (not only localhost) gets the dev server's resources too.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // Gift links (256-bit tokens, base64url) all open the same prerendered page, /gift/open. A production build serves
  // a link's page view with the gift's data inside (app/gift/view/[token]/route.ts: one request per first view);
  // server actions and client-side navigations from that page, and every request under `next dev` (which prerenders
  // nothing), go to the page itself, which then loads the gift by POST.
  async rewrites() {
    const link = '/gift/:token([A-Za-z0-9_-]{43})';
    const pageView = { source: link, missing: [{ type: 'header', key: 'next-action' }, { type: 'header', key: 'rsc' }], destination: '/gift/view/:token' };
    return { beforeFiles: [...(phase === PHASE_DEVELOPMENT_SERVER ? [] : [pageView]), { source: link, destination: '/gift/open' }] };
  },
  async headers() {
    const common = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    ];
    return [
      { source: '/:path*', headers: common },
      // A gift link is a bearer secret: never leak it to another site through the Referer header.
      { source: '/gift/:path*', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
    ];
  },
});

export default nextConfig;
