import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

// Pure rules of shipments: tracking state from carrier events, webhook signatures, tracking-number format, label
// pricing, quote expiry and the seller's ship-by highlighting. No I/O here.

export const EVENT_CODES = [
  'ReadyForReceive',
  'PickupDone',
  'ArrivedAtCarrierFacility',
  'Departed',
  'OutForDelivery',
  'DeliveryAttempted',
  'Delivered',
  'AvailableForPickup',
  'Lost',
  'Rejected',
  'Undeliverable',
  'PickupCancelled',
  'ReturnInitiated',
] as const;
export type EventCode = (typeof EVENT_CODES)[number];

export type ShipmentStatus =
  | 'label_created'
  | 'picked_up'
  | 'in_transit'
  | 'out_for_delivery'
  | 'delivery_attempted'
  | 'delivered'
  | 'returned_to_sender'
  | 'lost'
  | 'voided';

export const shipmentStatusLabel: Record<ShipmentStatus, string> = {
  label_created: 'Label created',
  picked_up: 'Picked up',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  delivery_attempted: 'Delivery attempted',
  delivered: 'Delivered',
  returned_to_sender: 'Returned to sender',
  lost: 'Lost',
  voided: 'Label voided',
};

export const eventCodeLabel: Record<EventCode, string> = {
  ReadyForReceive: 'Label created, carrier awaiting the parcel',
  PickupDone: 'Picked up by the carrier',
  ArrivedAtCarrierFacility: 'Arrived at carrier facility',
  Departed: 'Departed carrier facility',
  OutForDelivery: 'Out for delivery',
  DeliveryAttempted: 'Delivery attempted',
  Delivered: 'Delivered',
  AvailableForPickup: 'Available for pickup at a carrier location',
  Lost: 'Reported lost by the carrier',
  Rejected: 'Refused by the recipient',
  Undeliverable: 'Undeliverable',
  PickupCancelled: 'Carrier pickup cancelled',
  ReturnInitiated: 'Returning to sender',
};

// What each code means for the parcel. A "physical" event is a carrier scan of the parcel itself (valid tracking,
// shipped on time); "clockStop" ends the delivery clock (the first delivery attempt or the delivery).
const CODE_INFO: Record<EventCode, { status: ShipmentStatus; physical: boolean; clockStop: boolean; rank: number }> = {
  ReadyForReceive: { status: 'label_created', physical: false, clockStop: false, rank: 0 },
  PickupCancelled: { status: 'label_created', physical: false, clockStop: false, rank: 1 },
  PickupDone: { status: 'picked_up', physical: true, clockStop: false, rank: 2 },
  ArrivedAtCarrierFacility: { status: 'in_transit', physical: true, clockStop: false, rank: 3 },
  Departed: { status: 'in_transit', physical: true, clockStop: false, rank: 4 },
  OutForDelivery: { status: 'out_for_delivery', physical: true, clockStop: false, rank: 5 },
  DeliveryAttempted: { status: 'delivery_attempted', physical: true, clockStop: true, rank: 6 },
  AvailableForPickup: { status: 'delivery_attempted', physical: true, clockStop: true, rank: 7 },
  Lost: { status: 'lost', physical: false, clockStop: false, rank: 8 },
  Rejected: { status: 'returned_to_sender', physical: true, clockStop: false, rank: 9 },
  Undeliverable: { status: 'returned_to_sender', physical: true, clockStop: false, rank: 9 },
  ReturnInitiated: { status: 'returned_to_sender', physical: true, clockStop: false, rank: 10 },
  Delivered: { status: 'delivered', physical: true, clockStop: true, rank: 11 },
};

export const isPhysicalScan = (code: EventCode) => CODE_INFO[code].physical;

export type TrackingEventLike = { eventCode: EventCode; eventTime: Date };

export type DerivedState = {
  status: Exclude<ShipmentStatus, 'voided'>;
  statusAt: Date | null;
  firstScanAt: Date | null;
  clockStopAt: Date | null;
  deliveredAt: Date | null;
};

const min = (a: Date | null, b: Date) => (a === null || b < a ? b : a);

