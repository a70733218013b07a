import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { PostalAddress } from '@/components/ui/postal-address';
import { requireUserPage } from '@/lib/auth/session';
import { getReceivedGift } from '@/lib/gifts/queries';

export const metadata: Metadata = { title: 'Your gift' };

const steps = ['Accepted', 'Preparing to ship', 'Shipped', 'Delivered'] as const;

export default async function ReceivedGiftPage({ params, searchParams }: { params: Promise<{ orderId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { orderId } = await params;
  const user = await requireUserPage(`/account/received/${orderId}`);
  if (!/^[0-9a-f-]{36}$/i.test(orderId)) notFound();
  const gift = await getReceivedGift(user.id, orderId);
  if (!gift || gift.settlement !== 'ship') notFound();
  const just = (await searchParams).just === 'accepted';
  const reached = gift.deliveredAt ? 3 : gift.shippedAt ? 2 : 1;
  return (
    <div className="mx-auto max-w-lg space-y-5">
      {just && (
        <Alert tone="success" title="Gift accepted">
          {gift.giverName}’s gift is on its way to being shipped to you. We’ll keep you posted here.
        </Alert>
      )}
      <h1 className="text-2xl font-bold">{gift.title}</h1>
      <p className="text-slate-700">A gift from {gift.giverName}</p>
      <ol className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" aria-label="Delivery steps">
        {steps.map((s, i) => (
          <li key={s} className="flex items-center gap-3">
            <span aria-hidden className={`flex size-7 items-center justify-center rounded-full text-sm font-bold ${i <= reached ? 'bg-brand text-white' : 'bg-slate-200 text-slate-600'}`}>
              {i + 1}
            </span>
            <span className={i <= reached ? 'font-medium' : 'text-slate-600'}>
              {s}
              {i === reached && <span className="sr-only"> (current step)</span>}
            </span>
          </li>
        ))}
      </ol>
      <section className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Tracking</h2>
        {gift.tracking.length === 0 ? (
          <p className="text-sm text-slate-600">The seller hasn’t shipped it yet. Tracking appears here as soon as they do.</p>
        ) : (
          <ul className="text-sm">
            {gift.tracking.map((t) => (
              <li key={t.trackingNumber ?? t.service}>
                {t.carrier} {t.service}: <span className="font-mono">{t.trackingNumber}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Shipping to</h2>
        <PostalAddress a={{ name: gift.shipToName, line1: gift.shipToLine1, line2: gift.shipToLine2, city: gift.shipToCity, state: gift.shipToState, zip: gift.shipToZip }} />
      </section>
      <Link href="/account">← Your account</Link>
    </div>
  );
}
