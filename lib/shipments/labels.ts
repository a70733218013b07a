import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { rateQuotes, shipments } from '@/db/schema';
import { localDateOf } from '@/lib/calendar';
import { config } from '@/lib/config';
import { getDestinationForFulfilment } from '@/lib/fulfilment/destination';
import { getSellerOrder, markOrderShipped, markOrderUnshipped, type SellerOrder } from '@/lib/orders/queries';
import { clearShipmentFact, recordShipmentFact } from '@/lib/prime/facts';
import { postSellerEntry } from '@/lib/seller-account/ledger';
import { zip3Of, zip3Row } from '@/lib/shipping/geo';
import { zoneFor } from '@/lib/shipping/rules';
import { ShippingError } from './errors';
import { computeRates, type IneligibleRate, type Rate } from './rate-rules';
import { canVoid, newTrackingId, quoteExpired, quoteLifeText, scenarioForTrackingId, type Scenario } from './rules';
import { loadShippingInputs, type PromiseRead, type ShipFrom } from './shipping-inputs';
import { cancelSimulation, scheduleSimulation, simulatorEnabled } from './simulator-job';
import { enqueueShippedNotice } from './shipped-notice';
import { refreshShipments } from './tracking';
import type { Shipment } from './queries';

// Buy Shipping: quote the services for an order (getRates), buy one label (purchaseShipment), void it before the
// carrier scans it (cancelShipment), or record a tracking number bought elsewhere. The seller pages and the Shipping
// API call these same functions; every one takes the seller from the caller's session or API key.

export type Quote = {
  requestToken: string;
  expiresAt: Date;
  rates: Rate[];
  ineligibleRates: IneligibleRate[];
  promise: PromiseRead | null;
  shipFrom: ShipFrom | null;
  weightOz: number;
  zone: number | null;
};

const weightOf = (o: SellerOrder) => o.lines.reduce((sum, l) => sum + l.weightOz * l.quantity, 0) || 16;

async function orderToShip(sellerId: string, orderId: string): Promise<SellerOrder> {
  const order = await getSellerOrder(sellerId, orderId);
  if (!order) throw new ShippingError('NOT_FOUND', 'That order could not be found.');
  if (order.status === 'cancelled') throw new ShippingError('INVALID_STATE', 'This order was cancelled: there is nothing to ship.');
  if (order.status !== 'placed') throw new ShippingError('INVALID_STATE', 'This order has already shipped.');
  return order;
}

async function liveShipmentOf(db: Database, sellerId: string, orderId: string) {
  const [s] = await db
    .select({ id: shipments.id })
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), eq(shipments.sellerId, sellerId), isNull(shipments.voidedAt)))
    .limit(1);
  return s ?? null;
}

// getRates: the services that meet the order's promise, with their price and windows, and the ones that don't with
// why. The answer is stored as a quote the purchase must name (its request token), valid for
// config().shippingQuoteTtlMinutes (10 by default).
export async function getRatesForOrder(sellerId: string, orderId: string, opts: { now?: Date; weightOz?: number } = {}): Promise<Quote> {
  const now = opts.now ?? new Date();
  const order = await orderToShip(sellerId, orderId);
  const db = await getDb();
  if (await liveShipmentOf(db, sellerId, orderId)) throw new ShippingError('INVALID_STATE', 'This order already has a label. Void it first to buy another.');
  // Ownership was checked above (the seller has a line in this order): lib/fulfilment's contract.
  const destination = await getDestinationForFulfilment(orderId);
  if (!destination) throw new ShippingError('INVALID_STATE', 'This order has no shipping address yet.');
  const inputs = await loadShippingInputs(sellerId, orderId);
  const weightOz = opts.weightOz ?? weightOf(order);
  const fromZip3 = inputs.shipFrom ? zip3Of(inputs.shipFrom.zip) : null;
  const toZip3 = zip3Of(destination.zip);
  const zone = fromZip3 && toZip3 ? zoneFor(fromZip3, toZip3, zip3Row) : null;
  const tz = inputs.shipFrom?.timeZone ?? 'America/New_York';
  const { rates, ineligibleRates } = computeRates({
    now,
    services: inputs.services,
    handlingByCarrier: inputs.handlingByCarrier,
    tz,
    destinationTz: (toZip3 && zip3Row(toZip3)?.tz) || tz,
    zone,
    weightOz,
    promise: inputs.promise,
  });
  const expiresAt = new Date(now.getTime() + config().shippingQuoteTtlMinutes * 60_000);
  const [quote] = await db
    .insert(rateQuotes)
    .values({ sellerId, orderId, shipDate: localDateOf(now, tz), weightOz, rates, ineligibleRates, createdAt: now, expiresAt })
    .returning({ id: rateQuotes.id });
  return { requestToken: quote.id, expiresAt, rates, ineligibleRates, promise: inputs.promise, shipFrom: inputs.shipFrom, weightOz, zone };
}