// The state of a parcel is a function of the SET of its events, never of the order they arrived in: the same events
// in any order give the same answer. Terminal outcomes take precedence over later-timed scans that arrived late (a
// delivered parcel stays delivered; a lost parcel scanned again afterwards is found).
export function deriveShipmentState(events: readonly TrackingEventLike[]): DerivedState {
  let firstScanAt: Date | null = null;
  let clockStopAt: Date | null = null;
  let deliveredAt: Date | null = null;
  let returnedAt: Date | null = null;
  let lostAt: Date | null = null;
  let latest: TrackingEventLike | null = null;
  let latestScanAt: Date | null = null;
  for (const e of events) {
    const info = CODE_INFO[e.eventCode];
    if (info.physical) {
      firstScanAt = min(firstScanAt, e.eventTime);
      if (!latestScanAt || e.eventTime > latestScanAt) latestScanAt = e.eventTime;
    }
    if (info.clockStop) clockStopAt = min(clockStopAt, e.eventTime);
    if (e.eventCode === 'Delivered') deliveredAt = min(deliveredAt, e.eventTime);
    if (info.status === 'returned_to_sender') returnedAt = min(returnedAt, e.eventTime);
    if (e.eventCode === 'Lost') lostAt = min(lostAt, e.eventTime);
    if (!latest || e.eventTime > latest.eventTime || (e.eventTime.getTime() === latest.eventTime.getTime() && info.rank > CODE_INFO[latest.eventCode].rank)) latest = e;
  }
  const base = { firstScanAt, clockStopAt, deliveredAt };
  if (deliveredAt) return { status: 'delivered', statusAt: deliveredAt, ...base };
  if (returnedAt) return { status: 'returned_to_sender', statusAt: returnedAt, ...base };
  if (lostAt && !(latestScanAt && latestScanAt > lostAt)) return { status: 'lost', statusAt: lostAt, ...base };
  if (!latest) return { status: 'label_created', statusAt: null, ...base };
  return { status: CODE_INFO[latest.eventCode].status as DerivedState['status'], statusAt: latest.eventTime, ...base };
}

// The progress the person the parcel goes to sees. "Shipped" only once the carrier has physically scanned the parcel
// (valid tracking): until then a label exists but the parcel may still be on the seller's shelf, so that step reads
// "Label created". A lost parcel the carrier never scanned was never shipped.
export type TrackingStep = { label: string; reached: boolean };
const SCANNED_STATUSES: readonly ShipmentStatus[] = ['picked_up', 'in_transit', 'out_for_delivery', 'delivery_attempted', 'delivered', 'returned_to_sender'];
export function trackingSteps(parcel: { status: ShipmentStatus; firstScanAt: Date | null } | null, firstStep = 'Ordered'): TrackingStep[] {
  const s = parcel && parcel.status !== 'voided' ? parcel.status : null;
  const scanned = s !== null && (parcel!.firstScanAt !== null || SCANNED_STATUSES.includes(s));
  return [
    { label: firstStep, reached: true },
    s !== null && !scanned ? { label: 'Label created', reached: true } : { label: 'Shipped', reached: scanned },
    { label: 'Out for delivery', reached: s === 'out_for_delivery' || s === 'delivery_attempted' || s === 'delivered' },
    { label: 'Delivered', reached: s === 'delivered' },
  ];
}

// Amazon Shipping API v2 summary statuses.
export type TrackingSummaryStatus = 'PreTransit' | 'InTransit' | 'OutForDelivery' | 'Delivered' | 'DeliveryAttempted' | 'AwaitingCustomerPickup' | 'Lost' | 'Rejected' | 'Undeliverable';
export function summaryStatus(status: ShipmentStatus): TrackingSummaryStatus {
  switch (status) {
    case 'label_created':
    case 'voided':
      return 'PreTransit';
    case 'picked_up':
    case 'in_transit':
      return 'InTransit';
    case 'out_for_delivery':
      return 'OutForDelivery';
    case 'delivery_attempted':
      return 'DeliveryAttempted';
    case 'delivered':
      return 'Delivered';
    case 'returned_to_sender':
      return 'Undeliverable';
    case 'lost':
      return 'Lost';
  }
}

