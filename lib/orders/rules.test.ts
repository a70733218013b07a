import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FREE_SHIPPING_THRESHOLD_CENTS, priceOrder, splitPayment, STANDARD_SHIPPING_CENTS, summarizeTitles } from './rules';
import { formatMoney, multiplyCents, sumCents } from '@/lib/money';

describe('pricing', () => {
  it('ships Prime offers free and charges shipping on small non-Prime orders', () => {
    expect(priceOrder({ unitPriceCents: 1000, quantity: 1, primeOffer: true })).toEqual({ subtotalCents: 1000, shippingCents: 0, totalCents: 1000 });
    expect(priceOrder({ unitPriceCents: 1000, quantity: 1, primeOffer: false }).shippingCents).toBe(STANDARD_SHIPPING_CENTS);
    expect(priceOrder({ unitPriceCents: FREE_SHIPPING_THRESHOLD_CENTS, quantity: 1, primeOffer: false }).shippingCents).toBe(0);
  });

  it('total is always subtotal plus shipping, in whole cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (unit, q, prime) => {
        const p = priceOrder({ unitPriceCents: unit, quantity: q, primeOffer: prime });
        return Number.isSafeInteger(p.totalCents) && p.totalCents === p.subtotalCents + p.shippingCents && p.subtotalCents === unit * q;
      }),
    );
  });
});

describe('gift card split', () => {
  it('never uses more than the total or the balance, and card pays the rest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.boolean(), (total, balance, use) => {
        const s = splitPayment(total, balance, use);
        return s.giftCardCents >= 0 && s.giftCardCents <= Math.min(total, balance) && s.giftCardCents + s.cardCents === total && (use || s.giftCardCents === 0);
      }),
    );
  });
});

describe('money', () => {
  it('formats cents as dollars', () => {
    expect(formatMoney(123456)).toBe('$1,234.56');
    expect(formatMoney(5)).toBe('$0.05');
  });
  it('refuses fractional cents', () => {
    expect(() => multiplyCents(10.5, 2)).toThrow(RangeError);
    expect(() => sumCents([1, 2.5])).toThrow(RangeError);
    expect(sumCents([1, 2, 3])).toBe(6);
  });
});

describe('summarizeTitles', () => {
  it('names an order by its first line, then how many more lines it has', () => {
    expect(summarizeTitles([])).toBe('');
    expect(summarizeTitles(['Trail socks'])).toBe('Trail socks');
    expect(summarizeTitles(['Trail socks', 'Camp mug'])).toBe('Trail socks and 1 more');
    expect(summarizeTitles(['Trail socks', 'Camp mug', 'Headlamp'])).toBe('Trail socks and 2 more');
  });
});
