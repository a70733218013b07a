import { formatDay, formatInstant } from '@/lib/shipments/format';
import type { ParcelTracking, TrackingEvent } from '@/lib/shipments/queries';
import { eventCodeLabel, shipmentStatusLabel, trackingSteps, type ShipmentStatus } from '@/lib/shipments/rules';

// The delivery promise and the parcel's tracking, for the person the parcel goes to (the buyer of their own order,
// the recipient of an accepted gift). NEVER render this on a gift giver's page (G7): the giver's views must be the
// same whether the recipient accepted (and it shipped) or converted.

export type PromiseSummary = { promisedDeliveryDate: string; expectedShipDate: string } | null;

export function TrackingEvents({ events, tz }: { events: TrackingEvent[]; tz?: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No carrier scans yet. Events appear here as the carrier reports them.</p>;
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4" aria-label="Tracking events">
      {events.map((e) => (
        <li key={e.eventId} className="relative text-sm">
          <span aria-hidden className="absolute top-1.5 -left-[1.42rem] size-2.5 rounded-full bg-slate-400" />
          <p className="font-medium">{eventCodeLabel[e.eventCode]}</p>
          <p className="text-slate-600">
            {formatInstant(e.eventTime, tz)}
            {e.city ? ` · ${e.city}, ${e.stateOrRegion}` : ''}
          </p>
          {e.message && e.message !== eventCodeLabel[e.eventCode] && <p className="text-slate-600">{e.message}</p>}
        </li>
      ))}
    </ol>
  );
}

export function OrderTracking({ promise, parcels, tz, firstStep = 'Ordered' }: { promise: PromiseSummary; parcels: ParcelTracking[]; tz?: string; firstStep?: string }) {
  const parcel = parcels[0] ?? null;
  const status: ShipmentStatus | null = parcel?.status ?? null;
  const delivered = status === 'delivered';
  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-5" aria-labelledby="tracking-heading" data-testid="order-tracking">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="tracking-heading" className="text-lg font-semibold">
          {delivered ? 'Delivered' : status === 'lost' ? 'Parcel lost' : status === 'returned_to_sender' ? 'Returned to sender' : status ? shipmentStatusLabel[status] : 'Preparing to ship'}
        </h2>
        {promise && !delivered && (
          <p className="text-sm">
            Arriving by <span className="font-semibold">{formatDay(promise.promisedDeliveryDate)}</span>
          </p>
        )}
        {delivered && parcel?.deliveredAt && <p className="text-sm">{formatInstant(parcel.deliveredAt, tz)}</p>}
      </div>
      <ol className="grid grid-cols-4 gap-1" aria-label="Delivery progress">
        {trackingSteps(parcel, firstStep).map((step) => (
          <li key={step.label} className="text-center text-xs sm:text-sm">
            <span aria-hidden className={`mb-1 block h-1.5 rounded-full ${step.reached ? 'bg-brand' : 'bg-slate-200'}`} />
            <span className={step.reached ? 'font-medium text-slate-900' : 'text-slate-500'}>
              {step.label}
              <span className="sr-only">{step.reached ? ' (done)' : ' (not yet)'}</span>
            </span>
          </li>
        ))}
      </ol>
      {status === 'label_created' && !parcel?.firstScanAt && <p className="text-sm text-slate-700">The seller has bought the shipping label; the carrier hasn’t scanned the parcel yet.</p>}
      {status === 'lost' && <p className="text-sm text-red-800">The carrier reported this parcel lost. The seller has been told; you’ll hear from us about a replacement or refund.</p>}
      {status === 'returned_to_sender' && <p className="text-sm text-red-800">The carrier could not deliver this parcel and is returning it to the seller.</p>}
      {parcel ? (
        <>
          <p className="text-sm text-slate-700">
            {parcel.serviceName} · tracking <span className="font-mono">{parcel.trackingId}</span>
          </p>
          <TrackingEvents events={parcel.events} tz={tz} />
        </>
      ) : (
        <p className="text-sm text-slate-600">The seller hasn’t shipped it yet. Tracking appears here as soon as they do.</p>
      )}
    </section>
  );
}
