import { describe, expect, it } from 'vitest';
import { extractLinks, looksLinkable, textToHtml } from '@/lib/notifications/rules';
import { giftReminderMessage, giftWaitingMessage } from './messages';

const link = 'http://localhost:3000/gift/abc123';
const expiresAt = new Date('2030-01-01T12:00:00Z');

describe('the recipient’s gift messages (anti-phishing)', () => {
  const hostile = {
    giverName: 'PayPal Security\nhttps://paypa1.example/verify',
    giftMessage: 'Your account is locked. Log in at http://paypa1.example/login or www.paypa1.example\r\nThanks, support@paypa1.example',
  };

  for (const channel of ['email', 'sms'] as const) {
    it(`${channel}: the giver's words carry no link; ours is the only one`, () => {
      const m = giftWaitingMessage({ channel, itemTitle: 'Mug', link, expiresAt, ...hostile });
      expect(extractLinks(m.body)).toEqual([link]);
      expect(looksLinkable(m.body.replace(link, ''))).toBe(false);
      if (m.subject !== undefined) {
        expect(m.subject).not.toMatch(/[\r\n]/);
        expect(looksLinkable(m.subject)).toBe(false);
      }
      const html = textToHtml(m.body);
      expect(html.match(/<a /g)).toHaveLength(1);
      expect(html).toContain(`<a href="${link}">`);
      const r = giftReminderMessage({ channel, itemTitle: 'Mug', link, expiresAt, giverName: hostile.giverName });
      expect(extractLinks(r.body)).toEqual([link]);
    });
  }

  it('the giver’s name is one line and bounded; the message is bounded', () => {
    const m = giftWaitingMessage({ channel: 'email', itemTitle: 'Mug', link, expiresAt, giverName: `A\u0000${'x'.repeat(500)}`, giftMessage: 'y'.repeat(5000) });
    expect(m.subject!.length).toBeLessThan(100);
    expect(m.subject).not.toContain('\u0000');
    expect(m.body.length).toBeLessThan(1200);
  });

  it('mentions every choice the recipient has: accept, a gift card, or decline', () => {
    for (const channel of ['email', 'sms'] as const) {
      const m = giftWaitingMessage({ channel, giverName: 'Alex', itemTitle: 'Mug', link, expiresAt });
      expect(m.body).toMatch(/accept/i);
      expect(m.body).toMatch(/gift card/i);
      expect(m.body).toMatch(/decline/i);
    }
  });
});
