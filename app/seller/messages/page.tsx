import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { listSellerThreads } from '@/lib/messaging/commands';
import { getSellerFactsForUser } from '@/lib/returns/order-facts';
import { formatDateTimeIn } from '@/lib/returns/rules';

export const metadata: Metadata = { title: 'Buyer-seller messages' };

export default async function SellerMessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage('/seller/messages', ['seller']);
  const seller = await getSellerFactsForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const raw = (await searchParams).after;
  const after = Array.isArray(raw) ? raw[0] : raw;
  const { items, hasMore } = await listSellerThreads(seller.id, { afterId: after && /^[0-9a-f-]{36}$/i.test(after) ? after : undefined, limit: 20 });
  const last = items.at(-1);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">Messages</h1>
        <p className="text-sm text-slate-600">Answer buyers’ pre-order and product questions, and customer service’s questions about your orders.</p>
      </div>
      {items.length === 0 ? (
        <EmptyState title="No messages">Questions from buyers and customer service appear here.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Conversations">
          {items.map((t) => {
            const waiting = t.lastSenderRole !== 'seller';
            return (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 p-4" data-testid="thread">
                <div className="min-w-0">
                  <Link href={`/seller/messages/${t.id}`} className="font-medium break-words">
                    {t.subject}
                  </Link>
                  <p className="text-sm text-slate-600">Last message {formatDateTimeIn(t.lastMessageAt, seller.timeZone)}</p>
                </div>
                <div className="flex gap-2">
                  {t.kind === 'customer_service' && <Badge tone="blue">Customer service</Badge>}
                  {waiting ? <Badge tone="amber">Needs your answer</Badge> : <Badge>Answered</Badge>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {hasMore && last && (
        <Link href={`/seller/messages?after=${last.id}`} rel="next">
          Older conversations →
        </Link>
      )}
    </div>
  );
}
