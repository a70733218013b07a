import { describe, expect, it } from 'vitest';
import { formatDateTimeIn, isRefundOverdue, refundDueAt, requesterOf, returnByDate, returnEligibility, returnWindowEnd, rmaCodeFrom, splitRefund } from './rules';

const NY = 'America/New_York';
const LA = 'America/Los_Angeles';

describe('refund deadline: 2 business days after the return reaches the seller (S11)', () => {
  it('skips the weekend: received Friday, due at the end of Tuesday', () => {
    // Fri 2026-11-06 15:00 EST
    expect(refundDueAt(new Date('2026-11-06T20:00:00Z'), NY).toISOString()).toBe('2026-11-11T04:59:59.999Z');
  });
  it('skips a federal holiday: received the day before Thanksgiving, due at the end of Monday', () => {
    // Wed 2026-11-25; Thu 26 is Thanksgiving, Fri 27 counts, Mon 30 is the second business day
    expect(refundDueAt(new Date('2026-11-25T15:00:00Z'), NY).toISOString()).toBe('2026-12-01T04:59:59.999Z');
  });
  it('skips an observed holiday (July 4th on a Saturday is observed on Friday)', () => {
    // Thu 2026-07-02 10:00 EDT -> Fri 3 observed holiday, Mon 6, Tue 7 -> end of Tue 7 EDT
    expect(refundDueAt(new Date('2026-07-02T14:00:00Z'), NY).toISOString()).toBe('2026-07-08T03:59:59.999Z');
  });
  it('crosses the end of daylight saving time: the deadline is midnight of the new offset', () => {
    // Fri 2026-10-30 16:00 EDT (UTC-4); DST ends Sun Nov 1; due end of Tue Nov 3 EST (UTC-5)
    expect(refundDueAt(new Date('2026-10-30T20:00:00Z'), NY).toISOString()).toBe('2026-11-04T04:59:59.999Z');
  });
  it('crosses the start of daylight saving time', () => {
    // Fri 2026-03-06 12:00 EST; DST starts Sun Mar 8; due end of Tue Mar 10 EDT (UTC-4)
    expect(refundDueAt(new Date('2026-03-06T17:00:00Z'), NY).toISOString()).toBe('2026-03-11T03:59:59.999Z');
  });
  it('counts in the seller’s zone, not UTC or the server’s', () => {
    // Thu 2026-11-05 23:30 in Los Angeles is already Friday in New York
    const at = new Date('2026-11-06T07:30:00Z');
    expect(refundDueAt(at, LA).toISOString()).toBe('2026-11-10T07:59:59.999Z'); // Fri 6, Mon 9 -> end of Mon 9 PST
    expect(refundDueAt(at, NY).toISOString()).toBe('2026-11-11T04:59:59.999Z'); // Mon 9, Tue 10 -> end of Tue 10 EST
  });
  it('a return received on a Saturday counts from Monday', () => {
    // Sat 2026-11-14 -> Mon 16, Tue 17
    expect(refundDueAt(new Date('2026-11-14T15:00:00Z'), NY).toISOString()).toBe('2026-11-18T04:59:59.999Z');
  });
  it('is overdue only after the deadline, and only while waiting for the refund', () => {
    const due = new Date('2026-11-11T04:59:59.999Z');
    expect(isRefundOverdue({ status: 'received', refundDueAt: due }, due)).toBe(false);
    expect(isRefundOverdue({ status: 'received', refundDueAt: due }, new Date(due.getTime() + 1))).toBe(true);
    expect(isRefundOverdue({ status: 'refunded', refundDueAt: due }, new Date(due.getTime() + 1))).toBe(false);
  });
});

