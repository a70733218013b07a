// Pure checks for the proxy (proxy.ts): which request URLs are refused outright, and the Content-Security-Policy.

// A path segment or query value that can't be percent-decoded (a lone UTF-16 surrogate sent as %ED%A0%80 or %uD800,
// a stray '%'), or that decodes to NUL or another control character, is refused with 400 before any page or query
// sees it: no legitimate link of ours looks like that, and letting it through ends in a 500 deeper down.
const PATH_CONTROL = /[\u0000-\u001f\u007f]/;
const QUERY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function decodes(part: string, control: RegExp): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    return false;
  }
  return !control.test(decoded);
}

// `rawPath` and `rawQuery` as they arrived (still percent-encoded; the query without its '?').
export function badRequestReason(rawPath: string, rawQuery: string): string | null {
  if (rawPath.length > 4096 || rawQuery.length > 8192) return 'URL too long';
  if (PATH_CONTROL.test(rawPath)) return 'control character in path';
  for (const segment of rawPath.split('/')) if (!decodes(segment, PATH_CONTROL)) return 'malformed path segment';
  if (rawQuery) {
    if (QUERY_CONTROL.test(rawQuery)) return 'control character in query';
    for (const pair of rawQuery.split('&')) for (const part of pair.split('=')) if (!decodes(part.replace(/\+/g, ' '), QUERY_CONTROL)) return 'malformed query';
  }
  return null;
}

export type CspOptions = { nonce?: string; scriptHashes?: string[]; dev: boolean; https: boolean };

// Dynamic pages: a fresh nonce per request with 'strict-dynamic', as the Next.js CSP guide describes (Next.js puts
// the nonce on its own scripts when it renders). Prerendered pages (the gift link shell) can't carry a per-request
// nonce: they get 'self' plus the SHA-256 of each inline script in their built HTML, so they stay static.
export function contentSecurityPolicy({ nonce, scriptHashes = [], dev, https }: CspOptions): string {
  const eval_ = dev ? " 'unsafe-eval'" : '';
  const script = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'${eval_}` : `'self'${scriptHashes.map((h) => ` 'sha256-${h}'`).join('')}${eval_}`;
  // Styles: the stylesheet is a file; React and Next.js set a few style attributes (hidden boundaries), which
  // need 'unsafe-inline' for styles only. Scripts never get it.
  const directives = [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

// The inline <script> bodies of a built HTML page (those without src), for hashing.
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) if (!/\bsrc\s*=/.test(m[1]) && m[2].length > 0) out.push(m[2]);
  return out;
}
