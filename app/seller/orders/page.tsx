import type { Metadata } from 'next';
import Link from 'next/link';
import { SellerOrdersList } from '@/components/seller/orders/orders-list';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { getSellerForUser } from '@/lib/prime/queries';
import { listOrdersForSeller, ORDER_VIEWS, orderViewLabel, type OrderView } from '@/lib/shipments/seller-orders';

export const metadata: Metadata = { title: 'Orders · Seller Central' };

const isDay = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

export default async function SellerOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUserPage('/seller/orders', ['seller']);
  const seller = await getSellerForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const sp = await searchParams;
  const view: OrderView = (ORDER_VIEWS as readonly string[]).includes(sp.status ?? '') ? (sp.status as OrderView) : 'to_ship';
  const from = isDay(sp.from);
  const to = isDay(sp.to);
  const { rows, next, today } = await listOrdersForSeller(seller, { view, from, to, cursor: sp.after });
  const query = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ status: view, from, to, ...extra })) if (v) p.set(k, v);
    return `/seller/orders?${p}`;
  };
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">Orders</h1>
        <p className="text-sm text-slate-600">Ship-by dates are in your warehouse’s time zone ({seller.timeZone.replace('_', ' ')}). Today is {today}.</p>
      </div>
      <nav aria-label="Order status" className="flex flex-wrap gap-2">
        {ORDER_VIEWS.map((v) => (
          <Link
            key={v}
            href={`/seller/orders?status=${v}`}
            aria-current={v === view ? 'page' : undefined}
            className={`rounded-full border px-3 py-1.5 text-sm font-medium no-underline ${v === view ? 'border-brand bg-brand text-white' : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-100'}`}
          >
            {orderViewLabel[v]}
          </Link>
        ))}
      </nav>
      <form method="get" action="/seller/orders" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3" aria-label="Filter by order date">
        <input type="hidden" name="status" value={view} />
        <div>
          <label htmlFor="from" className="block text-sm font-medium text-slate-800">
            Ordered from
          </label>
          <input id="from" name="from" type="date" defaultValue={from} className="mt-1 rounded-lg border border-slate-300 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium text-slate-800">
            Ordered to
          </label>
          <input id="to" name="to" type="date" defaultValue={to} className="mt-1 rounded-lg border border-slate-300 px-3 py-2" />
        </div>
        <button type="submit" className={buttonClass('secondary')}>
          Apply
        </button>
        {(from || to) && (
          <Link href={`/seller/orders?status=${view}`} className="py-2 text-sm">
            Clear dates
          </Link>
        )}
      </form>
      {rows.length === 0 ? (
        <EmptyState title={view === 'to_ship' ? 'Nothing to ship' : 'No orders here'}>
          {view === 'to_ship' ? 'Paid orders appear here with the date they must ship by.' : 'Try another status or date range.'}
        </EmptyState>
      ) : (
        <SellerOrdersList rows={rows} />
      )}
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {sp.after ? <Link href={query({})}>← First page</Link> : <span />}
        {next ? (
          <Link href={query({ after: next })} rel="next">
            Next page →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}
