import { sandboxProcessor } from './sandbox';

// The card processor's contract, written as if it were an external service. Every money movement carries an
// idempotency key: a retry with the same key and request gets the first response back and never acts twice.

export type CardInput = { number: string; expMonth: number; expYear: number; cvc: string };

export type ProcessorErrorCode =
  | 'card_declined'
  | 'insufficient_funds'
  | 'invalid_card'
  | 'timeout' // no answer: the call may or may not have acted; retry with the same key to find out
  | 'authorization_expired'
  | 'invalid_state'
  | 'amount_too_large'
  | 'idempotency_mismatch';

export type ProcessorResult<T> = { ok: true; value: T } | { ok: false; code: ProcessorErrorCode; message: string };

export type AuthorizeRequest = { amountCents: number; currency: string; card: CardInput; idempotencyKey: string };
export type Authorization = { authorizationId: string; expiresAt: Date; brand: string; last4: string };
export type CaptureRequest = { authorizationId: string; amountCents: number; idempotencyKey: string };
export type VoidRequest = { authorizationId: string; idempotencyKey: string };
export type RefundRequest = { authorizationId: string; amountCents: number; idempotencyKey: string };

export type PaymentProcessor = {
  authorize(r: AuthorizeRequest): Promise<ProcessorResult<Authorization>>;
  capture(r: CaptureRequest): Promise<ProcessorResult<{ capturedCents: number }>>;
  void(r: VoidRequest): Promise<ProcessorResult<{ voided: true }>>;
  /** Results in input order. Set-based: a few statements for the whole batch. */
  voidMany(rs: VoidRequest[]): Promise<ProcessorResult<{ voided: true }>[]>;
  /** refundedCents is the authorization's total refunded after this refund, so a replayed response never double-counts. */
  refund(r: RefundRequest): Promise<ProcessorResult<{ refundedCents: number }>>;
};

export function getProcessor(): PaymentProcessor {
  // A production build never falls back to play money by accident: it must name its processor.
  if (process.env.NODE_ENV === 'production' && !process.env.PAYMENT_PROCESSOR)
    throw new Error('PAYMENT_PROCESSOR must be set in production (only "sandbox" exists so far: set it explicitly for demos and tests)');
  const name = process.env.PAYMENT_PROCESSOR || 'sandbox';
  if (name !== 'sandbox') throw new Error(`Unknown PAYMENT_PROCESSOR "${name}": only "sandbox" is available`);
  return sandboxProcessor;
}
