import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARRIER_SERVICES } from '@/lib/shipping/carriers';
import { computeRates, labelPriceCents } from './rate-rules';
import { config } from '@/lib/config';
import { canVoid, deriveShipmentState, EVENT_CODES, looksLikeApiKey, newApiKey, newTrackingId, quoteLifeText, scenarioForTrackingId, SCENARIOS, shipByUrgency, signPayload, trackingSteps, verifySignature, type EventCode } from './rules';

// The webhook passes the configured window (300 s by default).
const tolerance = config().carrierWebhookToleranceSeconds;
import { planCarrierEvents } from './simulator';

const at = (h: number) => new Date(Date.UTC(2026, 10, 2, h));
const ev = (eventCode: EventCode, h: number) => ({ eventCode, eventTime: at(h) });

describe('deriveShipmentState', () => {
  it('follows a parcel from label to delivery and keeps the first scan and the clock-stop', () => {
    const s = deriveShipmentState([ev('ReadyForReceive', 0), ev('PickupDone', 3), ev('Departed', 8), ev('OutForDelivery', 30), ev('DeliveryAttempted', 34), ev('Delivered', 58)]);
    expect(s).toMatchObject({ status: 'delivered', firstScanAt: at(3), clockStopAt: at(34), deliveredAt: at(58) });
  });

  it('a label with no carrier scan is not a physical scan', () => {
    expect(deriveShipmentState([ev('ReadyForReceive', 0)])).toMatchObject({ status: 'label_created', firstScanAt: null });
    expect(deriveShipmentState([])).toMatchObject({ status: 'label_created', statusAt: null });
  });

  it('gives the same answer whatever order the events arrive in (property)', () => {
    const events = fc.array(fc.record({ eventCode: fc.constantFrom(...EVENT_CODES), eventTime: fc.integer({ min: 0, max: 200 }).map(at) }), { maxLength: 12 });
    fc.assert(
      fc.property(events, fc.func(fc.integer()), (list, key) => {
        const shuffled = [...list].sort((a, b) => key(a) - key(b) || 0);
        expect(deriveShipmentState(shuffled)).toEqual(deriveShipmentState(list));
      }),
    );
  });

  it('terminal outcomes win over scans that arrive late with an earlier time', () => {
    expect(deriveShipmentState([ev('Delivered', 50), ev('OutForDelivery', 45), ev('Departed', 10)]).status).toBe('delivered');
    expect(deriveShipmentState([ev('Undeliverable', 50), ev('OutForDelivery', 60)]).status).toBe('returned_to_sender');
  });

  it('a lost parcel scanned again afterwards is found; a delivered one stays delivered', () => {
    expect(deriveShipmentState([ev('PickupDone', 1), ev('Lost', 100)]).status).toBe('lost');
    expect(deriveShipmentState([ev('PickupDone', 1), ev('Lost', 100), ev('ArrivedAtCarrierFacility', 120)]).status).toBe('in_transit');
    expect(deriveShipmentState([ev('PickupDone', 1), ev('Lost', 100), ev('Delivered', 130)]).status).toBe('delivered');
  });
});

