import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination, parsePage } from '@/components/ui/pagination';
import { requireUserPage } from '@/lib/auth/session';
import { giverGiftSummaries } from '@/lib/gifts/giver-view';
import { giverStatusLabel } from '@/lib/gifts/rules';
import { formatMoney } from '@/lib/money';
import { listBuyerOrders } from '@/lib/orders/queries';
import { orderStatusLabel } from '@/lib/orders/rules';
import { GiftStatusBadge } from '@/components/shop/gift-status-badge';

export const metadata: Metadata = { title: 'Your orders' };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage('/orders');
  const page = parsePage((await searchParams).page);
  const { items, pageCount } = await listBuyerOrders(user.id, { page });
  const gifts = await giverGiftSummaries(
    user.id,
    items.filter((o) => o.giftStatus).map((o) => o.id),
  );
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-bold">Your orders</h1>
      {items.length === 0 ? (
        <EmptyState title="No orders yet">
          <Link href="/">Browse the shop</Link> to buy something or send a gift.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {items.map((o) => (
            <li key={o.id}>
              <Link href={`/orders/${o.id}`} className="flex items-center gap-4 p-4 no-underline hover:bg-slate-50">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={o.imageUrl} alt="" width={64} height={48} className="h-12 w-16 rounded bg-slate-100 object-contain" />
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-slate-900">
                    {o.title} {o.quantity > 1 && `× ${o.quantity}`}
                  </p>
                  {gifts.get(o.id) && (
                    <p className="truncate text-sm text-slate-700" data-testid="gift-sent-to">
                      Gift to {gifts.get(o.id)!.sentTo}
                    </p>
                  )}
                  <p className="text-sm text-slate-600">
                    {o.createdAt.toLocaleDateString('en-US', { dateStyle: 'medium' })} · {formatMoney(o.totalCents, o.currency)}
                    {/* A gift that ended without being accepted never charged the card: its hold was released. */}
                    {gifts.get(o.id) && ['declined', 'expired', 'cancelled'].includes(gifts.get(o.id)!.status) && (
                      <span data-testid="not-charged"> · Not charged</span>
                    )}
                    {gifts.get(o.id)?.status === 'waiting' && <span> · Held, not charged yet</span>}
                  </p>
                </div>
                {o.giftStatus ? <GiftStatusBadge status={o.giftStatus} label={giverStatusLabel[o.giftStatus]} /> : o.status && <Badge>{orderStatusLabel[o.status]}</Badge>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} href={(p) => `/orders?page=${p}`} />
    </div>
  );
}