export type PurchaseInput = { requestToken: string; rateId: string; scenario?: Scenario };

// Buys one label. Idempotent: the same (request token, rate) returns the label already bought, even when two
// submissions race (the purchase key is unique; the loser finds the winner's row) and it is charged once (the ledger
// entry's key is the shipment's). A different rate for an order that already has a live label is refused.
export async function purchaseLabel(sellerId: string, userId: string | null, input: PurchaseInput, opts: { now?: Date } = {}): Promise<{ shipment: Shipment; replayed: boolean }> {
  const now = opts.now ?? new Date();
  const db = await getDb();
  const purchaseKey = `${input.requestToken}:${input.rateId}`;
  const existing = await findByPurchaseKey(db, sellerId, purchaseKey);
  if (existing) return { shipment: existing, replayed: true };

  const [quote] = await db
    .select()
    .from(rateQuotes)
    .where(and(eq(rateQuotes.id, input.requestToken), eq(rateQuotes.sellerId, sellerId)))
    .limit(1);
  if (!quote) throw new ShippingError('NOT_FOUND', 'That quote could not be found. Get rates again.');
  if (quoteExpired(quote.expiresAt, now)) throw new ShippingError('TOKEN_EXPIRED', `These rates are more than ${quoteLifeText(config().shippingQuoteTtlMinutes)} old. Get fresh rates and choose again.`);
  const rate = (quote.rates as Rate[]).find((r) => r.rateId === input.rateId);
  if (!rate) throw new ShippingError('RATE_NOT_FOUND', 'That service is not among the rates offered for this order.');
  const order = await orderToShip(sellerId, quote.orderId);
  const destination = await getDestinationForFulfilment(quote.orderId);
  if (!destination) throw new ShippingError('INVALID_STATE', 'This order has no shipping address yet.');
  const inputs = await loadShippingInputs(sellerId, quote.orderId);

  const scenario = simulatorEnabled() ? (input.scenario ?? 'on_time') : 'on_time';
  for (let attempt = 0; attempt < 3; attempt++) {
    const trackingId = newTrackingId(scenario);
    const result = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(shipments)
        .values({
          orderId: quote.orderId,
          sellerId,
          source: 'buy_shipping',
          carrierId: rate.carrierId,
          carrierServiceId: rate.serviceId,
          serviceName: rate.serviceName,
          trackingId,
          quoteId: quote.id,
          rateId: rate.rateId,
          purchaseKey,
          labelCostCents: rate.totalChargeCents,
          billedWeightOz: rate.billedWeightOz,
          claimsProtected: rate.claimsProtected,
          shipDate: rate.shipDate,
          pickupWindowStart: new Date(rate.pickupWindow.start),
          pickupWindowEnd: new Date(rate.pickupWindow.end),
          deliveryWindowStart: new Date(rate.deliveryWindow.start),
          deliveryWindowEnd: new Date(rate.deliveryWindow.end),
          shipFrom: inputs.shipFrom ? { name: inputs.shipFrom.name, line1: inputs.shipFrom.line1, line2: inputs.shipFrom.line2, city: inputs.shipFrom.city, state: inputs.shipFrom.state, zip: inputs.shipFrom.zip } : null,
          createdByUserId: userId,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!created) return null;
      await postSellerEntry(tx, {
        sellerId,
        kind: 'label_purchase',
        amountCents: -rate.totalChargeCents,
        orderId: quote.orderId,
        reference: created.id,
        description: `${rate.serviceName} label ${trackingId}`,
        idempotencyKey: `label:${created.id}:purchase`,
      });
      await recordShipmentFact(tx, {
        orderId: quote.orderId,
        sellerId,
        carrier: rate.carrierId,
        carrierServiceId: rate.serviceId,
        shipMethod: rate.serviceName,
        trackingId,
        labelSource: 'buy_shipping',
        specialOperatingPlan: false,
        claimsProtected: rate.claimsProtected,
      });
      await markOrderShipped(tx, quote.orderId, now);
      await enqueueShippedNotice(tx, {
        orderId: quote.orderId,
        recipientUserId: destination.recipientUserId,
        isGift: order.isGift,
        itemTitles: order.lines.map((l) => l.title),
        serviceName: rate.serviceName,
        trackingId,
        promisedDeliveryDate: inputs.promise?.promisedDeliveryDate ?? null,
      });
      if (simulatorEnabled()) {
        await scheduleSimulation(tx, {
          carrierId: rate.carrierId,
          trackingId,
          scenario,
          labelCreatedAt: now,
          shipFrom: inputs.shipFrom ?? { city: 'Origin', state: destination.state, zip: destination.zip },
          shipTo: { city: destination.city, state: destination.state, zip: destination.zip },
          transitDays: rate.transitDays,
          promisedDeliveryBy: inputs.promise?.promisedDeliveryBy ?? null,
        });
      }
      return created;
    });
    if (result) return { shipment: result, replayed: false };
    // Nothing inserted: the twin submission won (same key), another label is live for the order, or (rarely) the
    // random tracking number was taken, in which case try again with another.
    const twin = await findByPurchaseKey(db, sellerId, purchaseKey);
    if (twin) return { shipment: twin, replayed: true };
    if (await liveShipmentOf(db, sellerId, quote.orderId)) throw new ShippingError('CONFLICT', 'This order already has a label. Void it first to buy another.');
  }
  throw new ShippingError('INTERNAL_ERROR', 'The label could not be created. Please try again.');
}

