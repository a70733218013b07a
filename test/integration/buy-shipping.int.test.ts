import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { trackingEvents } from '@/db/schema';
import { sellerBalanceCents } from '@/lib/seller-account/ledger';
import { handleCancelShipment, handleGetRates, handleGetTracking, handlePurchaseShipment } from '@/lib/shipments/api';
import { authenticateApiKey, createApiKey, revokeApiKey } from '@/lib/shipments/api-keys';
import { config } from '@/lib/config';
import { purgeExpiredQuotes } from '@/lib/shipments/simulator-job';
import { carrierSimulatorEvents, rateQuotes } from '@/db/schema';
import { getOrderPromise } from '@/lib/shipping/promise';
import { ShippingError } from '@/lib/shipments/errors';
import { getRatesForOrder, purchaseLabel, recordExternalShipment, voidLabel } from '@/lib/shipments/labels';
import { getOrderTrackingForRecipient, getSellerShipment } from '@/lib/shipments/queries';
import { signPayload, type Scenario } from '@/lib/shipments/rules';
import { carrierSigningSecret } from '@/lib/shipments/secrets';
import { ingestCarrierEvents } from '@/lib/shipments/tracking';
import { handleCarrierWebhook } from '@/lib/shipments/webhook';
import { listOrdersForSeller } from '@/lib/shipments/seller-orders';
import { createUser } from '@/db/seed/factories';
import { shipFromLocations } from '@/db/schema';
import { decideGift } from '@/lib/gifts/commands';
import { getTrackingForParcelRecipient } from '@/lib/shipments/queries';
import { outboxFor, rejection, sendGift, shipTo } from '@/test/support/gift-fixtures';
import { hasPostgresServer } from '@/test/support/integration-setup';
import { advanceSimulator, anotherOrderOf, ledgerOf, orderStatusOf, sellerWithOrder, shipmentsOfOrder } from '@/test/support/shipping-fixtures';

const MINUTE = 60_000;

// Read once, lazily, by lib/config: not the defaults, so every message and window below must follow the configuration.
process.env.SHIPPING_QUOTE_TTL_MINUTES = '4';
process.env.CARRIER_WEBHOOK_TOLERANCE_SECONDS = '120';

async function boughtLabel(opts: { scenario?: Scenario } = {}) {
  const ctx = await sellerWithOrder();
  const quote = await getRatesForOrder(ctx.seller.id, ctx.orderId);
  const rate = quote.rates[0];
  const { shipment } = await purchaseLabel(ctx.seller.id, ctx.sellerUser.id, { requestToken: quote.requestToken, rateId: rate.rateId, scenario: opts.scenario });
  return { ...ctx, quote, rate, shipment };
}

