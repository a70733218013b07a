import { stringify } from 'csv-stringify/sync';
import { getDb } from '@/db';
import { currentUser } from '@/lib/auth/session';
import { getSellerForUser } from '@/lib/prime/queries';
import { CSV_HEADER, csvRecord, isDefectFilter, listDefects, type DefectReportFilter } from '@/lib/prime/defects';

export const dynamic = 'force-dynamic';

const PAGE = 1000;

// The defect report as CSV, streamed: each pull reads the next keyset page (1,000 rows) and writes it, so a seller
// with a year of orders never has the whole file in memory, here or in the database.
export async function GET(req: Request) {
  const user = await currentUser();
  if (!user) return new Response('Please sign in to continue.', { status: 401 });
  if (user.role !== 'seller') return new Response('Not found.', { status: 404 });
  const seller = await getSellerForUser(user.id);
  if (!seller) return new Response('Not found.', { status: 404 });
  const url = new URL(req.url);
  const metric = url.searchParams.get('metric');
  const filter: DefectReportFilter = isDefectFilter(metric) ? metric : 'all';
  const from = url.searchParams.get('from');
  const to = url.searchParams.get('to');
  const asOf = new Date();
  const db = await getDb();
  let cursor: string | null = null;
  let started = false;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode('\uFEFF' + stringify([CSV_HEADER])));
        }
        const page = await listDefects(db, { sellerId: seller.id, filter, from, to, cursor, limit: PAGE }, asOf);
        if (page.rows.length) controller.enqueue(encoder.encode(stringify(page.rows.map(csvRecord))));
        cursor = page.nextCursor;
        if (!cursor) controller.close();
      } catch (e) {
        console.error('[defects.csv] export failed', e);
        controller.error(e);
      }
    },
  });
  const name = `defect-report-${filter}-${asOf.toISOString().slice(0, 10)}.csv`;
  return new Response(stream, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
  });
}