// A label can be voided only before the carrier has the parcel.
export function canVoid(s: { status: ShipmentStatus; firstScanAt: Date | null; source: 'buy_shipping' | 'external' }): { ok: true } | { ok: false; reason: string } {
  if (s.source !== 'buy_shipping') return { ok: false, reason: 'Only labels bought through Buy Shipping can be voided here.' };
  if (s.status === 'voided') return { ok: false, reason: 'This label is already voided.' };
  if (s.firstScanAt || s.status !== 'label_created') return { ok: false, reason: 'The carrier has already scanned this parcel, so its label can no longer be voided.' };
  return { ok: true };
}

// ---------- Webhook signatures: `t=<unix>,v1=<hex HMAC-SHA256(secret, "t.body")>` (Stripe's scheme) ----------

export const SIGNATURE_HEADER = 'x-carrier-signature';

export function signPayload(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

// Several v1 values may be sent while a secret rotates; one match is enough. The timestamp is part of what is signed,
// so an old request replayed after the window is refused even with a valid signature.
// The tolerance is config().carrierWebhookToleranceSeconds (the webhook passes it).
export function verifySignature(secrets: readonly string[], header: string | null, body: string, nowSeconds: number, toleranceSeconds: number): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/i.test(v)) v1.push(v.toLowerCase());
  }
  if (t === null || v1.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  for (const secret of secrets) {
    const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'), 'hex');
    for (const candidate of v1) {
      const got = Buffer.from(candidate, 'hex');
      if (got.length === expected.length && timingSafeEqual(got, expected)) return { ok: true, timestamp: t };
    }
  }
  return { ok: false, reason: 'mismatch' };
}

// ---------- Tracking numbers and the simulator's scenarios (EasyPost's EZ1000000001.. convention) ----------

export { SCENARIOS, scenarioLabel, type Scenario } from './scenarios';
import { SCENARIOS, type Scenario } from './scenarios';

// EZ<d><9 digits>: the digit after EZ names the scenario the simulator plays (EZ1000000001 on time, EZ2000000002 late,
// EZ3000000003 lost, EZ4000000004 never scanned, EZ5000000005 returned, EZ6000000006 attempted first).
const TRACKING_RE = /^EZ([1-6])\d{9}$/;

export function newTrackingId(scenario: Scenario = 'on_time'): string {
  const digit = SCENARIOS.indexOf(scenario) + 1;
  return `EZ${digit}${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
}

export function scenarioForTrackingId(trackingId: string): Scenario | null {
  const m = TRACKING_RE.exec(trackingId);
  return m ? SCENARIOS[Number(m[1]) - 1] : null;
}

// ---------- API keys: a visible prefix plus 256 random bits; only the SHA-256 is stored ----------

export function newApiKey(): { token: string; prefix: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  const id = randomBytes(4).toString('hex');
  const prefix = `pmship_${id}`;
  const token = `${prefix}_${secret}`;
  return { token, prefix, hash: hashApiKey(token) };
}

export function hashApiKey(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeApiKey(token: string): boolean {
  return /^pmship_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/.test(token);
}

// ---------- Quotes ----------

// A quote lives config().shippingQuoteTtlMinutes (10 by default, like Amazon's TOKEN_EXPIRED), said in words.
export function quoteLifeText(minutes: number): string {
  if (Number.isInteger(minutes)) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const seconds = Math.round(minutes * 60);
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
export const quoteExpired = (expiresAt: Date, now: Date) => now.getTime() >= expiresAt.getTime();

// ---------- The seller's list ----------

export type ShipByUrgency = 'overdue' | 'due_today' | 'upcoming';
// Dates are YYYY-MM-DD days in the seller's zone, so string order is date order.
export function shipByUrgency(expectedShipDate: string, todayInSellerZone: string): ShipByUrgency {
  if (expectedShipDate < todayInSellerZone) return 'overdue';
  if (expectedShipDate === todayInSellerZone) return 'due_today';
  return 'upcoming';
}
