import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canCapture,
  canRefund,
  canVoid,
  cardBrand,
  cardExpired,
  cvcValid,
  holdReleased,
  luhnValid,
  normalizeCardNumber,
  operationOutcome,
  paymentErrorMessage,
  remainingRefundable,
  sandboxCaptureRefusal,
  sandboxRefundRefusal,
  sandboxVoidRefusal,
  statusAfterRefund,
  validCardNumber,
  type PaymentStatus,
  type SandboxHold,
} from './rules';

const luhnCheckDigit = (body: string) => {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return String(d);
  throw new Error('unreachable');
};
const digitString = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));

describe('card numbers', () => {
  it('accepts the test cards and rejects a changed digit', () => {
    for (const n of ['4242424242424242', '4000000000000002', '4000000000009995', '4000000000000119', '378282246310005', '5555555555554444']) {
      expect(luhnValid(n)).toBe(true);
    }
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('42a2')).toBe(false);
  });

  it('ignores the spaces and dashes people type, and nothing else', () => {
    expect(normalizeCardNumber(' 4242 4242-4242 4242 ')).toBe('4242424242424242');
    expect(normalizeCardNumber('4242.4242.4242.4242')).toBeNull();
    expect(normalizeCardNumber('4242')).toBeNull();
  });

  it('property: exactly one check digit completes any number, and formatting never changes validity', () => {
    fc.assert(
      fc.property(digitString(11, 18), fc.array(fc.constantFrom(' ', '-', ''), { minLength: 19, maxLength: 19 }), (body, seps) => {
        const valid = body + luhnCheckDigit(body);
        const others = [...'0123456789'].filter((d) => luhnValid(body + d));
        expect(others).toHaveLength(1);
        const typed = [...valid].map((c, i) => c + seps[i]).join('');
        expect(normalizeCardNumber(typed)).toBe(valid);
        expect(luhnValid(normalizeCardNumber(typed)!)).toBe(true);
      }),
    );
  });

  it('property: changing any single digit of a valid number breaks the check', () => {
    fc.assert(
      fc.property(digitString(11, 18), fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
        const valid = body + luhnCheckDigit(body);
        const i = at % valid.length;
        const changed = valid.slice(0, i) + ((Number(valid[i]) + delta) % 10) + valid.slice(i + 1);
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });

  it('brands by first digit', () => {
    expect(cardBrand('4242424242424242')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('unknown');
  });

  it('treats a card as valid through the last day of its expiry month', () => {
    expect(cardExpired(3, 2030, new Date('2030-03-31T23:59:59Z'))).toBe(false);
    expect(cardExpired(3, 2030, new Date('2030-04-01T00:00:00Z'))).toBe(true);
    expect(cardExpired(12, 30, new Date('2030-12-15T00:00:00Z'))).toBe(false);
    expect(cardExpired(13, 2030, new Date('2020-01-01T00:00:00Z'))).toBe(true);
  });

  it('wants a 4-digit code for amex and 3 digits otherwise', () => {
    expect(cvcValid('123', 'visa')).toBe(true);
    expect(cvcValid('1234', 'visa')).toBe(false);
    expect(cvcValid('1234', 'amex')).toBe(true);
    expect(cvcValid('12a', 'mastercard')).toBe(false);
  });

  it('validates the whole card', () => {
    const now = new Date('2026-01-15T00:00:00Z');
    const card = { number: '4242 4242 4242 4242', expMonth: 1, expYear: 2026, cvc: '123' };
    expect(validCardNumber(card, now)).toBe('4242424242424242');
    expect(validCardNumber({ ...card, expMonth: 12, expYear: 2025 }, now)).toBeNull();
    expect(validCardNumber({ ...card, cvc: '12' }, now)).toBeNull();
    expect(validCardNumber({ ...card, number: '4242 4242 4242 4241' }, now)).toBeNull();
  });
});

describe('payment state machine', () => {
  const all: PaymentStatus[] = ['authorized', 'captured', 'voided', 'lapsed', 'refunded'];
  it('captures and voids only an authorized payment, refunds only a captured one', () => {
    expect(all.filter(canCapture)).toEqual(['authorized']);
    expect(all.filter(canVoid)).toEqual(['authorized']);
    expect(all.filter(canRefund)).toEqual(['captured']);
    expect(all.filter(holdReleased)).toEqual(['voided', 'lapsed']);
  });

  it('property: refunds accepted one after another never exceed the capture, and the last one empties it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 20 }), (captured, asks) => {
        let hold: SandboxHold = { status: 'captured', lapsed: false, amountCents: captured, capturedCents: captured, refundedCents: 0 };
        for (const amount of asks) {
          const refusal = sandboxRefundRefusal(hold, amount);
          expect(refusal === null).toBe(amount <= remainingRefundable(hold));
          if (!refusal) hold = { ...hold, refundedCents: hold.refundedCents + amount };
          expect(hold.refundedCents).toBeLessThanOrEqual(captured);
        }
        expect(statusAfterRefund(hold)).toBe(hold.refundedCents === captured ? 'refunded' : 'captured');
      }),
    );
  });
});

