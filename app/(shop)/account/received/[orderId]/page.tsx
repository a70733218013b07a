import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderMessagesSection } from '@/components/returns/order-messages-section';
import { OrderReturnSection } from '@/components/returns/order-return-section';
import { OrderTracking } from '@/components/shop/tracking';
import { Alert } from '@/components/ui/alert';
import { PostalAddress } from '@/components/ui/postal-address';
import { requireUserPage } from '@/lib/auth/session';
import { getReceivedGift } from '@/lib/gifts/queries';
import { getTrackingForParcelRecipient } from '@/lib/shipments/queries';

export const metadata: Metadata = { title: 'Your gift' };

export default async function ReceivedGiftPage({ params, searchParams }: { params: Promise<{ orderId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { orderId } = await params;
  const user = await requireUserPage(`/account/received/${orderId}`);
  if (!/^[0-9a-f-]{36}$/i.test(orderId)) notFound();
  const gift = await getReceivedGift(user.id, orderId);
  if (!gift || gift.settlement !== 'ship') notFound();
  const just = (await searchParams).just === 'accepted';
  // The recipient is who the parcel goes to: their promise and tracking (G6).
  const tracking = await getTrackingForParcelRecipient(user.id, orderId);
  return (
    <div className="mx-auto max-w-lg space-y-5">
      {just && (
        <Alert tone="success" title="Gift accepted">
          {gift.giverName}’s gift is on its way to being shipped to you. We’ll keep you posted here.
        </Alert>
      )}
      <h1 className="text-2xl font-bold">{gift.title}</h1>
      <p className="text-slate-700">A gift from {gift.giverName}</p>
      {tracking && <OrderTracking promise={tracking.promise} parcels={tracking.parcels} firstStep="Accepted" />}
      <section className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Shipping to</h2>
        {gift.destination ? (
          <PostalAddress a={{ name: gift.destination.fullName, line1: gift.destination.line1, line2: gift.destination.line2, city: gift.destination.city, state: gift.destination.state, zip: gift.destination.zip }} />
        ) : (
          <p className="text-sm text-slate-600">No address on file for this gift.</p>
        )}
      </section>
      <OrderReturnSection userId={user.id} orderId={orderId} />
      <OrderMessagesSection userId={user.id} orderId={orderId} />
      <Link href="/account">← Your account</Link>
    </div>
  );
}
