import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Database } from '@/db';
import { shipments, trackingEvents } from '@/db/schema';
import { markOrderDelivered } from '@/lib/orders/queries';
import { recordScanFact } from '@/lib/prime/facts';
import { eventsFor } from './queries';
import { deriveShipmentState, EVENT_CODES } from './rules';

// Carrier tracking events: what a carrier's webhook delivers (after its signature was checked) and what the simulator
// produces. Deliveries are at-least-once and in any order: every event is stored once, and a parcel's state is derived
// again from the whole set of its events each time, so duplicates change nothing and order of arrival does not matter.

const text = (max: number) => z.string().trim().min(1).max(max);

export const carrierEventSchema = z.object({
  eventId: text(100),
  trackingId: z.string().trim().regex(/^[A-Za-z0-9]{6,40}$/, 'A tracking number is 6-40 letters and digits'),
  eventCode: z.enum(EVENT_CODES),
  eventTime: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  location: z
    .object({
      city: text(80).optional(),
      stateOrRegion: text(40).optional(),
      postalCode: text(12).optional(),
      countryCode: z.string().trim().length(2).optional(),
    })
    .optional(),
  message: text(300).optional(),
});
export const carrierWebhookBodySchema = z.object({ events: z.array(carrierEventSchema).min(1).max(500) });
export type CarrierEvent = z.output<typeof carrierEventSchema>;

export type IngestResult = { received: number; stored: number; duplicates: number; shipmentsUpdated: number };

// Stores the events and brings every live shipment they concern up to date, in one transaction. Exported for seeds
// and the demo (the webhook route calls it once the signature is verified).
export async function ingestCarrierEvents(carrierId: string, events: CarrierEvent[], db?: Database): Promise<IngestResult> {
  if (events.length === 0) return { received: 0, stored: 0, duplicates: 0, shipmentsUpdated: 0 };
  const d = db ?? (await getDb());
  return d.transaction(async (tx) => {
    const inserted = await tx
      .insert(trackingEvents)
      .values(
        events.map((e) => ({
          carrierId,
          trackingId: e.trackingId,
          eventId: e.eventId,
          eventCode: e.eventCode,
          eventTime: e.eventTime,
          city: e.location?.city ?? null,
          stateOrRegion: e.location?.stateOrRegion ?? null,
          postalCode: e.location?.postalCode ?? null,
          countryCode: e.location?.countryCode ?? null,
          message: e.message ?? null,
        })),
      )
      // Either unique key (the carrier's event id, or tracking+code+time) makes a repeat a no-op.
      .onConflictDoNothing()
      .returning({ id: trackingEvents.id });
    const updated = await refreshShipments(tx, carrierId, [...new Set(events.map((e) => e.trackingId))]);
    return { received: events.length, stored: inserted.length, duplicates: events.length - inserted.length, shipmentsUpdated: updated };
  });
}

// Re-derives the state of the live shipments with these tracking numbers from all their stored events. The rows are
// locked first, so two deliveries for one parcel are applied one after the other and the second sees the first's events.
export async function refreshShipments(tx: Database, carrierId: string, trackingIds: string[]): Promise<number> {
  if (trackingIds.length === 0) return 0;
  const live = await tx
    .select()
    .from(shipments)
    .where(and(eq(shipments.carrierId, carrierId), inArray(shipments.trackingId, trackingIds), isNull(shipments.voidedAt)))
    .for('update');
  if (live.length === 0) return 0;
  const events = await eventsFor(live, tx);
  let changed = 0;
  for (const s of live) {
    const derived = deriveShipmentState(events.get(`${s.carrierId}:${s.trackingId}`) ?? []);
    const same =
      derived.status === s.status &&
      derived.statusAt?.getTime() === s.statusAt?.getTime() &&
      derived.firstScanAt?.getTime() === s.firstScanAt?.getTime() &&
      derived.clockStopAt?.getTime() === s.clockStopAt?.getTime() &&
      derived.deliveredAt?.getTime() === s.deliveredAt?.getTime();
    if (same) continue;
    changed++;
    await tx
      .update(shipments)
      .set({ status: derived.status, statusAt: derived.statusAt, firstScanAt: derived.firstScanAt, clockStopAt: derived.clockStopAt, deliveredAt: derived.deliveredAt })
      .where(eq(shipments.id, s.id));
    // The Prime metrics' facts: the first physical scan (valid tracking, shipped on time) and the clock-stop.
    if (derived.firstScanAt || derived.clockStopAt) {
      await recordScanFact(tx, { orderId: s.orderId, sellerId: s.sellerId, firstScanAt: derived.firstScanAt, clockStopAt: derived.clockStopAt });
    }
    if (derived.deliveredAt) await markOrderDelivered(tx, s.orderId, derived.deliveredAt);
  }
  return changed;
}
