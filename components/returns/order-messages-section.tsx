import { getMyOrderThread } from '@/lib/messaging/commands';
import { messageSellerAction } from '@/lib/messaging/actions';
import { ServiceForm } from './service-form';

// The signed-in person's own conversation with the seller about an order (a gift's giver and recipient each have
// their own; neither sees the other's).
export async function OrderMessagesSection({ userId, orderId }: { userId: string; orderId: string }) {
  const mine = await getMyOrderThread(userId, orderId);
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="messages-heading">
      <h2 id="messages-heading" className="font-semibold">
        Questions for the seller
      </h2>
      {mine && mine.messages.length > 0 && (
        <ol className="space-y-2 text-sm">
          {mine.messages.map((m) => (
            <li key={m.id} className={`rounded-lg p-3 ${m.senderRole === 'buyer' ? 'bg-slate-100' : 'bg-sky-50'}`}>
              <p className="text-xs font-medium text-slate-600">{m.senderRole === 'buyer' ? 'You' : 'Seller'}</p>
              <p className="whitespace-pre-line">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <ServiceForm
        action={messageSellerAction}
        submitLabel="Send"
        pendingLabel="Sending…"
        successMessage="Sent. The seller answers here and by email."
        fields={[
          { kind: 'hidden', name: 'orderId', value: orderId },
          { kind: 'textarea', name: 'body', label: 'Your message', rows: 3 },
        ]}
      />
    </section>
  );
}