async function findByPurchaseKey(db: Database, sellerId: string, purchaseKey: string) {
  const [s] = await db
    .select()
    .from(shipments)
    .where(and(eq(shipments.purchaseKey, purchaseKey), eq(shipments.sellerId, sellerId)))
    .limit(1);
  return s ?? null;
}

// Voids a Buy Shipping label the carrier has not scanned, and credits its charge back once. Voiding a voided label
// again changes nothing (no second credit); a scanned parcel's label can't be voided.
export async function voidLabel(sellerId: string, shipmentId: string): Promise<{ shipment: Shipment; alreadyVoided: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [voided] = await tx
      .update(shipments)
      .set({ status: 'voided', voidedAt: sql`now()` })
      .where(
        and(
          eq(shipments.id, shipmentId),
          eq(shipments.sellerId, sellerId),
          eq(shipments.source, 'buy_shipping'),
          eq(shipments.status, 'label_created'),
          isNull(shipments.firstScanAt),
          isNull(shipments.voidedAt),
        ),
      )
      .returning();
    if (!voided) {
      const [s] = await tx
        .select()
        .from(shipments)
        .where(and(eq(shipments.id, shipmentId), eq(shipments.sellerId, sellerId)))
        .limit(1);
      if (!s) throw new ShippingError('NOT_FOUND', 'That shipment could not be found.');
      if (s.status === 'voided') return { shipment: s, alreadyVoided: true };
      const why = canVoid(s);
      throw new ShippingError('INVALID_STATE', why.ok ? 'This label can no longer be voided.' : why.reason);
    }
    await postSellerEntry(tx, {
      sellerId,
      kind: 'label_refund',
      amountCents: voided.labelCostCents!,
      orderId: voided.orderId,
      reference: voided.id,
      description: `Voided ${voided.serviceName} label ${voided.trackingId}`,
      idempotencyKey: `label:${voided.id}:refund`,
    });
    await clearShipmentFact(tx, { orderId: voided.orderId, sellerId });
    await markOrderUnshipped(tx, voided.orderId);
    await cancelSimulation(tx, voided.carrierId, voided.trackingId);
    return { shipment: voided, alreadyVoided: false };
  });
}

