import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ServiceForm } from '@/components/returns/service-form';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { sellerReplyAction } from '@/lib/messaging/actions';
import { getSellerThread } from '@/lib/messaging/commands';
import { getSellerFactsForUser } from '@/lib/returns/order-facts';
import { formatDateTimeIn } from '@/lib/returns/rules';

export const metadata: Metadata = { title: 'Conversation' };

const senderLabel = { buyer: 'Customer', seller: 'You', ops: 'Customer service' } as const;

export default async function SellerThreadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUserPage(`/seller/messages/${id}`, ['seller']);
  const seller = await getSellerFactsForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const found = await getSellerThread(seller.id, id);
  if (!found) notFound();
  const { thread, messages } = found;
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <Link href="/seller/messages">← Messages</Link>
      <h1 className="text-2xl font-bold break-words">{thread.subject}</h1>
      {thread.orderId && <p className="text-sm text-slate-600">Order {thread.orderId.slice(0, 8)}</p>}
      <ol className="space-y-2" aria-label="Messages">
        {messages.map((m) => (
          <li key={m.id} className={`rounded-lg p-3 text-sm ${m.senderRole === 'seller' ? 'bg-sky-50' : 'bg-slate-100'}`}>
            <p className="text-xs font-medium text-slate-600">
              {senderLabel[m.senderRole]} · {formatDateTimeIn(m.createdAt, seller.timeZone)}
            </p>
            <p className="whitespace-pre-line break-words">{m.body}</p>
          </li>
        ))}
      </ol>
      <ServiceForm
        action={sellerReplyAction}
        submitLabel="Send answer"
        pendingLabel="Sending…"
        fields={[
          { kind: 'hidden', name: 'threadId', value: thread.id },
          { kind: 'textarea', name: 'body', label: 'Your answer', rows: 4, hint: 'Be courteous and specific. Customer service can read this conversation.' },
        ]}
      />
    </div>
  );
}