describe('sandbox network decisions', () => {
  const held: SandboxHold = { status: 'held', lapsed: false, amountCents: 5000, capturedCents: 0, refundedCents: 0 };
  it('captures a live hold up to its amount, once', () => {
    expect(sandboxCaptureRefusal(held, 5000)).toBeNull();
    expect(sandboxCaptureRefusal(held, 5001)).toBe('amount_too_large');
    expect(sandboxCaptureRefusal({ ...held, status: 'captured', capturedCents: 5000 }, 10)).toBe('invalid_state');
    expect(sandboxCaptureRefusal({ ...held, lapsed: true }, 10)).toBe('authorization_expired');
    expect(sandboxCaptureRefusal(undefined, 10)).toBe('invalid_state');
  });

  it('voids only a live hold', () => {
    expect(sandboxVoidRefusal(held)).toBeNull();
    expect(sandboxVoidRefusal({ ...held, lapsed: true })).toBe('authorization_expired');
    expect(sandboxVoidRefusal({ ...held, status: 'voided' })).toBe('invalid_state');
    expect(sandboxVoidRefusal({ ...held, status: 'captured' })).toBe('invalid_state');
  });

  it('refunds only captured money, even after the hold would have lapsed', () => {
    const captured: SandboxHold = { ...held, status: 'captured', capturedCents: 5000, lapsed: true };
    expect(sandboxRefundRefusal(captured, 5000)).toBeNull();
    expect(sandboxRefundRefusal({ ...captured, refundedCents: 4000 }, 1001)).toBe('amount_too_large');
    expect(sandboxRefundRefusal(held, 1)).toBe('invalid_state');
  });
});

describe('recording and telling', () => {
  it('classifies processor answers', () => {
    expect(operationOutcome({ ok: true, value: {} })).toBe('succeeded');
    expect(operationOutcome({ ok: false, code: 'insufficient_funds', message: '' })).toBe('declined');
    expect(operationOutcome({ ok: false, code: 'invalid_card', message: '' })).toBe('declined');
    expect(operationOutcome({ ok: false, code: 'timeout', message: '' })).toBe('timed_out');
    expect(operationOutcome({ ok: false, code: 'authorization_expired', message: '' })).toBe('failed');
  });

  it('promises nothing was charged only when an authorization timed out', () => {
    expect(paymentErrorMessage('authorize', 'timeout')).toBe("We couldn't reach the card processor. Nothing was charged; please try again.");
    expect(paymentErrorMessage('capture', 'timeout')).not.toMatch(/Nothing was charged/);
    expect(paymentErrorMessage('authorize', 'card_declined')).toBe('Your card was declined.');
  });

  it('says the bank refused a refund rather than blaming the buyer’s card', () => {
    expect(paymentErrorMessage('refund', 'card_declined')).toBe('The card’s bank refused the refund.');
    expect(paymentErrorMessage('capture', 'card_declined')).toBe('The card’s bank refused the charge.');
  });
});
