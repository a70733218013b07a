import { currentUser } from '@/lib/auth/session';
import { getSellerFactsForUser } from '@/lib/returns/order-facts';
import { parseStatementFilters } from '@/lib/seller-account/filters';
import { statementCsvStream } from '@/lib/seller-account/statement';

// The filtered statement as CSV, streamed a page at a time. Only the signed-in seller's own rows.
export async function GET(req: Request) {
  const user = await currentUser();
  if (!user || user.role !== 'seller') return new Response('Not found.', { status: 404 });
  const seller = await getSellerFactsForUser(user.id);
  if (!seller) return new Response('Not found.', { status: 404 });
  const url = new URL(req.url);
  const sp: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) sp[key] = url.searchParams.getAll(key);
  const f = parseStatementFilters(sp);
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(statementCsvStream(seller.id, { kinds: f.kinds, from: f.from, to: f.to, tz: seller.timeZone }), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="account-statement-${stamp}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
}
