import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/db';
import { requireUserPage } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { isDefectFilter, listDefects, type DefectReportFilter, type DefectRow } from '@/lib/prime/defects';
import { getSellerForUser } from '@/lib/prime/queries';
import { DEFECT_FILTERS, DEFECT_LABEL } from '@/lib/prime/rules';

export const metadata: Metadata = { title: 'Defect report' };
export const dynamic = 'force-dynamic';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const validDay = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? s : '');
const when = (d: Date | null) => (d ? d.toLocaleString('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }) : '—');
const date = (s: string | null) => (s ? new Date(`${s}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }) : '—');
const longDate = (s: string) => new Date(`${s}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

function X({ on, label }: { on: boolean; label: string }) {
  return on ? (
    <span className="font-bold text-red-700" aria-label={label}>
      X
    </span>
  ) : (
    <span className="sr-only">no</span>
  );
}

function qs(p: Record<string, string>) {
  const u = new URLSearchParams(Object.entries(p).filter(([, v]) => v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

export default async function DefectReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage('/seller/prime/defects', ['seller']);
  const seller = await getSellerForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile" />;
  const sp = await searchParams;
  const metricRaw = one(sp.metric);
  const filter: DefectReportFilter = isDefectFilter(metricRaw) ? metricRaw : 'all';
  const from = validDay(one(sp.from));
  const to = validDay(one(sp.to));
  const cursor = one(sp.after) || null;
  let rows: DefectRow[] = [];
  let nextCursor: string | null = null;
  let error: string | null = null;
  try {
    const page = await listDefects(await getDb(), { sellerId: seller.id, filter, from, to, cursor, limit: 50 });
    rows = page.rows;
    nextCursor = page.nextCursor;
  } catch (e) {
    if (!isAppError(e)) throw e;
    error = e.message;
  }
  const base = { metric: filter === 'all' ? '' : filter, from, to };
  const dateWord = filter === 'late_delivery' ? 'Promised delivery' : 'Ship-by';
  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm">
          <Link href="/seller/prime" className="text-brand-dark underline">
            ← Prime performance
          </Link>
        </p>
        <h1 className="text-2xl font-bold">Defect report</h1>
        <p className="text-sm text-slate-600">Your orders with the columns behind each metric. An “X” marks an order that counts against you.</p>
      </div>
      <form method="get" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
        <div>
          <label htmlFor="metric" className="block text-sm font-medium text-slate-800">
            Show
          </label>
          <select id="metric" name="metric" defaultValue={filter === 'all' ? '' : filter} className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2">
            <option value="">All orders</option>
            {DEFECT_FILTERS.map((f) => (
              <option key={f} value={f}>
                {DEFECT_LABEL[f]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block text-sm font-medium text-slate-800">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={from} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium text-slate-800">
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={to} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
        </div>
        <button type="submit" className={buttonClass('secondary')}>
          Apply
        </button>
        <p className="text-xs text-slate-600 sm:col-span-4">Dates are ship-by dates (promised delivery dates when showing late deliveries). Times are UTC.</p>
      </form>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" aria-live="polite">
          {filter === 'all' ? 'All orders' : DEFECT_LABEL[filter]}
          {from || to ? `, ${dateWord.toLowerCase()} ${from ? `from ${longDate(from)}` : ''} ${to ? `to ${longDate(to)}` : ''}` : ''}
          {cursor ? ' (continued)' : ''}
        </p>
        <a href={`/seller/prime/defects/export${qs(base)}`} className={buttonClass('secondary')} download>
          Download CSV
        </a>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {rows.length === 0 && !error ? (
        <EmptyState title={filter === 'all' ? 'No orders in this range' : 'No orders count against you here'}>
          {filter === 'all' ? 'Orders appear here once they are placed.' : 'Nothing to fix for this metric in these dates.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm whitespace-nowrap">
            <caption className="sr-only">Defect report (times in UTC)</caption>
            <thead className="bg-slate-50 text-xs">
              <tr>
                <th scope="col" className="p-2">Order ID</th>
                <th scope="col" className="p-2">Purchase date</th>
                <th scope="col" className="p-2">Tracking ID</th>
                <th scope="col" className="p-2">Carrier</th>
                <th scope="col" className="p-2">Ship method</th>
                <th scope="col" className="p-2">Ship-by date</th>
                <th scope="col" className="p-2">Promised delivery</th>
                <th scope="col" className="p-2">First scan</th>
                <th scope="col" className="p-2">Clock-stop</th>
                {DEFECT_FILTERS.map((f) => (
                  <th key={f} scope="col" className="p-2 text-center whitespace-normal">
                    {DEFECT_LABEL[f]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.orderId} className="border-t border-slate-200 align-top" data-testid="defect-row">
                  <th scope="row" className="p-2 font-mono text-xs font-normal">
                    {r.orderId.slice(0, 8)}
                    <span className="sr-only">{r.orderId.slice(8)}</span>
                  </th>
                  <td className="p-2">{when(r.purchasedAt)}</td>
                  <td className="p-2 font-mono text-xs">{r.trackingId ?? '—'}</td>
                  <td className="p-2">{r.carrier ?? '—'}</td>
                  <td className="p-2">{r.shipMethod ?? (r.cancelledAt ? `Cancelled (${r.cancelActor})` : '—')}</td>
                  <td className="p-2">{date(r.expectedShipDate)}</td>
                  <td className="p-2">{date(r.promisedDeliveryDate)}</td>
                  <td className="p-2">{when(r.firstScanAt)}</td>
                  <td className="p-2">{when(r.clockStopAt)}</td>
                  {DEFECT_FILTERS.map((f) => (
                    <td key={f} className="p-2 text-center">
                      <X on={r.marks[f]} label={DEFECT_LABEL[f]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {cursor ? (
          <Link href={`/seller/prime/defects${qs(base)}`} className="text-brand-dark underline">
            ← First page
          </Link>
        ) : (
          <span />
        )}
        {nextCursor && (
          <Link href={`/seller/prime/defects${qs({ ...base, after: nextCursor })}`} rel="next" className="text-brand-dark underline">
            Next page →
          </Link>
        )}
      </nav>
    </div>
  );
}
