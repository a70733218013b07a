import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { addDays, businessDaysDeadline, endOfLocalDay, localDateOf } from '@/lib/calendar';

// Returns and refunds (S10, S11, S13, S14): the return window, the "return by" date, the refund deadline counted in
// business days in the seller's zone, and who may ask. Pure: no I/O.

export type ReturnPolicy = { windowDays: number; shipDays: number; refundBusinessDays: number };
export const DEFAULT_RETURN_POLICY: ReturnPolicy = { windowDays: 30, shipDays: 30, refundBusinessDays: 2 };

export const RETURN_REASONS = [
  { value: 'no_longer_needed', label: 'No longer needed' },
  { value: 'defective', label: 'Defective or doesn’t work' },
  { value: 'damaged', label: 'Arrived damaged' },
  { value: 'not_as_described', label: 'Not as described' },
  { value: 'wrong_item', label: 'Wrong item sent' },
  { value: 'other', label: 'Other' },
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number]['value'];
export const returnReasonLabel = Object.fromEntries(RETURN_REASONS.map((r) => [r.value, r.label])) as Record<string, string>;

export type ReturnStatus = 'authorized' | 'in_transit' | 'received' | 'refunded' | 'closed';
export const returnStatusLabel: Record<ReturnStatus, string> = {
  authorized: 'Return authorized',
  in_transit: 'On its way back',
  received: 'Received by the seller',
  refunded: 'Refunded',
  closed: 'Closed',
};

/** Who is asking about the order: its buyer (own order), a gift's recipient, or a gift's giver. */
export type Requester = 'buyer' | 'gift_recipient' | 'gift_giver' | 'none';

export function requesterOf(order: { buyerId: string; isGift: boolean; gift: { recipientUserId: string | null; status: string; settlement: string | null } | null }, userId: string): Requester {
  if (order.isGift) {
    const g = order.gift;
    if (g && g.status === 'accepted' && g.settlement === 'ship' && g.recipientUserId === userId) return 'gift_recipient';
    return order.buyerId === userId ? 'gift_giver' : 'none';
  }
  return order.buyerId === userId ? 'buyer' : 'none';
}

/** The last instant a return is authorized without customer service: `windowDays` after delivery, end of that day (seller's zone). */
export function returnWindowEnd(deliveredAt: Date, tz: string, policy: ReturnPolicy = DEFAULT_RETURN_POLICY): Date {
  return endOfLocalDay(addDays(localDateOf(deliveredAt, tz), policy.windowDays), tz);
}

export type Eligibility = { ok: true; outsideWindow: false } | { ok: false; reason: string; askCustomerService: boolean };

/** S10: a delivered order within the window is authorized at once; later ones go to customer service (S14). */
export function returnEligibility(input: { deliveredAt: Date | null; now: Date; tz: string; hasReturn: boolean }, policy: ReturnPolicy = DEFAULT_RETURN_POLICY): Eligibility {
  if (input.hasReturn) return { ok: false, reason: 'A return was already requested for this order.', askCustomerService: false };
  if (!input.deliveredAt) return { ok: false, reason: 'You can return this item once it has been delivered.', askCustomerService: false };
  if (input.now.getTime() > returnWindowEnd(input.deliveredAt, input.tz, policy).getTime())
    return {
      ok: false,
      reason: `The ${policy.windowDays}-day return window has closed. Customer service can still authorize a return in some cases: contact them and they’ll decide.`,
      askCustomerService: true,
    };
  return { ok: true, outsideWindow: false };
}

/** The date the item must be sent back by: `shipDays` after authorization, end of that day in the seller's zone. */
export function returnByDate(authorizedAt: Date, tz: string, policy: ReturnPolicy = DEFAULT_RETURN_POLICY): Date {
  return endOfLocalDay(addDays(localDateOf(authorizedAt, tz), policy.shipDays), tz);
}

/** S11: the refund is due by the end of the 2nd business day after the return reached the seller (their zone, US federal holidays). */
export function refundDueAt(receivedAt: Date, tz: string, policy: ReturnPolicy = DEFAULT_RETURN_POLICY): Date {
  return businessDaysDeadline(receivedAt, policy.refundBusinessDays, tz);
}

export function isRefundOverdue(r: { status: ReturnStatus; refundDueAt: Date | null }, now: Date): boolean {
  return r.status === 'received' && r.refundDueAt !== null && now.getTime() > r.refundDueAt.getTime();
}

/** RMA code: 'R' + 10 characters of the base-32 alphabet without look-alikes, from random bytes the caller supplies. */
export function rmaCodeFrom(bytes: Uint8Array): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  let out = 'R';
  for (let i = 0; i < 10; i++) out += alphabet[bytes[i % bytes.length] % alphabet.length];
  return out;
}

// --- Dates as the seller (or the buyer) reads them ---------------------------------------------------------------

export function formatDateIn(d: Date, tz: string): string {
  return format(new TZDate(d.getTime(), tz), 'EEE, MMM d, yyyy');
}

export function formatDateTimeIn(d: Date, tz: string): string {
  // The zone's own abbreviation (EST/EDT, PST...), which Intl knows and date-fns's TZDate renders as GMT-5.
  const zone = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? tz;
  return `${format(new TZDate(d.getTime(), tz), 'EEE, MMM d, yyyy h:mm a')} ${zone}`;
}

// --- Refund amounts -----------------------------------------------------------------------------------------------

export type RefundSplit = { cardCents: number; giftCardCents: number };

/**
 * How a refund of `amountCents` goes back. A gift returned by its recipient goes entirely to the recipient's gift card.
 * Otherwise to the card up to what remains of its capture, the rest to the buyer's gift-card balance up to what the
 * buyer paid from it. Null when the amount is more than remains refundable.
 */
export function splitRefund(input: {
  amountCents: number;
  toRecipientGiftCard: boolean;
  orderTotalCents: number;
  refundedSoFarCents: number; // pending + succeeded refunds of the order
  cardRemainingCents: number; // captured - refunded (pending included)
  giftCardPaidCents: number;
  giftCardRefundedSoFarCents: number;
}): RefundSplit | null {
  const { amountCents } = input;
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return null;
  if (amountCents > input.orderTotalCents - input.refundedSoFarCents) return null;
  if (input.toRecipientGiftCard) return { cardCents: 0, giftCardCents: amountCents };
  const cardCents = Math.min(amountCents, Math.max(0, input.cardRemainingCents));
  const giftCardCents = amountCents - cardCents;
  if (giftCardCents > input.giftCardPaidCents - input.giftCardRefundedSoFarCents) return null;
  return { cardCents, giftCardCents };
}