function signedRequest(carrier: string, payload: unknown, opts: { at?: number; secret?: string } = {}) {
  const body = JSON.stringify(payload);
  const t = opts.at ?? Math.floor(Date.now() / 1000);
  return new Request(`http://test.local/api/carriers/${carrier}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-carrier-signature': signPayload(opts.secret ?? carrierSigningSecret(carrier.toUpperCase() as 'UPS'), body, t) },
    body,
  });
}

const event = (trackingId: string, eventCode: string, iso: string, eventId = `${trackingId}-${eventCode}-${iso}`) => ({ eventId, trackingId, eventCode, eventTime: iso, location: { city: 'Austin', stateOrRegion: 'TX', postalCode: '78701', countryCode: 'US' } });

describe('rates and quotes', () => {
  it('lists rates with windows and reasons, and refuses another seller and a shipped order', async () => {
    const ctx = await sellerWithOrder();
    const quote = await getRatesForOrder(ctx.seller.id, ctx.orderId);
    expect(quote.zone).toBeGreaterThanOrEqual(5); // Newark → Austin
    expect(quote.rates.length).toBeGreaterThan(0);
    for (const r of quote.rates) {
      expect(r.totalChargeCents).toBeGreaterThan(0);
      expect(new Date(r.deliveryWindow.start).getTime()).toBeLessThan(new Date(r.deliveryWindow.end).getTime());
    }
    // The special-operating-plan service is never sold through Buy Shipping.
    expect(quote.ineligibleRates.some((r) => r.ineligibilityReasons[0].code === 'PROGRAM_CONSTRAINTS')).toBe(true);
    const other = await sellerWithOrder();
    expect((await rejection(getRatesForOrder(other.seller.id, ctx.orderId))).code).toBe('NOT_FOUND');
  });

  it('refuses a quote older than the configured life (TOKEN_EXPIRED), says so, and charges nothing', async () => {
    const ctx = await sellerWithOrder();
    const t0 = new Date();
    const quote = await getRatesForOrder(ctx.seller.id, ctx.orderId, { now: t0 });
    expect(quote.expiresAt.getTime() - t0.getTime()).toBe(4 * MINUTE);
    const e = await rejection(purchaseLabel(ctx.seller.id, null, { requestToken: quote.requestToken, rateId: quote.rates[0].rateId }, { now: new Date(t0.getTime() + 4 * MINUTE + 1000) }));
    expect((e as ShippingError).apiCode).toBe('TOKEN_EXPIRED');
    expect(e.message).toBe('These rates are more than 4 minutes old. Get fresh rates and choose again.');
    expect(await ledgerOf(ctx.seller.id)).toHaveLength(0);
    expect(await shipmentsOfOrder(ctx.orderId)).toHaveLength(0);
    // Just inside the window it works.
    const ok = await purchaseLabel(ctx.seller.id, null, { requestToken: quote.requestToken, rateId: quote.rates[0].rateId }, { now: new Date(t0.getTime() + 3 * MINUTE) });
    expect(ok.shipment.trackingId).toMatch(/^EZ1\d{9}$/);
  });

  it('refuses a rate id that was not offered, and another seller’s token', async () => {
    const ctx = await sellerWithOrder();
    const quote = await getRatesForOrder(ctx.seller.id, ctx.orderId);
    expect(((await rejection(purchaseLabel(ctx.seller.id, null, { requestToken: quote.requestToken, rateId: 'ontrac-ground' }))) as ShippingError).apiCode).toBe('RATE_NOT_FOUND');
    const other = await sellerWithOrder();
    expect((await rejection(purchaseLabel(other.seller.id, null, { requestToken: quote.requestToken, rateId: quote.rates[0].rateId }))).code).toBe('NOT_FOUND');
  });
});

describe('label purchase', () => {
  it('concurrent double submits buy one label and charge once', async () => {
    const ctx = await sellerWithOrder();
    const quote = await getRatesForOrder(ctx.seller.id, ctx.orderId);
    const input = { requestToken: quote.requestToken, rateId: quote.rates[0].rateId };
    const results = await Promise.all([purchaseLabel(ctx.seller.id, null, input), purchaseLabel(ctx.seller.id, null, input), purchaseLabel(ctx.seller.id, null, input)]);
    expect(new Set(results.map((r) => r.shipment.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await shipmentsOfOrder(ctx.orderId)).toHaveLength(1);
    const entries = await ledgerOf(ctx.seller.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'label_purchase', amountCents: -quote.rates[0].totalChargeCents, orderId: ctx.orderId });
    expect(await orderStatusOf(ctx.orderId)).toBe('shipped');
    if (!hasPostgresServer) console.warn('PGlite: the contenders ran one after another');
  });

  it('two different rates at once: one label, the other refused', async () => {
    const ctx = await sellerWithOrder();
    const quote = await getRatesForOrder(ctx.seller.id, ctx.orderId);
    expect(quote.rates.length).toBeGreaterThan(1);
    const settled = await Promise.allSettled(quote.rates.slice(0, 2).map((r) => purchaseLabel(ctx.seller.id, null, { requestToken: quote.requestToken, rateId: r.rateId })));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    const refused = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ShippingError);
    expect((await ledgerOf(ctx.seller.id)).length).toBe(1);
  });

  it('void before the first scan credits the charge back once; a second void changes nothing', async () => {
    const { seller, shipment, orderId } = await boughtLabel();
    const before = await sellerBalanceCents(seller.id);
    expect(before).toBe(-shipment.labelCostCents!);
    const [a, b] = await Promise.all([voidLabel(seller.id, shipment.id), voidLabel(seller.id, shipment.id)]);
    expect([a.alreadyVoided, b.alreadyVoided].sort()).toEqual([false, true]);
    expect(await voidLabel(seller.id, shipment.id)).toMatchObject({ alreadyVoided: true });
    expect(await sellerBalanceCents(seller.id)).toBe(0);
    expect((await ledgerOf(seller.id)).map((e) => e.kind).sort()).toEqual(['label_purchase', 'label_refund']);
    expect(await orderStatusOf(orderId)).toBe('placed');
    // A new label can be bought after the void.
    const again = await getRatesForOrder(seller.id, orderId);
    expect(again.rates.length).toBeGreaterThan(0);
  });

  it('void after the first scan is refused and nothing is credited', async () => {
    const { seller, shipment } = await boughtLabel();
    await ingestCarrierEvents(shipment.carrierId, [{ eventId: 'scan-1', trackingId: shipment.trackingId, eventCode: 'PickupDone', eventTime: new Date() }]);
    const e = await rejection(voidLabel(seller.id, shipment.id));
    expect(e.message).toMatch(/already scanned/);
    expect(await sellerBalanceCents(seller.id)).toBe(-shipment.labelCostCents!);
    const other = await sellerWithOrder();
    expect((await rejection(voidLabel(other.seller.id, shipment.id))).code).toBe('NOT_FOUND');
  });

  it('ship without Buy Shipping records the tracking number and refuses a second shipment', async () => {
    const ctx = await sellerWithOrder();
    const s = await recordExternalShipment(ctx.seller.id, null, { orderId: ctx.orderId, carrierId: 'USPS', carrierServiceId: 'usps-priority-mail', serviceName: 'USPS Priority Mail', trackingId: '9400111899223197428490' });
    expect(s).toMatchObject({ source: 'external', specialOperatingPlan: false, labelCostCents: null });
    expect(await ledgerOf(ctx.seller.id)).toHaveLength(0);
    expect(await orderStatusOf(ctx.orderId)).toBe('shipped');
    expect((await rejection(recordExternalShipment(ctx.seller.id, null, { orderId: ctx.orderId, carrierId: 'USPS', serviceName: 'x', trackingId: '9400111899223197428491' }))).code).toBe('INVALID_STATE');
    // A special operating plan service is flagged (exempt from the Buy Shipping metric).
    const plan = await anotherOrderOf(ctx.seller.id);
    const p = await recordExternalShipment(ctx.seller.id, null, { orderId: plan.orderId, carrierId: 'ONTRAC', carrierServiceId: 'ontrac-ground', serviceName: 'OnTrac', trackingId: 'D10011223344' });
    expect(p.specialOperatingPlan).toBe(true);
  });
});

describe('the shipped message', () => {
  it('tells the buyer once, in the transaction that creates the label, with the tracking number and their order page', async () => {
    const { buyer, orderId, shipment, quote, rate, seller } = await boughtLabel();
    const sent = await outboxFor(buyer.email!, 'order_shipped');
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toMatch(/^Your order is being shipped: /);
    expect(sent[0].body).toContain(`Tracking number: ${shipment.trackingId}.`);
    expect(sent[0].body).toContain(`/orders/${orderId}`);
    expect(sent[0].body).toContain(rate.serviceName);
    // A replayed purchase buys nothing and says nothing again.
    expect((await purchaseLabel(seller.id, null, { requestToken: quote.requestToken, rateId: rate.rateId })).replayed).toBe(true);
    expect(await outboxFor(buyer.email!, 'order_shipped')).toHaveLength(1);
    // A refused purchase (expired quote) leaves no message either.
    const other = await sellerWithOrder();
    const old = await getRatesForOrder(other.seller.id, other.orderId, { now: new Date(Date.now() - 5 * MINUTE) });
    await rejection(purchaseLabel(other.seller.id, null, { requestToken: old.requestToken, rateId: old.rates[0].rateId }));
    expect(await outboxFor(other.buyer.email!, 'order_shipped')).toHaveLength(0);
  });

  it('a label bought elsewhere tells the buyer too', async () => {
    const ctx = await sellerWithOrder();
    await recordExternalShipment(ctx.seller.id, null, { orderId: ctx.orderId, carrierId: 'USPS', carrierServiceId: 'usps-priority-mail', serviceName: 'USPS Priority Mail', trackingId: '9400111899223197428411' });
    const [m] = await outboxFor(ctx.buyer.email!, 'order_shipped');
    expect(m.body).toContain('USPS Priority Mail');
    expect(m.body).toContain('9400111899223197428411');
  });
});

describe('carrier webhook', () => {
  it('refuses a bad signature, a stale or future timestamp, and an unknown carrier', async () => {
    const { shipment } = await boughtLabel();
    const payload = { events: [event(shipment.trackingId, 'PickupDone', new Date().toISOString())] };
    // Every refusal below is for the parcel's own carrier except the signature made with a wrong secret.
    expect((await handleCarrierWebhook('ups', signedRequest('ups', payload, { secret: 'not-the-secret-000000' }))).status).toBe(401);
    // The configured 120 s window: a signature three minutes old is stale (it would pass the 300 s default).
    const stale = Math.floor(Date.now() / 1000) - 3 * 60;
    const res = await handleCarrierWebhook('ups', signedRequest('ups', payload, { at: stale }));
    expect(res.status).toBe(401);
    expect((await res.json()).errors[0].message).toMatch(/tolerance/);
    expect((await handleCarrierWebhook('ups', signedRequest('ups', payload, { at: Math.floor(Date.now() / 1000) + 3 * 60 }))).status).toBe(401);
    const unsigned = new Request('http://test.local/x', { method: 'POST', body: JSON.stringify(payload) });
    expect((await handleCarrierWebhook('ups', unsigned)).status).toBe(401);
    expect((await handleCarrierWebhook('dhl', signedRequest('dhl', payload))).status).toBe(404);
    // Each carrier has its own secret: UPS's signature does not open FedEx's endpoint.
    expect((await handleCarrierWebhook('fedex', signedRequest('ups', payload))).status).toBe(401);
    // Nothing was stored by the refused calls.
    const db = await getDb();
    expect(await db.select().from(trackingEvents).where(eq(trackingEvents.trackingId, shipment.trackingId))).toHaveLength(0);
  });

  it('stores a replayed or duplicated event once and moves the parcel once', async () => {
    const { shipment, seller } = await boughtLabel({ scenario: 'no_scan' });
    const t = new Date(Date.now() - 3600_000).toISOString();
    const c = shipment.carrierId.toLowerCase();
    const payload = { events: [event(shipment.trackingId, 'PickupDone', t)] };
    const first = await (await handleCarrierWebhook(c, signedRequest(c, payload))).json();
    expect(first).toMatchObject({ stored: 1, duplicates: 0 });
    // The very same request again (a replay inside the window) and the same event under a new id.
    const again = await (await handleCarrierWebhook(c, signedRequest(c, payload))).json();
    expect(again).toMatchObject({ stored: 0, duplicates: 1 });
    const renamed = await (await handleCarrierWebhook(c, signedRequest(c, { events: [event(shipment.trackingId, 'PickupDone', t, 'another-id')] }))).json();
    expect(renamed).toMatchObject({ stored: 0, duplicates: 1 });
    const s = await getSellerShipment(seller.id, shipment.id);
    expect(s).toMatchObject({ status: 'picked_up', firstScanAt: new Date(t) });
  });

  it('applies out-of-order events by event time: delivered stays delivered, the first scan is the earliest', async () => {
    const { shipment, seller, orderId } = await boughtLabel({ scenario: 'no_scan' });
    const base = Date.now() - 48 * 3600_000;
    const h = (n: number) => new Date(base + n * 3600_000).toISOString();
    const c = shipment.carrierId.toLowerCase();
    const send = (code: string, at: string) => handleCarrierWebhook(c, signedRequest(c, { events: [event(shipment.trackingId, code, at)] }));
    await send('Delivered', h(40));
    await send('OutForDelivery', h(36));
    await send('Departed', h(10));
    await send('PickupDone', h(2));
    const s = await getSellerShipment(seller.id, shipment.id);
    expect(s).toMatchObject({ status: 'delivered', firstScanAt: new Date(h(2)), clockStopAt: new Date(h(40)), deliveredAt: new Date(h(40)) });
    expect(await orderStatusOf(orderId)).toBe('delivered');
    // Concurrent deliveries of different events for one parcel end in the same state.
    const other = await boughtLabel({ scenario: 'no_scan' });
    const codes = ['PickupDone', 'Departed', 'ArrivedAtCarrierFacility', 'OutForDelivery'];
    const oc = other.shipment.carrierId.toLowerCase();
    await Promise.all(codes.map((code, i) => handleCarrierWebhook(oc, signedRequest(oc, { events: [event(other.shipment.trackingId, code, h(i + 1))] }))));
    expect(await getSellerShipment(other.seller.id, other.shipment.id)).toMatchObject({ status: 'out_for_delivery', firstScanAt: new Date(h(1)) });
  });

  it('refuses a malformed body with 400 after a valid signature', async () => {
    const res = await handleCarrierWebhook('ups', signedRequest('ups', { events: [{ eventId: 'x', trackingId: 'EZ1000000001', eventCode: 'Teleported', eventTime: 'yesterday' }] }));
    expect(res.status).toBe(400);
  });
});

describe('simulator', () => {
  it('plays an on-time label to Delivered through the signed webhook; the recipient sees the events', async () => {
    const { shipment, orderId, seller } = await boughtLabel({ scenario: 'on_time' });
    const sent = await advanceSimulator(new Date(Date.now() + 10 * MINUTE));
    expect(sent).toBeGreaterThanOrEqual(5);
    expect(await getSellerShipment(seller.id, shipment.id)).toMatchObject({ status: 'delivered' });
    expect(await orderStatusOf(orderId)).toBe('delivered');
    const [tracking] = await getOrderTrackingForRecipient(orderId);
    expect(tracking.events[0].eventCode).toBe('Delivered');
    // Running it again plays nothing more for this parcel (other tests' parcels in the same database may still play).
    await advanceSimulator(new Date(Date.now() + 20 * MINUTE));
    const [again] = await getOrderTrackingForRecipient(orderId);
    expect(again.events).toHaveLength(tracking.events.length);
  });

  it('a lost parcel ends lost; a voided label is never played', async () => {
    const lost = await boughtLabel({ scenario: 'lost' });
    const voided = await boughtLabel({ scenario: 'on_time' });
    await voidLabel(voided.seller.id, voided.shipment.id);
    await advanceSimulator(new Date(Date.now() + 10 * MINUTE));
    expect(await getSellerShipment(lost.seller.id, lost.shipment.id)).toMatchObject({ status: 'lost' });
    expect(await getSellerShipment(voided.seller.id, voided.shipment.id)).toMatchObject({ status: 'voided', firstScanAt: null });
  });
});

describe('simulator at carrier timing (CARRIER_SIMULATOR_PACE=realistic)', () => {
  it('plays the late, returned and attempted streams through the signed webhook to the states they name', async () => {
    const cfg = config();
    const pace = cfg.carrierSimulatorPace;
    cfg.carrierSimulatorPace = 'realistic';
    try {
      const late = await boughtLabel({ scenario: 'late' });
      const returned = await boughtLabel({ scenario: 'returned' });
      const attempted = await boughtLabel({ scenario: 'attempted' });
      const db = await getDb();
      const queued = (trackingId: string) => db.select().from(carrierSimulatorEvents).where(eq(carrierSimulatorEvents.trackingId, trackingId));
      // Carrier timing: the delivery is days after the label, not seconds.
      const lateQueue = await queued(late.shipment.trackingId);
      const lateDelivery = lateQueue.find((e) => (e.event as { eventCode: string }).eventCode === 'Delivered')!;
      expect(lateDelivery.dueAt.getTime() - late.shipment.createdAt.getTime()).toBeGreaterThan(24 * 3600_000);

      // Up to the attempt: the parcel shows the attempt (the clock stops there).
      const attemptEvent = (await queued(attempted.shipment.trackingId)).find((e) => (e.event as { eventCode: string }).eventCode === 'DeliveryAttempted')!;
      await advanceSimulator(attemptEvent.dueAt);
      expect(await getSellerShipment(attempted.seller.id, attempted.shipment.id)).toMatchObject({ status: 'delivery_attempted', clockStopAt: attemptEvent.dueAt });

      // Everything played.
      await advanceSimulator(new Date(Date.now() + 30 * 86_400_000));
      const promise = (await getOrderPromise(late.orderId, late.seller.id))!;
      const lateShipment = (await getSellerShipment(late.seller.id, late.shipment.id))!;
      expect(lateShipment.status).toBe('delivered');
      expect(lateShipment.deliveredAt!.getTime()).toBeGreaterThan(promise.promisedDeliveryBy.getTime());
      expect(await orderStatusOf(late.orderId)).toBe('delivered');
      expect(await getSellerShipment(returned.seller.id, returned.shipment.id)).toMatchObject({ status: 'returned_to_sender', deliveredAt: null });
      const done = (await getSellerShipment(attempted.seller.id, attempted.shipment.id))!;
      expect(done).toMatchObject({ status: 'delivered', clockStopAt: attemptEvent.dueAt });
      expect(done.deliveredAt!.getTime()).toBeGreaterThan(done.clockStopAt!.getTime());
      // Every event was stored once, through the webhook.
      const stored = await db.select().from(trackingEvents).where(eq(trackingEvents.trackingId, late.shipment.trackingId));
      expect(stored).toHaveLength(lateQueue.length);
    } finally {
      cfg.carrierSimulatorPace = pace;
    }
  });
});

describe('Shipping API v2 with API keys', () => {
  const call = (path: string, token: string, init: RequestInit = {}) => new Request(`http://test.local/api/shipping/v2${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const ratesBody = (orderId: string) => JSON.stringify({ channelDetails: { channelType: 'AMAZON', amazonOrderDetails: { orderId } } });

  it('buys, tracks and cancels through the API; another seller’s key gets 404; a revoked key 401', async () => {
    const ctx = await sellerWithOrder();
    const { token, id } = await createApiKey(ctx.seller.id, ctx.sellerUser.id, 'ShipStation');
    const ratesRes = await handleGetRates(call('/shipments/rates', token, { method: 'POST', body: ratesBody(ctx.orderId) }));
    expect(ratesRes.status).toBe(200);
    const { payload } = await ratesRes.json();
    expect(payload.rates[0]).toMatchObject({ totalCharge: { unit: 'USD' }, requiresAdditionalInputs: false });
    const buy = await handlePurchaseShipment(call('/shipments', token, { method: 'POST', body: JSON.stringify({ requestToken: payload.requestToken, rateId: payload.rates[0].rateId, requestedDocumentSpecification: { format: 'PDF' } }) }));
    expect(buy.status).toBe(201);
    const bought = (await buy.json()).payload;
    const pdf = Buffer.from(bought.packageDocumentDetails[0].packageDocuments[0].contents, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Same purchase again: the same shipment, 200, still one charge.
    const replay = await handlePurchaseShipment(call('/shipments', token, { method: 'POST', body: JSON.stringify({ requestToken: payload.requestToken, rateId: payload.rates[0].rateId }) }));
    expect(replay.status).toBe(200);
    expect((await replay.json()).payload.shipmentId).toBe(bought.shipmentId);
    expect(await ledgerOf(ctx.seller.id)).toHaveLength(1);
    const trackingId = bought.packageDocumentDetails[0].trackingId;
    const track = await handleGetTracking(call(`/tracking?trackingId=${trackingId}&carrierId=${payload.rates[0].carrierId}`, token));
    expect((await track.json()).payload.summary.status).toBe('PreTransit');

    // Another seller's key sees none of it.
    const other = await sellerWithOrder();
    const otherKey = await createApiKey(other.seller.id, other.sellerUser.id, 'Other');
    expect((await handleGetRates(call('/shipments/rates', otherKey.token, { method: 'POST', body: ratesBody(ctx.orderId) }))).status).toBe(404);
    expect((await handleGetTracking(call(`/tracking?trackingId=${trackingId}&carrierId=${payload.rates[0].carrierId}`, otherKey.token))).status).toBe(404);
    expect((await handleCancelShipment(call(`/shipments/${bought.shipmentId}/cancel`, otherKey.token, { method: 'PUT' }), bought.shipmentId)).status).toBe(404);

    const cancel = await handleCancelShipment(call(`/shipments/${bought.shipmentId}/cancel`, token, { method: 'PUT' }), bought.shipmentId);
    expect(cancel.status).toBe(200);
    expect(await sellerBalanceCents(ctx.seller.id)).toBe(0);

    await revokeApiKey(ctx.seller.id, id);
    const revoked = await handleGetRates(call('/shipments/rates', token, { method: 'POST', body: ratesBody(ctx.orderId) }));
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).errors[0].code).toBe('UNAUTHORIZED');
    expect((await handleGetRates(call('/shipments/rates', 'pmship_00000000_' + 'a'.repeat(43), { method: 'POST', body: ratesBody(ctx.orderId) }))).status).toBe(401);
    // A seller can't revoke another seller's key.
    expect((await rejection(revokeApiKey(ctx.seller.id, otherKey.id))).code).toBe('NOT_FOUND');
  });

  it('answers bad input with {errors:[{code,message}]} and an expired token with TOKEN_EXPIRED', async () => {
    const ctx = await sellerWithOrder();
    const { token } = await createApiKey(ctx.seller.id, ctx.sellerUser.id, 'k');
    const bad = await handleGetRates(call('/shipments/rates', token, { method: 'POST', body: JSON.stringify({ channelDetails: { channelType: 'AMAZON', amazonOrderDetails: { orderId: 'nope' } } }) }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0]).toMatchObject({ code: 'INVALID_INPUT' });
    const quote = await getRatesForOrder(ctx.seller.id, ctx.orderId, { now: new Date(Date.now() - 11 * MINUTE) });
    const expired = await handlePurchaseShipment(call('/shipments', token, { method: 'POST', body: JSON.stringify({ requestToken: quote.requestToken, rateId: quote.rates[0].rateId }) }));
    expect(expired.status).toBe(400);
    expect((await expired.json()).errors[0].code).toBe('TOKEN_EXPIRED');
  });
});

