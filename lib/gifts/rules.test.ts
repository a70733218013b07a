import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseConfig } from '@/lib/config';
import { canTransition, giftTransitions, giverStatus, giverStatusLabel, isOpen, mayRun, offerExpiry, reminderDue, transitionFrom, transitionTo, type GiftOfferStatus, type GiftTransition } from './rules';

const all: GiftOfferStatus[] = ['waiting', 'settling', 'accepted', 'declined', 'expired', 'cancelled'];

describe('gift offer state machine', () => {
  it('only a waiting offer can be decided, declined, expired or cancelled', () => {
    for (const to of ['settling', 'declined', 'expired', 'cancelled'] as const) {
      expect(canTransition('waiting', to)).toBe(true);
      for (const from of all.filter((s) => s !== 'waiting')) {
        if (from === 'settling' && to === 'expired') continue;
        expect(canTransition(from, to)).toBe(false);
      }
    }
  });

  it('final states are final', () => {
    for (const from of ['accepted', 'declined', 'expired', 'cancelled'] as const) {
      for (const to of all) expect(canTransition(from, to)).toBe(false);
      expect(isOpen(from)).toBe(false);
    }
  });

  it('names every transition the commands run, each from open states only', () => {
    expect(Object.keys(giftTransitions).sort()).toEqual(['cancel', 'claim', 'decline', 'expire', 'lapse', 'settle', 'undeliverable']);
    expect(transitionFrom('claim')).toEqual(['waiting']);
    expect(transitionTo('claim')).toBe('settling');
    // The expiry job and the giver's cancel can never touch an offer a recipient has claimed.
    expect(mayRun('expire', 'settling')).toBe(false);
    expect(mayRun('cancel', 'settling')).toBe(false);
    // A message that never arrived ends only a gift nobody has answered: a recipient's claim is never undone by it.
    expect(mayRun('undeliverable', 'waiting')).toBe(true);
    expect(mayRun('undeliverable', 'settling')).toBe(false);
    expect(transitionTo('undeliverable')).toBe('cancelled');
    expect(mayRun('settle', 'settling')).toBe(true);
    expect(mayRun('settle', 'waiting')).toBe(false);
    expect(transitionTo('lapse')).toBe('expired');
    for (const t of Object.keys(giftTransitions) as GiftTransition[]) {
      for (const from of transitionFrom(t)) expect(isOpen(from)).toBe(true);
      expect(canTransition(transitionFrom(t)[0], transitionTo(t))).toBe(true);
    }
  });

  it('canTransition agrees with the named transitions for every pair of states', () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.constantFrom(...all), (from, to) => {
        const named = (Object.keys(giftTransitions) as GiftTransition[]).some((t) => transitionTo(t) === to && mayRun(t, from));
        expect(canTransition(from, to)).toBe(named);
      }),
    );
  });

  it('the giver never sees an in-flight settlement, only waiting', () => {
    expect(giverStatus('settling')).toBe('waiting');
    expect(giverStatusLabel[giverStatus('waiting')]).toBe('Waiting for the recipient');
    expect(giverStatusLabel[giverStatus('accepted')]).toBe('Accepted');
    expect(giverStatusLabel[giverStatus('declined')]).toBe('Declined');
  });
});

describe('expiry and reminders', () => {
  it('expires offer life after creation', () => {
    const created = new Date('2026-11-23T12:00:00Z');
    expect(offerExpiry(created, 120).toISOString()).toBe('2026-11-28T12:00:00.000Z');
  });

  it('a reminder is due within the last 24 hours only', () => {
    const exp = new Date('2026-11-28T12:00:00Z');
    expect(reminderDue(exp, 24, new Date('2026-11-27T11:59:00Z'))).toBe(false);
    expect(reminderDue(exp, 24, new Date('2026-11-27T12:00:00Z'))).toBe(true);
    expect(reminderDue(exp, 24, new Date('2026-11-28T12:00:00Z'))).toBe(false);
  });
});

describe('offer life configuration', () => {
  it('defaults to 5 days, a reminder 24h before, holds valid 7 days', () => {
    const c = parseConfig({});
    expect(c.giftOfferLifeHours).toBe(120);
    expect(c.giftReminderBeforeHours).toBe(24);
    expect(c.holdValidityHours).toBe(168);
  });

  it('refuses an offer life at or beyond the hold validity', () => {
    expect(() => parseConfig({ GIFT_OFFER_LIFE_HOURS: '168' })).toThrow(/before the card hold lapses/);
    expect(() => parseConfig({ GIFT_OFFER_LIFE_HOURS: '200' })).toThrow(/before the card hold lapses/);
    expect(parseConfig({ GIFT_OFFER_LIFE_HOURS: '167' }).giftOfferLifeHours).toBe(167);
  });

  it('accepts any offer life strictly below the hold validity (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 500 }), fc.integer({ min: 26, max: 600 }), (validity, life) => {
        const env = { HOLD_VALIDITY_HOURS: String(validity), GIFT_OFFER_LIFE_HOURS: String(life) };
        let ok = true;
        try {
          parseConfig(env);
        } catch {
          ok = false;
        }
        return ok === life < validity;
      }),
    );
  });
});
