import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BuyShipping } from '@/components/seller/orders/buy-shipping';
import { ShipOutsideForm } from '@/components/seller/orders/ship-outside-form';
import { ShipmentStatusBadge } from '@/components/seller/orders/shipment-status-badge';
import { VoidLabelButton } from '@/components/seller/orders/void-label-button';
import { TrackingEvents } from '@/components/shop/tracking';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { PostalAddress } from '@/components/ui/postal-address';
import { requireUserPage } from '@/lib/auth/session';
import { localDateOf } from '@/lib/calendar';
import { config } from '@/lib/config';
import { formatMoney } from '@/lib/money';
import { getSellerForUser } from '@/lib/prime/queries';
import { carrierClaimsUrl } from '@/lib/shipments/carriers';
import { formatDay, formatInstant } from '@/lib/shipments/format';
import { canVoid, quoteLifeText, shipByUrgency } from '@/lib/shipments/rules';
import { getSellerOrderDetail } from '@/lib/shipments/seller-orders';

export const metadata: Metadata = { title: 'Buy Shipping · Seller Central' };

const levelLabel = { one_day: 'One-day', two_day: 'Two-day', standard: 'Standard' } as const;

export default async function SellerOrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  const user = await requireUserPage(`/seller/orders/${orderId}`, ['seller']);
  const seller = await getSellerForUser(user.id);
  const detail = seller ? await getSellerOrderDetail(seller.id, orderId) : null;
  if (!seller || !detail) notFound();
  const { order, destination, promise, live, events, voided, services } = detail;
  const tz = seller.timeZone;
  const today = localDateOf(new Date(), tz);
  const urgency = promise && order.status === 'placed' ? shipByUrgency(promise.expectedShipDate, today) : null;
  const ref = order.orderId.slice(0, 8).toUpperCase();
  const lostOrDamaged = live && (live.status === 'lost' || live.status === 'returned_to_sender');
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <Link href="/seller/orders" className="text-sm">
        ← Orders
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">
          Order <span className="font-mono">{ref}</span>
        </h1>
        {order.status === 'cancelled' ? <Badge>Cancelled</Badge> : live ? <ShipmentStatusBadge status={live.status} /> : <Badge tone="blue">Unshipped</Badge>}
      </div>

      <section className="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 sm:p-5" aria-label="Order summary">
        <div className="space-y-2">
          <h2 className="font-semibold">Items</h2>
          <ul className="text-sm">
            {order.lines.map((l) => (
              <li key={l.offerId}>
                {l.title} × {l.quantity} <span className="text-slate-600">({Math.ceil((l.weightOz * l.quantity) / 16)} lb)</span>
              </li>
            ))}
          </ul>
          {order.giftReceipt && <p className="text-sm text-slate-700">Include a gift receipt (no prices on the packing slip).</p>}
          <h2 className="pt-2 font-semibold">Ship to</h2>
          {destination ? (
            <PostalAddress a={{ name: destination.fullName, line1: destination.line1, line2: destination.line2, city: destination.city, state: destination.state, zip: destination.zip }} />
          ) : (
            <p className="text-sm text-slate-600">No address yet.</p>
          )}
        </div>
        <div className="space-y-2 text-sm">
          <h2 className="font-semibold">Delivery promise</h2>
          {promise ? (
            <dl className="space-y-2">
              <div>
                <dt className="text-slate-600">Ship by</dt>
                <dd className="flex items-center gap-2 font-medium">
                  {formatDay(promise.expectedShipDate)}
                  {urgency === 'overdue' && <Badge tone="red">Overdue</Badge>}
                  {urgency === 'due_today' && <Badge tone="amber">Due today</Badge>}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">Deliver by</dt>
                <dd className="font-medium">{formatDay(promise.promisedDeliveryDate)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">Promise</dt>
                <dd>
                  {levelLabel[promise.level]}
                  {promise.isPrime ? ' · Prime' : ''}
                </dd>
              </div>
            </dl>
          ) : (
            <p className="text-slate-600">This order has no recorded delivery promise.</p>
          )}
        </div>
      </section>

      {live && (
        <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-5" aria-labelledby="shipment-heading">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <h2 id="shipment-heading" className="text-lg font-semibold">
                {live.source === 'buy_shipping' ? 'Label bought' : 'Shipped outside Buy Shipping'}
              </h2>
              <p className="text-sm text-slate-700">
                {live.serviceName} · <span className="font-mono" data-testid="tracking-id">{live.trackingId}</span>
              </p>
              {live.labelCostCents && <p className="text-sm text-slate-700">Charged {formatMoney(live.labelCostCents)} to your seller account · {formatInstant(live.createdAt, tz)}</p>}
            </div>
            <div className="flex flex-wrap gap-1.5">
              {live.source === 'buy_shipping' && (live.claimsProtected ? <Badge tone="green">Claims protected</Badge> : <Badge tone="amber">Late delivery risk</Badge>)}
              {live.source === 'external' && (live.specialOperatingPlan ? <Badge tone="blue">Special operating plan</Badge> : <Badge tone="amber">Outside Buy Shipping</Badge>)}
            </div>
          </div>
          {live.source === 'buy_shipping' && live.deliveryWindowEnd && live.pickupWindowEnd && (
            <p className="text-sm">
              Hand it to the carrier by <span className="font-medium">{formatInstant(live.pickupWindowEnd, tz)}</span>; expected delivery{' '}
              <span className="font-medium">{formatInstant(live.deliveryWindowEnd, tz)}</span>.
            </p>
          )}
          {lostOrDamaged && (
            <Alert tone="warning" title={live.status === 'lost' ? 'The carrier reported this parcel lost' : 'The carrier is returning this parcel'}>
              Lost or damaged parcels are handled by the carrier’s own claim process (S16):{' '}
              <a href={carrierClaimsUrl(live.carrierId)} target="_blank" rel="noopener noreferrer">
                file a claim with {live.carrierId}
              </a>{' '}
              with tracking number {live.trackingId}.
            </Alert>
          )}
          <div className="flex flex-wrap gap-2">
            {live.source === 'buy_shipping' && (
              <a href={`/api/labels/${live.id}`} className={buttonClass('primary')} download>
                Download label (PDF, 4×6)
              </a>
            )}
            {canVoid(live).ok && <VoidLabelButton shipmentId={live.id} cost={formatMoney(live.labelCostCents ?? 0)} />}
          </div>
          {live.source === 'buy_shipping' && !canVoid(live).ok && live.status !== 'voided' && <p className="text-sm text-slate-600">The carrier has scanned this parcel, so its label can no longer be voided.</p>}
          <div>
            <h3 className="mb-2 font-semibold">Tracking</h3>
            <TrackingEvents events={events} tz={tz} />
          </div>
        </section>
      )}

      {!live && order.status === 'placed' && (
        <>
          <BuyShipping orderId={order.orderId} tz={tz} sandbox={config().carrierSimulator} quoteLife={quoteLifeText(config().shippingQuoteTtlMinutes)} />
          <details className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
            <summary className="cursor-pointer font-semibold">Ship without Buy Shipping</summary>
            <p className="mt-2 mb-3 text-sm text-slate-700">Bought postage elsewhere? Record the carrier and tracking number so the buyer can follow the parcel.</p>
            <ShipOutsideForm orderId={order.orderId} services={services.map((s) => ({ id: s.id, carrier: s.carrier, name: s.name, specialOperatingPlan: s.specialOperatingPlan }))} />
          </details>
        </>
      )}

      {voided.length > 0 && (
        <section className="text-sm text-slate-700" aria-label="Voided labels">
          <h2 className="font-semibold">Voided labels</h2>
          <ul>
            {voided.map((v) => (
              <li key={v.id}>
                {v.serviceName} <span className="font-mono">{v.trackingId}</span> · {formatMoney(v.labelCostCents ?? 0)} credited back
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
