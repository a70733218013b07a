import 'server-only';

// Stands for "we can't tell clients apart": no trusted proxy told us who is asking.
export const UNIDENTIFIED_CLIENT = 'unidentified';

// Who is asking, for per-client rate limits. Behind our proxy (TRUST_PROXY=1) that is the last X-Forwarded-For hop,
// the one the proxy appended itself; earlier hops are the client's own word and are ignored.
export function clientKeyFrom(headers: Headers): string {
  if (process.env.TRUST_PROXY === '1') {
    const hops = headers.get('x-forwarded-for')?.split(',').map((h) => h.trim()).filter(Boolean) ?? [];
    const hop = hops.at(-1) || headers.get('x-real-ip');
    if (hop) return hop;
  }
  return UNIDENTIFIED_CLIENT;
}
