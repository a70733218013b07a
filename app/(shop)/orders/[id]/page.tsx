import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CancelGiftButton } from '@/components/shop/cancel-gift-button';
import { GiftStatusBadge } from '@/components/shop/gift-status-badge';
import { OrderTracking } from '@/components/shop/tracking';
import { OrderMessagesSection } from '@/components/returns/order-messages-section';
import { OrderReturnSection } from '@/components/returns/order-return-section';
import { Alert } from '@/components/ui/alert';
import { PostalAddress } from '@/components/ui/postal-address';
import { Badge } from '@/components/ui/badge';
import { requireUserPage } from '@/lib/auth/session';
import { getDestinationForRecipient } from '@/lib/fulfilment/destination';
import { formatExpiry } from '@/lib/gifts/messages';
import { giverGiftSummaries } from '@/lib/gifts/giver-view';
import { giverStatusLabel } from '@/lib/gifts/rules';
import { formatMoney } from '@/lib/money';
import { getBuyerOrder } from '@/lib/orders/queries';
import { orderStatusLabel } from '@/lib/orders/rules';
import { getTrackingForParcelRecipient } from '@/lib/shipments/queries';

export const metadata: Metadata = { title: 'Order details' };

export default async function OrderPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  const user = await requireUserPage(`/orders/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const order = await getBuyerOrder(user.id, id);
  if (!order) notFound();
  // To whom the gift went, as the giver typed it (the giver knows it; it is never the recipient's address).
  const summary = order.gift ? (await giverGiftSummaries(user.id, [order.id])).get(order.id) : undefined;
  const sentTo = summary?.sentTo ?? order.gift?.sentTo;
  const notCharged = order.gift && ['declined', 'expired', 'cancelled'].includes(order.gift.status);
  // Only the account the parcel goes to gets its address back: the buyer of an own order. For a gift that is the
  // recipient, so this is null for the giver by construction (the lookup is keyed to the recipient, not the order).
  const destination = order.gift ? null : await getDestinationForRecipient(user.id, order.id);
  // The promise and tracking are for the person the parcel goes to: never for a gift's giver (G7), so only read for an
  // own order (and the lookup itself is keyed to the parcel's recipient).
  const tracking = !order.gift && destination ? await getTrackingForParcelRecipient(user.id, order.id) : null;
  const placed = (await searchParams).placed === '1';
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{order.gift ? 'Your gift' : 'Your order'}</h1>
        {order.gift ? <GiftStatusBadge status={order.gift.status} label={giverStatusLabel[order.gift.status]} /> : order.status && <Badge>{orderStatusLabel[order.status]}</Badge>}
      </div>
      {placed && (
        <Alert tone="success" title={order.gift ? 'Gift sent' : 'Order placed'}>
          {order.gift
            ? `We’ve ${order.gift.channel === 'sms' ? 'texted' : 'emailed'} your gift to ${sentTo}. Your card has a hold and is charged only if they accept.`
            : 'Thanks! We’ll send you the tracking number when it ships.'}
        </Alert>
      )}
      {/* Every line of the order (an order may have several). */}
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Items">
        {order.lines.map((line, i) => (
          <li key={`${line.slug}-${i}`} className="flex items-center gap-4 p-4">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={line.imageUrl} alt="" width={96} height={72} className="h-18 w-24 rounded bg-slate-100 object-contain" />
            <div>
              <Link href={`/products/${line.slug}`} className="font-semibold">
                {line.title}
              </Link>
              <p className="text-sm text-slate-600">
                Qty {line.quantity} · {formatMoney(line.unitPriceCents, order.currency)} each
              </p>
            </div>
          </li>
        ))}
      </ul>

      {tracking && <OrderTracking promise={tracking.promise} parcels={tracking.parcels} />}

      {order.gift && (
        <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="gift-heading">
          <h2 id="gift-heading" className="font-semibold">
            Gift
          </h2>
          <p className="text-sm">
            Sent to <span className="font-medium">{sentTo}</span> by {order.gift.channel === 'sms' ? 'text message' : 'email'}.
          </p>
          {order.gift.message && <p className="text-sm text-slate-700">Your message: “{order.gift.message}”</p>}
          {order.gift.status === 'waiting' && order.gift.expiresAt && (
            <>
              <p className="text-sm" data-testid="gift-expiry">
                Waiting for the recipient until <span className="font-medium">{formatExpiry(order.gift.expiresAt)}</span>. Your card has a hold of{' '}
                {formatMoney(order.totalCents - order.giftCardCents, order.currency)}; nothing is charged unless they accept.
              </p>
              <CancelGiftButton orderId={order.id} />
            </>
          )}
          {order.gift.status === 'accepted' && <p className="text-sm">The recipient accepted your gift. Your card was charged.</p>}
          {(order.gift.status === 'declined' || order.gift.status === 'expired' || order.gift.status === 'cancelled') && (
            <p className="text-sm">Your card was not charged; the hold was released.</p>
          )}
          <p className="text-xs text-slate-500">The recipient’s address is never shown to you.</p>
        </section>
      )}

      {destination && (
        <section className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">Shipping to</h2>
          <PostalAddress a={{ name: destination.fullName, line1: destination.line1, line2: destination.line2, city: destination.city, state: destination.state, zip: destination.zip }} />
        </section>
      )}

      <section className="rounded-xl border border-slate-200 bg-white p-4">
        <dl className="space-y-1 text-sm">
          <div className="flex justify-between">
            <dt>Items</dt>
            <dd>{formatMoney(order.subtotalCents, order.currency)}</dd>
          </div>
          <div className="flex justify-between">
            <dt>Shipping</dt>
            <dd>{order.shippingCents === 0 ? 'FREE' : formatMoney(order.shippingCents, order.currency)}</dd>
          </div>
          {order.giftCardCents > 0 && (
            <div className="flex justify-between">
              <dt>Paid with gift card</dt>
              <dd>−{formatMoney(order.giftCardCents, order.currency)}</dd>
            </div>
          )}
          <div className="flex justify-between border-t border-slate-200 pt-2 font-bold">
            <dt>Total</dt>
            <dd>
              {formatMoney(order.totalCents, order.currency)}
              {notCharged && <span className="ml-2 font-medium text-slate-600" data-testid="not-charged">Not charged</span>}
            </dd>
          </div>
        </dl>
      </section>
      {/* Returns are for the buyer of an own order (a gift's recipient returns it from their own page, never the giver). */}
      {!order.gift && <OrderReturnSection userId={user.id} orderId={order.id} />}
      <OrderMessagesSection userId={user.id} orderId={order.id} />
      <Link href="/orders">← All orders</Link>
    </div>
  );
}
