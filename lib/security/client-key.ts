import 'server-only';

// Who is asking, for per-client rate limits: the first X-Forwarded-For hop set by our proxy, else one shared key.
// Behind no proxy the header is the client's own word, so only trust it when TRUST_PROXY=1.
export function clientKeyFrom(headers: Headers): string {
  if (process.env.TRUST_PROXY === '1') {
    const hop = headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip');
    if (hop) return hop;
  }
  return 'direct';
}
