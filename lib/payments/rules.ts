import type { ProcessorErrorCode, ProcessorResult } from './processor';

// Pure payment rules: card checks, which transitions a payment allows, refund bounds, what people are told. No I/O here.

export type PaymentStatus = 'authorized' | 'captured' | 'voided' | 'lapsed' | 'refunded';
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'unknown';

/** Digits of a card number with the spaces and dashes people type removed; null when anything else is in it. */
export function normalizeCardNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{12,19}$/.test(digits) ? digits : null;
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): CardBrand {
  switch (digits[0]) {
    case '4':
      return 'visa';
    case '5':
      return 'mastercard';
    case '3':
      return 'amex';
    default:
      return 'unknown';
  }
}

/** A card is usable through the last day of its expiry month (UTC). Two-digit years mean 20xx. */
export function cardExpired(expMonth: number, expYear: number, now: Date): boolean {
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12 || !Number.isInteger(expYear) || expYear < 0) return true;
  const year = expYear < 100 ? 2000 + expYear : expYear;
  return now.getTime() >= Date.UTC(year, expMonth, 1); // Date.UTC months are 0-based: this is the 1st of the next month
}

export function cvcValid(cvc: string, brand: CardBrand): boolean {
  return brand === 'amex' ? /^\d{4}$/.test(cvc) : /^\d{3}$/.test(cvc);
}

/** The normalized number of a card that passes the checks a network makes before looking at the account, else null. */
export function validCardNumber(card: { number: string; expMonth: number; expYear: number; cvc: string }, now: Date): string | null {
  const digits = normalizeCardNumber(card.number);
  if (!digits || !luhnValid(digits)) return null;
  if (cardExpired(card.expMonth, card.expYear, now)) return null;
  if (!cvcValid(card.cvc, cardBrand(digits))) return null;
  return digits;
}

export const isPositiveCents = (n: number) => Number.isSafeInteger(n) && n > 0;

// --- Our payment's state machine.
export const canCapture = (status: PaymentStatus) => status === 'authorized';
export const canVoid = (status: PaymentStatus) => status === 'authorized';
// A partly refunded payment stays 'captured'; 'refunded' means nothing is left to refund.
export const canRefund = (status: PaymentStatus) => status === 'captured';
/** Whether the card hold is gone, so nothing more can happen to the giver's card. */
export const holdReleased = (status: PaymentStatus) => status === 'voided' || status === 'lapsed';

export function remainingRefundable(p: { capturedCents: number; refundedCents: number }): number {
  return Math.max(0, p.capturedCents - p.refundedCents);
}

export function statusAfterRefund(p: { capturedCents: number; refundedCents: number }): PaymentStatus {
  return p.refundedCents >= p.capturedCents ? 'refunded' : 'captured';
}

// --- How a processor answer is recorded and shown.
export type PaymentOperationKind = 'authorize' | 'capture' | 'void' | 'refund';
export type PaymentOperationOutcome = 'succeeded' | 'declined' | 'failed' | 'timed_out';

export function operationOutcome(r: ProcessorResult<unknown>): PaymentOperationOutcome {
  if (r.ok) return 'succeeded';
  if (r.code === 'timeout') return 'timed_out';
  return r.code === 'card_declined' || r.code === 'insufficient_funds' || r.code === 'invalid_card' ? 'declined' : 'failed';
}

/** The sentence a person sees; the processor's own wording and codes stay in payment_operations. */
export function paymentErrorMessage(kind: PaymentOperationKind, code: ProcessorErrorCode): string {
  switch (code) {
    case 'card_declined':
      return kind === 'refund' ? 'The card’s bank refused the refund.' : kind === 'capture' ? 'The card’s bank refused the charge.' : 'Your card was declined.';
    case 'insufficient_funds':
      return 'Your card has insufficient funds.';
    case 'invalid_card':
      return 'Check the card number, expiry date and security code.';
    case 'timeout':
      // Only an authorization that timed out is known to have charged nothing: a capture may have gone through.
      return kind === 'authorize'
        ? "We couldn't reach the card processor. Nothing was charged; please try again."
        : "We couldn't reach the card processor; please try again.";
    case 'authorization_expired':
      return 'The card authorization has expired, so the card can no longer be charged.';
    case 'amount_too_large':
      return kind === 'refund' ? 'That is more than is left to refund on this payment.' : 'That is more than the card authorization allows.';
    case 'invalid_state':
      return "This payment can't be changed in its current state.";
    case 'idempotency_mismatch':
      return 'This request conflicts with an earlier one; please start again.';
  }
}

// --- The sandbox network's own decisions, on its row for one authorization (locked by the caller).
export type SandboxHold = { status: 'held' | 'captured' | 'voided'; lapsed: boolean; amountCents: number; capturedCents: number; refundedCents: number };
export type SandboxRefusal = 'authorization_expired' | 'invalid_state' | 'amount_too_large';

export function sandboxCaptureRefusal(hold: SandboxHold | undefined, amountCents: number): SandboxRefusal | null {
  if (!hold || hold.status !== 'held') return 'invalid_state';
  if (hold.lapsed) return 'authorization_expired';
  return amountCents > hold.amountCents ? 'amount_too_large' : null;
}

export function sandboxVoidRefusal(hold: SandboxHold | undefined): SandboxRefusal | null {
  if (!hold || hold.status !== 'held') return 'invalid_state';
  return hold.lapsed ? 'authorization_expired' : null;
}

export function sandboxRefundRefusal(hold: SandboxHold | undefined, amountCents: number): SandboxRefusal | null {
  if (!hold || hold.status !== 'captured') return 'invalid_state';
  return amountCents > remainingRefundable(hold) ? 'amount_too_large' : null;
}