describe('G7: a gift giver never reaches the shipping progress', () => {
  it('the recipient of an accepted, shipped gift sees tracking; the giver gets nothing', async () => {
    const sent = await sendGift();
    const recipient = await createUser({ email: sent.contact });
    await decideGift(recipient, sent.giftOfferId, 'accept', shipTo);
    const db = await getDb();
    await db.insert(shipFromLocations).values({ sellerId: sent.offer.sellerId, name: 'W', line1: '1 A St', city: 'Newark', state: 'NJ', zip: '07114', zip3: '071', timeZone: 'America/New_York', isDefault: true });
    const quote = await getRatesForOrder(sent.offer.sellerId, sent.orderId);
    await purchaseLabel(sent.offer.sellerId, null, { requestToken: quote.requestToken, rateId: quote.rates[0].rateId });
    await advanceSimulator(new Date(Date.now() + 10 * MINUTE));
    const mine = await getTrackingForParcelRecipient(recipient.id, sent.orderId);
    expect(mine?.parcels[0].status).toBe('delivered');
    expect(await getTrackingForParcelRecipient(sent.giver.id, sent.orderId)).toBeNull();
    // The shipped message goes to the recipient, about their gift page; the giver is told nothing of it.
    const told = await outboxFor(sent.contact, 'gift_shipped');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain(`/account/received/${sent.orderId}`);
    expect(told[0].body).toContain(mine!.parcels[0].trackingId);
    const toGiver = [...(sent.giver.email ? await outboxFor(sent.giver.email) : []), ...(sent.giver.phone ? await outboxFor(sent.giver.phone) : [])];
    expect(toGiver.filter((m) => m.template.endsWith('_shipped') || m.body.includes(mine!.parcels[0].trackingId))).toEqual([]);
  });
});

