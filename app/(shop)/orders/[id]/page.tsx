import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CancelGiftButton } from '@/components/shop/cancel-gift-button';
import { GiftStatusBadge } from '@/components/shop/gift-status-badge';
import { Alert } from '@/components/ui/alert';
import { PostalAddress } from '@/components/ui/postal-address';
import { Badge } from '@/components/ui/badge';
import { requireUserPage } from '@/lib/auth/session';
import { formatExpiry } from '@/lib/gifts/messages';
import { giverStatusLabel } from '@/lib/gifts/rules';
import { formatMoney } from '@/lib/money';
import { getBuyerOrder } from '@/lib/orders/queries';
import { orderStatusLabel } from '@/lib/orders/rules';

export const metadata: Metadata = { title: 'Order details' };

export default async function OrderPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  const user = await requireUserPage(`/orders/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const order = await getBuyerOrder(user.id, id);
  if (!order) notFound();
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
            ? `We’ve sent your gift to ${order.gift.sentTo}. Your card has a hold and is charged only if they accept.`
            : 'Thanks! We’ll email you when it ships.'}
        </Alert>
      )}
      <section className="flex items-center gap-4 rounded-xl border border-slate-200 bg-white p-4">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={order.imageUrl} alt="" width={96} height={72} className="h-18 w-24 rounded bg-slate-100 object-contain" />
        <div>
          <Link href={`/products/${order.slug}`} className="font-semibold">
            {order.title}
          </Link>
          <p className="text-sm text-slate-600">
            Qty {order.quantity} · {formatMoney(order.unitPriceCents, order.currency)} each
          </p>
        </div>
      </section>

      {order.gift && (
        <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="gift-heading">
          <h2 id="gift-heading" className="font-semibold">
            Gift
          </h2>
          <p className="text-sm">
            Sent to <span className="font-medium">{order.gift.sentTo}</span> by {order.gift.channel === 'sms' ? 'text message' : 'email'}.
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

      {!order.gift && order.shipToLine1 && (
        <section className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">Shipping to</h2>
          <PostalAddress a={{ name: order.shipToName, line1: order.shipToLine1, line2: order.shipToLine2, city: order.shipToCity, state: order.shipToState, zip: order.shipToZip }} />
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
            <dd>{formatMoney(order.totalCents, order.currency)}</dd>
          </div>
        </dl>
      </section>
      <Link href="/orders">← All orders</Link>
    </div>
  );
}