describe('return window and return-by date (S10, S14)', () => {
  const delivered = new Date('2026-10-01T16:00:00Z');
  it('authorizes within 30 days of delivery, to the end of the 30th day in the seller’s zone', () => {
    const end = returnWindowEnd(delivered, NY);
    expect(end.toISOString()).toBe('2026-11-01T03:59:59.999Z'); // end of Oct 31 EDT (UTC-4)
    expect(returnEligibility({ deliveredAt: delivered, now: end, tz: NY, hasReturn: false })).toEqual({ ok: true, outsideWindow: false });
    const late = returnEligibility({ deliveredAt: delivered, now: new Date(end.getTime() + 1), tz: NY, hasReturn: false });
    expect(late).toMatchObject({ ok: false, askCustomerService: true });
  });
  it('refuses before delivery and a second request', () => {
    expect(returnEligibility({ deliveredAt: null, now: delivered, tz: NY, hasReturn: false }).ok).toBe(false);
    expect(returnEligibility({ deliveredAt: delivered, now: delivered, tz: NY, hasReturn: true })).toMatchObject({ ok: false, askCustomerService: false });
  });
  it('gives a return-by date 30 days after authorization', () => {
    expect(returnByDate(new Date('2026-11-24T12:00:00Z'), NY).toISOString()).toBe('2026-12-25T04:59:59.999Z');
  });
});

describe('who may return', () => {
  const gift = { buyerId: 'giver', isGift: true, gift: { recipientUserId: 'recipient', status: 'accepted', settlement: 'ship' } };
  it('a gift’s recipient, never its giver', () => {
    expect(requesterOf(gift, 'recipient')).toBe('gift_recipient');
    expect(requesterOf(gift, 'giver')).toBe('gift_giver');
    expect(requesterOf(gift, 'stranger')).toBe('none');
  });
  it('not a gift taken as a gift card', () => {
    expect(requesterOf({ ...gift, gift: { ...gift.gift, settlement: 'gift_card' } }, 'recipient')).toBe('none');
  });
  it('the buyer of their own order', () => {
    const own = { buyerId: 'me', isGift: false, gift: null };
    expect(requesterOf(own, 'me')).toBe('buyer');
    expect(requesterOf(own, 'other')).toBe('none');
  });
});

describe('refund split', () => {
  const base = { orderTotalCents: 5000, refundedSoFarCents: 0, cardRemainingCents: 4000, giftCardPaidCents: 1000, giftCardRefundedSoFarCents: 0, toRecipientGiftCard: false };
  it('card first, then the part paid from the gift-card balance', () => {
    expect(splitRefund({ ...base, amountCents: 3000 })).toEqual({ cardCents: 3000, giftCardCents: 0 });
    expect(splitRefund({ ...base, amountCents: 5000 })).toEqual({ cardCents: 4000, giftCardCents: 1000 });
  });
  it('never more than remains refundable', () => {
    expect(splitRefund({ ...base, amountCents: 5001 })).toBeNull();
    expect(splitRefund({ ...base, refundedSoFarCents: 4500, amountCents: 600 })).toBeNull();
    expect(splitRefund({ ...base, amountCents: 0 })).toBeNull();
  });
  it('a gift returned by its recipient goes wholly to the recipient’s gift card', () => {
    expect(splitRefund({ ...base, toRecipientGiftCard: true, amountCents: 5000 })).toEqual({ cardCents: 0, giftCardCents: 5000 });
  });
});

it('RMA codes use an unambiguous alphabet', () => {
  const code = rmaCodeFrom(new Uint8Array([0, 1, 2, 250, 30, 31, 32, 100, 200, 255]));
  expect(code).toMatch(/^R[2-9A-HJKMNP-Z]{10}$/);
});

it('shows deadlines in the seller’s zone with its abbreviation', () => {
  expect(formatDateTimeIn(new Date('2026-11-11T04:59:59.999Z'), NY)).toBe('Tue, Nov 10, 2026 11:59 PM EST');
  expect(formatDateTimeIn(new Date('2026-07-08T03:59:59.999Z'), NY)).toBe('Tue, Jul 7, 2026 11:59 PM EDT');
  expect(formatDateTimeIn(new Date('2026-11-10T07:59:59.999Z'), LA)).toBe('Mon, Nov 9, 2026 11:59 PM PST');
});