describe('canVoid', () => {
  it('only an unscanned Buy Shipping label', () => {
    expect(canVoid({ status: 'label_created', firstScanAt: null, source: 'buy_shipping' }).ok).toBe(true);
    expect(canVoid({ status: 'picked_up', firstScanAt: at(1), source: 'buy_shipping' }).ok).toBe(false);
    expect(canVoid({ status: 'label_created', firstScanAt: null, source: 'external' }).ok).toBe(false);
    expect(canVoid({ status: 'voided', firstScanAt: null, source: 'buy_shipping' }).ok).toBe(false);
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test_0123456789abcdef';
  const body = '{"events":[]}';
  const now = 1_800_000_000;

  it('accepts a fresh signature and any of several v1 values (rotation)', () => {
    const header = signPayload(secret, body, now);
    expect(verifySignature([secret], header, body, now, tolerance)).toEqual({ ok: true, timestamp: now });
    const rotated = `${header},v1=${'0'.repeat(64)}`;
    expect(verifySignature(['old-secret-0000000000', secret], rotated, body, now, tolerance).ok).toBe(true);
  });

  it('refuses a changed body, another secret, a missing or malformed header', () => {
    const header = signPayload(secret, body, now);
    expect(verifySignature([secret], header, body + ' ', now, tolerance)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(['another-secret-00000000'], header, body, now, tolerance)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature([secret], null, body, now, tolerance)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignature([secret], 'v1=abc', body, now, tolerance)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a timestamp outside the tolerance either way, even with a valid signature (replay)', () => {
    expect(verifySignature([secret], signPayload(secret, body, now - tolerance - 1), body, now, tolerance)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature([secret], signPayload(secret, body, now + tolerance + 1), body, now, tolerance)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature([secret], signPayload(secret, body, now - tolerance + 1), body, now, tolerance).ok).toBe(true);
  });
});

describe('tracking numbers and scenarios', () => {
  it('EasyPost-style test numbers name their scenario; generated numbers carry theirs', () => {
    expect(scenarioForTrackingId('EZ1000000001')).toBe('on_time');
    expect(scenarioForTrackingId('EZ3000000003')).toBe('lost');
    expect(scenarioForTrackingId('1Z999AA10123456784')).toBeNull();
    for (const s of SCENARIOS) expect(scenarioForTrackingId(newTrackingId(s))).toBe(s);
  });

  it('API keys: visible prefix, 256-bit secret, hash differs from the token', () => {
    const k = newApiKey();
    expect(looksLikeApiKey(k.token)).toBe(true);
    expect(k.token.startsWith(`${k.prefix}_`)).toBe(true);
    expect(k.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(k.token).not.toContain(k.hash);
  });
});

describe('simulator plans', () => {
  const base = { trackingId: 'EZ1000000001', labelCreatedAt: at(10), shipFrom: { city: 'Newark', state: 'NJ', zip: '07102' }, shipTo: { city: 'Austin', state: 'TX', zip: '78701' }, transitDays: 2 };

  it('each scenario ends where it says', () => {
    const last = (scenario: (typeof SCENARIOS)[number]) => deriveShipmentState(planCarrierEvents({ ...base, scenario }));
    expect(last('on_time').status).toBe('delivered');
    expect(last('late').status).toBe('delivered');
    expect(last('attempted')).toMatchObject({ status: 'delivered' });
    expect(last('lost').status).toBe('lost');
    expect(last('returned').status).toBe('returned_to_sender');
    expect(last('no_scan')).toMatchObject({ status: 'label_created', firstScanAt: null });
  });

  it('late delivers after on time; attempted stops the clock a day before delivery', () => {
    const onTime = deriveShipmentState(planCarrierEvents({ ...base, scenario: 'on_time' }));
    const late = deriveShipmentState(planCarrierEvents({ ...base, scenario: 'late' }));
    expect(late.deliveredAt!.getTime()).toBeGreaterThan(onTime.deliveredAt!.getTime() + 12 * 3600_000);
    const attempted = deriveShipmentState(planCarrierEvents({ ...base, scenario: 'attempted' }));
    expect(attempted.clockStopAt!.getTime()).toBeLessThan(attempted.deliveredAt!.getTime());
  });

  it('at carrier timing a late parcel arrives after its promised day, even when a weekend stretched the promise', () => {
    // Label Friday 10:00 UTC, two days in transit: the promise (business days) ends Tuesday night; two calendar days
    // and a day's delay would still land on Monday.
    const friday = new Date('2026-03-06T10:00:00Z');
    const promisedDeliveryBy = new Date('2026-03-11T04:59:59Z'); // end of Tuesday in Chicago
    const late = deriveShipmentState(planCarrierEvents({ ...base, labelCreatedAt: friday, scenario: 'late', promisedDeliveryBy }));
    expect(late.status).toBe('delivered');
    expect(late.deliveredAt!.getTime()).toBeGreaterThan(promisedDeliveryBy.getTime());
    // The events still come in time order.
    const plan = planCarrierEvents({ ...base, labelCreatedAt: friday, scenario: 'late', promisedDeliveryBy });
    expect(plan.map((e) => e.eventTime.getTime())).toEqual([...plan.map((e) => e.eventTime.getTime())].sort((a, b) => a - b));
    // On time stays within the promise.
    const onTime = deriveShipmentState(planCarrierEvents({ ...base, labelCreatedAt: friday, scenario: 'on_time', promisedDeliveryBy }));
    expect(onTime.deliveredAt!.getTime()).toBeLessThanOrEqual(promisedDeliveryBy.getTime());
  });

  it('is deterministic (event ids) and the stepped pace spaces events evenly', () => {
    const a = planCarrierEvents({ ...base, scenario: 'on_time' });
    expect(planCarrierEvents({ ...base, scenario: 'on_time' })).toEqual(a);
    expect(new Set(a.map((e) => e.eventId)).size).toBe(a.length);
    const quick = planCarrierEvents({ ...base, scenario: 'on_time', pace: { stepSeconds: 5 } });
    expect(quick.at(-1)!.eventTime.getTime() - quick[0].eventTime.getTime()).toBe((quick.length - 1) * 5000);
  });
});

describe('rates', () => {
  const services = CARRIER_SERVICES;
  // Monday 2026-11-02 09:00 in New York: before the 14:00 cut-off.
  const now = new Date('2026-11-02T14:00:00Z');
  const common = { now, services, handlingByCarrier: new Map(), tz: 'America/New_York', destinationTz: 'America/Chicago', weightOz: 20 };

  it('prices by zone and weight', () => {
    const ground = services.find((s) => s.id === 'ups-ground')!;
    expect(labelPriceCents(ground, 1, 16)).toBe(ground.rateBaseCents);
    expect(labelPriceCents(ground, 5, 33)).toBe(ground.rateBaseCents + 4 * ground.ratePerZoneCents + 2 * ground.ratePerLbCents);
  });

  it('offers the services that meet a two-day promise, claims protected, and lists the slow ones as LATE_DELIVERY', () => {
    const { rates, ineligibleRates } = computeRates({ ...common, zone: 7, promise: { expectedShipDate: '2026-11-02', promisedDeliveryDate: '2026-11-04', promisedDeliveryBy: new Date('2026-11-05T06:00:00Z') } });
    expect(rates.length).toBeGreaterThan(0);
    for (const r of rates) {
      expect(r.deliveryDate <= '2026-11-04').toBe(true);
      expect(r.claimsProtected).toBe(true);
    }
    const ground = ineligibleRates.find((r) => r.serviceId === 'ups-ground')!;
    expect(ground.ineligibilityReasons[0].code).toBe('LATE_DELIVERY');
  });

  it('when the order is already late every service is offered with late delivery risk', () => {
    const { rates } = computeRates({ ...common, zone: 7, promise: { expectedShipDate: '2026-10-28', promisedDeliveryDate: '2026-10-30', promisedDeliveryBy: new Date('2026-10-31T05:00:00Z') } });
    expect(rates.length).toBeGreaterThan(0);
    expect(rates.every((r) => !r.claimsProtected)).toBe(true);
  });

  it('no destination zone: NO_COVERAGE; too heavy: WEIGHT_RESTRICTIONS; special operating plan: PROGRAM_CONSTRAINTS', () => {
    const nowhere = computeRates({ ...common, zone: null, promise: null });
    expect(nowhere.rates).toEqual([]);
    expect(nowhere.ineligibleRates.filter((r) => r.ineligibilityReasons[0].code !== 'PROGRAM_CONSTRAINTS').every((r) => r.ineligibilityReasons[0].code === 'NO_COVERAGE')).toBe(true);
    const heavy = computeRates({ ...common, zone: 3, weightOz: 100 * 16, promise: null });
    expect(heavy.ineligibleRates.find((r) => r.serviceId === 'usps-priority-mail')!.ineligibilityReasons[0].code).toBe('WEIGHT_RESTRICTIONS');
    const plan = computeRates({ ...common, zone: 3, promise: null, services: [{ ...services[0], specialOperatingPlan: true }] });
    expect(plan.ineligibleRates[0].ineligibilityReasons[0].code).toBe('PROGRAM_CONSTRAINTS');
  });
});

describe('shipByUrgency', () => {
  it('overdue, due today, upcoming', () => {
    expect(shipByUrgency('2026-11-01', '2026-11-02')).toBe('overdue');
    expect(shipByUrgency('2026-11-02', '2026-11-02')).toBe('due_today');
    expect(shipByUrgency('2026-11-03', '2026-11-02')).toBe('upcoming');
  });
});

describe('quote life', () => {
  it('is said in the configured units', () => {
    expect(quoteLifeText(10)).toBe('10 minutes');
    expect(quoteLifeText(1)).toBe('1 minute');
    expect(quoteLifeText(0.5)).toBe('30 seconds');
  });
});

describe('the buyer’s progress steps', () => {
  const steps = (p: Parameters<typeof trackingSteps>[0], first?: string) => trackingSteps(p, first).map((s) => `${s.label}${s.reached ? '✓' : ''}`);
  it('says "Label created", not "Shipped", until the carrier’s first physical scan', () => {
    expect(steps(null)).toEqual(['Ordered✓', 'Shipped', 'Out for delivery', 'Delivered']);
    expect(steps({ status: 'label_created', firstScanAt: null })).toEqual(['Ordered✓', 'Label created✓', 'Out for delivery', 'Delivered']);
    const scan = new Date('2026-03-02T15:00:00Z');
    expect(steps({ status: 'picked_up', firstScanAt: scan })).toEqual(['Ordered✓', 'Shipped✓', 'Out for delivery', 'Delivered']);
    expect(steps({ status: 'out_for_delivery', firstScanAt: scan }, 'Accepted')).toEqual(['Accepted✓', 'Shipped✓', 'Out for delivery✓', 'Delivered']);
    expect(steps({ status: 'delivered', firstScanAt: scan })).toEqual(['Ordered✓', 'Shipped✓', 'Out for delivery✓', 'Delivered✓']);
    // Lost before any scan: the parcel never left; lost after a scan: it had shipped.
    expect(steps({ status: 'lost', firstScanAt: null })[1]).toBe('Label created✓');
    expect(steps({ status: 'lost', firstScanAt: scan })[1]).toBe('Shipped✓');
    expect(steps({ status: 'voided', firstScanAt: null })[1]).toBe('Shipped');
  });
});
