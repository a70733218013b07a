import type { Metadata } from 'next';
import Link from 'next/link';
import { ServiceForm } from '@/components/returns/service-form';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { listSellerNotices } from '@/lib/customer-service/notices';
import { formatMoney } from '@/lib/money';
import { markReturnReceivedAction, refundReturnAction } from '@/lib/returns/actions';
import { decodeCursor, encodeCursor } from '@/lib/returns/cursor';
import { getSellerFactsForUser } from '@/lib/returns/order-facts';
import { listSellerReturns } from '@/lib/returns/queries';
import { formatDateIn, formatDateTimeIn, isRefundOverdue, returnReasonLabel, returnStatusLabel } from '@/lib/returns/rules';

export const metadata: Metadata = { title: 'Returns' };

export default async function SellerReturnsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage('/seller/returns', ['seller']);
  const seller = await getSellerFactsForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const sp = await searchParams;
  const filter = sp.filter === 'all' ? 'all' : 'open';
  const before = decodeCursor(sp.after);
  const [{ items, hasMore }, notices] = await Promise.all([listSellerReturns(seller.id, { filter, before, limit: 20 }), listSellerNotices(seller.id, { limit: 5 })]);
  const now = new Date();
  const tz = seller.timeZone;
  const last = items.at(-1);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Returns</h1>
        <p className="text-sm text-slate-600">
          Returns within the policy are authorized automatically. Mark each one received when it reaches your warehouse, then refund it in full within 2 business days
          (times in {tz.replace('_', ' ')}).
        </p>
      </div>
      <nav aria-label="Which returns" className="flex gap-2 text-sm">
        <Link href="/seller/returns" aria-current={filter === 'open' ? 'page' : undefined} className={filter === 'open' ? 'font-semibold underline' : ''}>
          Waiting for you
        </Link>
        <span aria-hidden>·</span>
        <Link href="/seller/returns?filter=all" aria-current={filter === 'all' ? 'page' : undefined} className={filter === 'all' ? 'font-semibold underline' : ''}>
          All returns
        </Link>
      </nav>
      {items.length === 0 ? (
        <EmptyState title={filter === 'open' ? 'No returns waiting' : 'No returns yet'}>Returns your buyers request appear here with their deadlines.</EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Returns">
          {items.map((r) => {
            const overdue = isRefundOverdue(r, now);
            return (
              <li key={r.id} data-testid="seller-return" className={`rounded-xl border bg-white p-4 ${overdue ? 'border-red-400 ring-2 ring-red-200' : 'border-slate-200'}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0 space-y-1">
                    <p className="font-semibold break-words">
                      {r.quantity} × {r.itemTitle}
                    </p>
                    <p className="text-sm text-slate-600">
                      Return <span className="font-mono">{r.rmaCode}</span> · order {r.orderId.slice(0, 8)} · {returnReasonLabel[r.reason] ?? r.reason} · {formatMoney(r.refundCents, r.currency)}
                    </p>
                    <div className="flex flex-wrap gap-2">
                      <Badge tone={r.status === 'refunded' ? 'green' : r.status === 'received' ? 'amber' : 'blue'}>{returnStatusLabel[r.status]}</Badge>
                      {r.outsideWindow && <Badge tone="amber">Late return authorized by customer service: accept it</Badge>}
                      {r.refundToGiftCard && <Badge>Gift: refunded as a gift card</Badge>}
                    </div>
                    {r.status === 'authorized' && r.returnBy && <p className="text-sm">Buyer sends it by {formatDateIn(r.returnBy, tz)}</p>}
                    {r.status === 'received' && r.refundDueAt && (
                      <p className={`text-sm font-semibold ${overdue ? 'text-red-700' : ''}`} data-testid="refund-by">
                        {overdue && <Badge tone="red">Overdue</Badge>} Refund by {formatDateTimeIn(r.refundDueAt, tz)}
                      </p>
                    )}
                    {r.status === 'refunded' && r.refundedAt && <p className="text-sm text-slate-600">Refunded {formatDateIn(r.refundedAt, tz)}</p>}
                  </div>
                  <div className="w-full sm:w-auto">
                    {(r.status === 'authorized' || r.status === 'in_transit') && (
                      <ServiceForm action={markReturnReceivedAction} submitLabel="Mark received" pendingLabel="Saving…" variant="secondary" fields={[{ kind: 'hidden', name: 'returnId', value: r.id }]} />
                    )}
                    {r.status === 'received' && (
                      <ServiceForm
                        action={refundReturnAction}
                        submitLabel={`Refund ${formatMoney(r.refundNowCents, r.currency)} in full`}
                        pendingLabel="Refunding…"
                        confirm={`Refund ${formatMoney(r.refundNowCents, r.currency)} to the buyer? It is charged to your account.`}
                        fields={[{ kind: 'hidden', name: 'returnId', value: r.id }]}
                      />
                    )}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {hasMore && last && (
        <Link href={`/seller/returns?${new URLSearchParams({ ...(filter === 'all' ? { filter } : {}), after: encodeCursor(last.authorizedAt, last.id) })}`} rel="next">
          Older returns →
        </Link>
      )}
      <section className="space-y-2" aria-labelledby="notices-heading">
        <h2 id="notices-heading" className="text-lg font-semibold">
          Customer service decisions
        </h2>
        {notices.items.length === 0 ? (
          <p className="text-sm text-slate-600">When customer service refunds or authorizes something on your orders, the decision and its reason appear here and by email.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="notices">
            {notices.items.map((n) => (
              <li key={n.id} className="space-y-1 p-4 text-sm">
                <p className="font-semibold">{n.title}</p>
                <p className="text-slate-700">{n.body}</p>
                <p className="text-xs text-slate-500">{formatDateTimeIn(n.createdAt, tz)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
