import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { listOpenCases } from '@/lib/customer-service/notices';
import { formatMoney } from '@/lib/money';
import { findUserIdByEmail, getOrderFacts, listOrdersOfBuyer } from '@/lib/returns/order-facts';
import { formatDateTimeIn } from '@/lib/returns/rules';

export const metadata: Metadata = { title: 'Customer service' };

const TZ = 'America/New_York';

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUserPage('/ops/cases', ['ops']);
  const sp = await searchParams;
  const q = (Array.isArray(sp.q) ? sp.q[0] : sp.q)?.trim() ?? '';
  let searchResult: Awaited<ReturnType<typeof listOrdersOfBuyer>> | null = null;
  let searchMessage: string | null = null;
  if (q) {
    if (/^[0-9a-f-]{36}$/i.test(q)) {
      if (await getOrderFacts(q)) redirect(`/ops/cases/${q.toLowerCase()}`);
      searchMessage = 'No order has that number.';
    } else if (q.includes('@')) {
      const buyerId = await findUserIdByEmail(q);
      if (buyerId) searchResult = await listOrdersOfBuyer(buyerId, { limit: 20 });
      else searchMessage = 'No customer has that email address.';
    } else searchMessage = 'Search by a full order number or the customer’s email address.';
  }
  const after = Array.isArray(sp.after) ? sp.after[0] : sp.after;
  const { items, hasMore } = await listOpenCases({ afterOrderId: after && /^[0-9a-f-]{36}$/i.test(after) ? after : undefined, limit: 20 });
  const facts = await Promise.all(items.map((c) => getOrderFacts(c.orderId)));
  const last = items.at(-1);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Customer service</h1>
      <form method="get" role="search" className="flex flex-wrap items-end gap-2 rounded-xl border border-slate-200 bg-white p-4">
        <label className="min-w-0 flex-1 text-sm font-medium text-slate-800">
          Order number or customer email
          <input name="q" defaultValue={q} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" autoComplete="off" />
        </label>
        <button type="submit" className={buttonClass('primary')}>
          Find
        </button>
      </form>
      {searchMessage && <p role="status" className="text-sm text-slate-700">{searchMessage}</p>}
      {searchResult && (
        <section aria-labelledby="results-heading" className="space-y-2">
          <h2 id="results-heading" className="text-lg font-semibold">
            Orders of {q}
          </h2>
          {searchResult.items.length === 0 ? (
            <p className="text-sm">No orders.</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
              {searchResult.items.map((o) => (
                <li key={o.id} className="flex flex-wrap justify-between gap-2 p-3 text-sm">
                  <Link href={`/ops/cases/${o.id}`}>{o.title}</Link>
                  <span className="text-slate-600">
                    {o.isGift ? 'Gift · ' : ''}
                    {o.status} · {formatMoney(o.totalCents, o.currency)} · {formatDateTimeIn(o.createdAt, TZ)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section aria-labelledby="open-heading" className="space-y-2">
        <h2 id="open-heading" className="text-lg font-semibold">
          Open cases
        </h2>
        <p className="text-sm text-slate-600">Orders with returns, messages or claims, most recent activity first.</p>
        {items.length === 0 ? (
          <EmptyState title="No open cases">Returns, buyer messages and SAFE-T claims open a case here.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="cases">
            {items.map((c, i) => (
              <li key={c.orderId} className="flex flex-wrap justify-between gap-2 p-3 text-sm">
                <Link href={`/ops/cases/${c.orderId}`} className="font-medium">
                  {facts[i]?.line.title ?? c.orderId}
                </Link>
                <span className="text-slate-600">
                  Order {c.orderId.slice(0, 8)} · last activity {formatDateTimeIn(c.lastActivityAt, TZ)}
                </span>
              </li>
            ))}
          </ul>
        )}
        {hasMore && last && (
          <Link href={`/ops/cases?after=${last.orderId}`} rel="next">
            Older cases →
          </Link>
        )}
      </section>
    </div>
  );
}