describe('the seller’s orders list', () => {
  it('lists only this seller’s orders, pages by keyset without repeats, and moves bought ones to Shipped', async () => {
    const ctx = await sellerWithOrder();
    await anotherOrderOf(ctx.seller.id);
    await anotherOrderOf(ctx.seller.id);
    const me = { id: ctx.seller.id, timeZone: 'America/New_York' };
    const first = await listOrdersForSeller(me, { view: 'to_ship', pageSize: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.next).not.toBeNull();
    const second = await listOrdersForSeller(me, { view: 'to_ship', pageSize: 2, cursor: first.next! });
    expect(second.rows).toHaveLength(1);
    expect(second.next).toBeNull();
    const ids = [...first.rows, ...second.rows].map((r) => r.orderId);
    expect(new Set(ids).size).toBe(3);
    expect(first.rows[0].orderId).toBe(ctx.orderId); // oldest first
    expect(first.rows[0].shipTo).toEqual({ city: 'Austin', state: 'TX' });
    const stranger = await sellerWithOrder();
    const theirs = await listOrdersForSeller({ id: stranger.seller.id, timeZone: 'America/New_York' }, { view: 'all' });
    expect(theirs.rows.map((r) => r.orderId)).toEqual([stranger.orderId]);
    const quote = await getRatesForOrder(ctx.seller.id, ctx.orderId);
    await purchaseLabel(ctx.seller.id, null, { requestToken: quote.requestToken, rateId: quote.rates[0].rateId });
    const shipped = await listOrdersForSeller(me, { view: 'shipped' });
    expect(shipped.rows.map((r) => r.orderId)).toEqual([ctx.orderId]);
    expect(shipped.rows[0].shipment?.status).toBe('label_created');
    expect((await listOrdersForSeller(me, { view: 'to_ship' })).rows).toHaveLength(2);
  });
});

describe('API key rate limit and quote upkeep', () => {
  it('each key has its own per-minute budget', async () => {
    const ctx = await sellerWithOrder();
    const a = await createApiKey(ctx.seller.id, ctx.sellerUser.id, 'a');
    const b = await createApiKey(ctx.seller.id, ctx.sellerUser.id, 'b');
    const headers = (t: string) => new Headers({ authorization: `Bearer ${t}` });
    const limit = config().shippingApiRequestsPerMinute;
    for (let i = 0; i < limit; i++) expect((await authenticateApiKey(headers(a.token))).ok).toBe(true);
    const over = await authenticateApiKey(headers(a.token));
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.failure).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect((await authenticateApiKey(headers(b.token))).ok).toBe(true);
  });

  it('purges quotes a day past expiry unless a label was bought from them', async () => {
    const ctx = await sellerWithOrder();
    const old = new Date(Date.now() - 2 * 86_400_000);
    const unused = await getRatesForOrder(ctx.seller.id, ctx.orderId, { now: old });
    const used = await getRatesForOrder(ctx.seller.id, ctx.orderId, { now: new Date(old.getTime() + 60_000) });
    await purchaseLabel(ctx.seller.id, null, { requestToken: used.requestToken, rateId: used.rates[0].rateId }, { now: new Date(old.getTime() + 120_000) });
    expect(await purgeExpiredQuotes()).toBeGreaterThanOrEqual(1);
    const db = await getDb();
    expect(await db.select().from(rateQuotes).where(eq(rateQuotes.id, unused.requestToken))).toHaveLength(0);
    expect(await db.select().from(rateQuotes).where(eq(rateQuotes.id, used.requestToken))).toHaveLength(1);
  });
});
