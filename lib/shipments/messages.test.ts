import { describe, expect, it } from 'vitest';
import { shippedMessage } from './messages';

describe('the shipped message', () => {
  const base = { isGift: false, itemTitles: ['Trail Lantern'], serviceName: 'UPS 2nd Day Air', trackingId: 'EZ1000000001', promisedDeliveryDate: '2026-03-12', link: 'https://shop.test/orders/abc' };

  it('gives the buyer the service, tracking number, promised date and their order page', () => {
    const m = shippedMessage({ ...base, channel: 'email' });
    expect(m.subject).toBe('Your order is being shipped: Trail Lantern');
    expect(m.body).toContain('The seller is shipping your order (Trail Lantern) with UPS 2nd Day Air. Arriving by Thu, Mar 12.');
    expect(m.body).toContain('Tracking number: EZ1000000001.');
    expect(m.body).toContain('https://shop.test/orders/abc');
  });

  it('a gift’s recipient is told about their gift, with no price; several items are summarized on one line', () => {
    const m = shippedMessage({ ...base, channel: 'email', isGift: true, itemTitles: ['Trail\nLantern', 'Mug'], link: 'https://shop.test/account/received/abc' });
    expect(m.subject).toBe('Your gift is being shipped: Trail Lantern and 1 more');
    expect(m.body).toContain('your gift page');
    expect(m.body).not.toMatch(/\$\d/);
  });

  it('by text: one short line with the link; without a recorded promise, no date', () => {
    const m = shippedMessage({ ...base, channel: 'sms', promisedDeliveryDate: null });
    expect(m.body).toBe('Prime Marketplace: your order (Trail Lantern) is being shipped with UPS 2nd Day Air, tracking EZ1000000001. Track it: https://shop.test/orders/abc');
  });
});