export type ExternalShipmentInput = { orderId: string; carrierId: string; carrierServiceId?: string | null; serviceName: string; trackingId: string };

// "Ship without Buy Shipping": the seller bought postage elsewhere and records its tracking number. It counts as
// shipped outside Buy Shipping (the "X" of the defect report) unless the service is under a special operating plan.
export async function recordExternalShipment(sellerId: string, userId: string | null, input: ExternalShipmentInput, opts: { now?: Date } = {}): Promise<Shipment> {
  const now = opts.now ?? new Date();
  const order = await orderToShip(sellerId, input.orderId);
  const db = await getDb();
  const inputs = await loadShippingInputs(sellerId, input.orderId);
  const service = input.carrierServiceId ? inputs.services.find((s) => s.id === input.carrierServiceId) : undefined;
  if (input.carrierServiceId && !service) throw new ShippingError('INVALID_INPUT', 'Choose one of the listed services.', { fieldErrors: { carrierServiceId: ['Choose one of the listed services.'] } });
  if (service && service.carrier.toUpperCase() !== input.carrierId) throw new ShippingError('INVALID_INPUT', 'That service belongs to another carrier.', { fieldErrors: { carrierServiceId: ['That service belongs to another carrier.'] } });
  const specialOperatingPlan = service?.specialOperatingPlan ?? false;
  const destination = await getDestinationForFulfilment(input.orderId);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(shipments)
        .values({
          orderId: input.orderId,
          sellerId,
          source: 'external',
          carrierId: input.carrierId,
          carrierServiceId: service?.id ?? null,
          serviceName: service?.name ?? input.serviceName,
          trackingId: input.trackingId,
          specialOperatingPlan,
          createdByUserId: userId,
          createdAt: now,
        })
        .returning();
      await recordShipmentFact(tx, {
        orderId: input.orderId,
        sellerId,
        carrier: input.carrierId,
        carrierServiceId: service?.id ?? null,
        shipMethod: created.serviceName,
        trackingId: input.trackingId,
        labelSource: 'external',
        specialOperatingPlan,
        claimsProtected: false,
      });
      await markOrderShipped(tx, input.orderId, now);
      if (destination) {
        await enqueueShippedNotice(tx, {
          orderId: input.orderId,
          recipientUserId: destination.recipientUserId,
          isGift: order.isGift,
          itemTitles: order.lines.map((l) => l.title),
          serviceName: created.serviceName,
          trackingId: input.trackingId,
          promisedDeliveryDate: inputs.promise?.promisedDeliveryDate ?? null,
        });
      }
      // The sandbox carrier plays its EZ test numbers for labels bought elsewhere too (EasyPost's convention).
      const scenario = scenarioForTrackingId(input.trackingId);
      if (simulatorEnabled() && scenario && destination) {
        await scheduleSimulation(tx, {
          carrierId: input.carrierId,
          trackingId: input.trackingId,
          scenario,
          labelCreatedAt: now,
          shipFrom: inputs.shipFrom ?? { city: 'Origin', state: destination.state, zip: destination.zip },
          shipTo: { city: destination.city, state: destination.state, zip: destination.zip },
          promisedDeliveryBy: inputs.promise?.promisedDeliveryBy ?? null,
        });
      }
      // Events the carrier sent before the seller recorded the number apply at once.
      await refreshShipments(tx, input.carrierId, [input.trackingId]);
      const [fresh] = await tx.select().from(shipments).where(eq(shipments.id, created.id));
      return fresh;
    });
  } catch (e) {
    const code = (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;
    if (code === '23505') {
      if (await liveShipmentOf(db, sellerId, input.orderId)) throw new ShippingError('CONFLICT', 'This order already has a shipment.');
      throw new ShippingError('CONFLICT', 'That tracking number is already recorded for another shipment.', { fieldErrors: { trackingId: ['That tracking number is already recorded.'] } });
    }
    throw e;
  }
}
