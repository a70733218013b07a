import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { addDays, endOfLocalDay, localDateOf, startOfLocalDay, toLocalDate, weekdayOf } from '@/lib/calendar';
import { getSellerFactsForUser } from '@/lib/returns/order-facts';
import { listSellerRefundDeadlines } from '@/lib/returns/queries';
import { formatDateTimeIn } from '@/lib/returns/rules';
import { listSellerDeadlines } from '@/lib/safet/commands';
import { sellerView } from '@/lib/safet/rules';

export const metadata: Metadata = { title: 'Deadline calendar' };

type Deadline = { at: Date; label: string; href: string; tone: 'amber' | 'slate' | 'red' };

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export default async function DeadlineCalendar({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUserPage('/seller/safet/calendar', ['seller']);
  const seller = await getSellerFactsForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const tz = seller.timeZone;
  const now = new Date();
  const today = localDateOf(now, tz);
  const m = /^(\d{4})-(\d{2})$/.exec((await searchParams).month ?? '');
  const year = m ? Number(m[1]) : Number(today.slice(0, 4));
  const month = m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? Number(m[2]) : Number(today.slice(5, 7));
  const first = toLocalDate(year, month, 1);
  const last = addDays(toLocalDate(year, month + 1, 1), -1);
  const from = startOfLocalDay(first, tz);
  const to = endOfLocalDay(last, tz);
  const [claims, refunds] = await Promise.all([listSellerDeadlines(seller.id, new Date(from.getTime() - 1), to), listSellerRefundDeadlines(seller.id, from, to)]);

  const byDay = new Map<string, Deadline[]>();
  const add = (d: Deadline) => {
    const key = localDateOf(d.at, tz);
    byDay.set(key, [...(byDay.get(key) ?? []), d]);
  };
  for (const c of claims) {
    const a = sellerView(c, now).action;
    if (c.state === 'info_requested' && c.respondBy) add({ at: c.respondBy, label: `Respond: claim ${c.orderId.slice(0, 8)}`, href: `/seller/safet/${c.id}`, tone: 'amber' });
    else if (c.state === 'decided' && c.appealBy && a?.kind === 'appeal') add({ at: c.appealBy, label: `Appeal: claim ${c.orderId.slice(0, 8)}`, href: `/seller/safet/${c.id}`, tone: 'slate' });
  }
  for (const r of refunds) if (r.refundDueAt) add({ at: r.refundDueAt, label: `Refund: ${r.rmaCode}`, href: '/seller/returns', tone: 'red' });

  const lead = weekdayOf(first);
  const cells: (string | null)[] = [...Array(lead).fill(null)];
  for (let d = first; d <= last; d = addDays(d, 1)) cells.push(d);
  while (cells.length % 7) cells.push(null);
  const prev = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  const total = claims.length + refunds.length;

  return (
    <div className="space-y-4">
      <Link href="/seller/safet">← Manage SAFE-T claims</Link>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">
          Deadlines: {MONTHS[month - 1]} {year}
        </h1>
        <nav aria-label="Months" className="flex gap-4 text-sm">
          <Link href={`/seller/safet/calendar?month=${prev}`} rel="prev">
            ← Previous month
          </Link>
          <Link href={`/seller/safet/calendar?month=${next}`} rel="next">
            Next month →
          </Link>
        </nav>
      </div>
      <p className="text-sm text-slate-600">SAFE-T answers and appeals, and refunds due on received returns, in {tz.replace('_', ' ')}. You also get an email 48 hours before each SAFE-T deadline.</p>
      {total === 0 && <p className="text-sm text-slate-600">No deadlines this month.</p>}
      <table className="w-full table-fixed border-collapse text-xs sm:text-sm" data-testid="calendar">
        <caption className="sr-only">
          Deadlines in {MONTHS[month - 1]} {year}
        </caption>
        <thead>
          <tr>
            {WEEKDAYS.map((w) => (
              <th key={w} scope="col" className="p-1 text-center font-medium text-slate-600">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: cells.length / 7 }, (_, i) => (
            <tr key={i}>
              {cells.slice(i * 7, i * 7 + 7).map((d, j) => (
                <td key={j} className={`h-20 border border-slate-200 p-1 align-top sm:h-24 ${d === today ? 'bg-sky-50' : d ? 'bg-white' : 'bg-slate-50'}`}>
                  {d && (
                    <>
                      <span className={`block text-right ${d === today ? 'font-bold' : 'text-slate-600'}`}>{Number(d.slice(8))}</span>
                      <ul className="space-y-0.5">
                        {(byDay.get(d) ?? []).map((x) => (
                          <li key={x.href + x.label}>
                            <Link
                              href={x.href}
                              title={formatDateTimeIn(x.at, tz)}
                              className={`block truncate rounded px-1 no-underline ${x.tone === 'amber' ? 'bg-amber-100 text-amber-900' : x.tone === 'red' ? 'bg-red-100 text-red-900' : 'bg-slate-200 text-slate-900'}`}
                            >
                              {x.label}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {total > 0 && (
        <ul className="space-y-1 text-sm" aria-label="This month’s deadlines">
          {[...byDay.values()].flat().sort((a, b) => a.at.getTime() - b.at.getTime()).map((x) => (
            <li key={x.href + x.label}>
              <Link href={x.href}>{x.label}</Link> — {formatDateTimeIn(x.at, tz)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
