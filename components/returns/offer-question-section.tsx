import Link from 'next/link';
import { askAboutOfferAction } from '@/lib/messaging/actions';
import { getMyOfferThread } from '@/lib/messaging/commands';
import { ServiceForm } from './service-form';

// "Ask the seller a question" on a product page (S9): a signed-in buyer writes to the offer's seller in a thread of
// their own, which the seller answers from /seller/messages; the answer shows here and comes by email. Plain text.
export async function OfferQuestionSection({ offerId, slug, user }: { offerId: string; slug: string; user: { id: string; role: string } | null }) {
  if (user && user.role !== 'buyer') return null;
  const mine = user ? await getMyOfferThread(user.id, offerId) : null;
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="ask-seller-heading" data-testid="ask-seller">
      <h2 id="ask-seller-heading" className="font-semibold">
        Ask the seller a question
      </h2>
      {!user ? (
        <p className="text-sm text-slate-700">
          <Link className="font-medium underline" href={`/signin?callbackUrl=${encodeURIComponent(`/products/${slug}`)}`}>Sign in</Link> to ask the seller about this item before you buy.
        </p>
      ) : (
        <>
          {mine && mine.messages.length > 0 && (
            <ol className="space-y-2 text-sm" aria-label="Your questions and the seller’s answers">
              {mine.messages.map((m) => (
                <li key={m.id} className={`rounded-lg p-3 ${m.senderRole === 'buyer' ? 'bg-slate-100' : 'bg-sky-50'}`}>
                  <p className="text-xs font-medium text-slate-600">{m.senderRole === 'buyer' ? 'You' : 'Seller'}</p>
                  <p className="whitespace-pre-line break-words">{m.body}</p>
                </li>
              ))}
            </ol>
          )}
          <ServiceForm
            action={askAboutOfferAction}
            submitLabel="Send question"
            pendingLabel="Sending…"
            successMessage="Sent. The seller answers here and by email."
            fields={[
              { kind: 'hidden', name: 'offerId', value: offerId },
              { kind: 'textarea', name: 'body', label: 'Your question', hint: 'Plain text, up to 2,000 characters. Don’t include card numbers or passwords.', rows: 3 },
            ]}
          />
        </>
      )}
    </section>
  );
}
