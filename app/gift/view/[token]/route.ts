import { GIFT_LINK_DATA_ID } from '@/components/gift/early-fetch';
import { giftLinkPayloadFor } from '@/lib/gifts/link-request';
import { prerenderedHtml } from '@/lib/security/prerendered';

// A recipient's first view in one request: every /gift/<token> link is rewritten here in a production build
// (next.config.js), which answers with the prerendered /gift/open page and the gift's data inside it, so the page
// makes no data call of its own before it can show the gift. (`next dev` prerenders nothing: there the link opens
// /gift/open itself, whose inline script asks /api/gift-link.) The proxy sets the page's CSP (script hashes of
// /gift/open); the data is a JSON block, which the browser never runs.
const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const shell = prerenderedHtml('/gift/open');
  if (shell === null) return new Response('The gift page is missing from this build: run next build.', { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const { token } = await params;
  const payload = await giftLinkPayloadFor(token, request.headers);
  const headers = { 'Cache-Control': 'private, no-store' };
  // The recipient who accepted goes to their order (a real redirect here, where the data call has the page do it).
  if (payload.state === 'redirect') return new Response(null, { status: 303, headers: { ...headers, Location: payload.to } });
  // "<" escaped: nothing in the giver's name or message can close the block.
  let data = `<script type="application/json" id="${GIFT_LINK_DATA_ID}">${JSON.stringify(payload).replace(/</g, '\\u003c')}</script>`;
  // The gift's picture is the page's largest paint: the browser fetches it while React loads.
  if (payload.state === 'open' && /^\/(?!\/)/.test(payload.gift.imageUrl)) data += `<link rel="preload" as="image" href="${escapeAttribute(payload.gift.imageUrl)}"/>`;
  const at = shell.indexOf('</head>');
  const html = at === -1 ? shell : shell.slice(0, at) + data + shell.slice(at);
  return new Response(html, { status: payload.state === 'rate_limited' ? 429 : 200, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}
