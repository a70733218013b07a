import { getDb } from '@/db';
import { primeEligibilityVersion } from '@/lib/catalog/prime-status';

// The token the product-page cache (proxy.ts, lib/http/page-cache.ts) compares every second to learn that a seller's
// Prime eligibility changed in another process. Opaque and public: it says only that something changed.
export const dynamic = 'force-dynamic';

export async function GET() {
  const version = await primeEligibilityVersion(await getDb());
  return new Response(version, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
