const BASE = 'http://callback.invalid';

// Characters a browser drops or reinterprets in a URL (tabs, newlines, NUL, other C0/C1 controls, backslashes read as
// slashes) and lone UTF-16 surrogates: a path with any of them, raw or percent-encoded, is refused, not interpreted.
const REFUSED = /[\u0000-\u001f\u007f-\u009f\\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Percent-decodes until nothing changes (a value may be decoded again by whoever reads it next). Null when malformed.
function fullyDecoded(s: string): string | null {
  let cur = s;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(cur);
    } catch {
      return null;
    }
    if (next === cur) return cur;
    cur = next;
  }
  return null; // still changing after five rounds: nobody legitimate encodes that deep
}

// A path that resolves on this site and starts with exactly one slash, whatever reads it.
function staysOnSite(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || REFUSED.test(path)) return false;
  try {
    return new URL(path, BASE).origin === BASE;
  } catch {
    return false;
  }
}

// Only paths on this site, never another origin (open-redirect guard for ?callbackUrl=). The candidate is normalized
// first (dot segments resolved, as a browser would), and both the result and its fully decoded form must start with
// a single slash and stay on this origin. Anything doubtful becomes '/'.
export function safeCallbackUrl(raw: string | undefined | null): string {
  if (typeof raw !== 'string' || raw.length > 2000 || !raw.startsWith('/')) return '/';
  const decodedRaw = fullyDecoded(raw);
  if (decodedRaw === null || REFUSED.test(raw) || REFUSED.test(decodedRaw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const out = `${url.pathname}${url.search}${url.hash}`;
  const decodedOut = fullyDecoded(url.pathname);
  if (decodedOut === null || !staysOnSite(out) || !staysOnSite(decodedOut)) return '/';
  // A second pass must not change it: what we hand out is exactly what a browser will request.
  if (`${new URL(out, BASE).pathname}` !== url.pathname) return '/';
  return out;
}

// Sign-in steps the form moves through; the server decides which one comes next.
export type SignInStep = 'contact' | 'code' | 'name' | 'done';

// A gift link path (/gift/<token>) carried as the callback: proof that this browser holds the gift's link.
export function giftTokenFromCallback(callbackUrl: string | undefined | null): string | null {
  const m = /^\/gift\/([A-Za-z0-9_-]{43})$/.exec(safeCallbackUrl(callbackUrl));
  return m ? m[1] : null;
}
