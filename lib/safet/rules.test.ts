import { describe, expect, it } from 'vitest';
import { appeal, autoDeny, autoDenyDue, CARRIER_CLAIM_POINTER, DAY_MS, decide, filingDeadline, filingProblem, reminderDue, requestInfo, respond, sellerView, type ClaimSnapshot } from './rules';

const t0 = new Date('2026-11-02T15:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const fresh: ClaimSnapshot = { state: 'submitted', outcome: null, amountCents: 3000, grantedCents: 0, respondBy: null, decidedAt: null, appealBy: null, appealedAt: null };

describe('filing (S15, S16)', () => {
  const refund = { issuer: 'marketplace' as const, chargedToSeller: true, status: 'succeeded' as const, amountCents: 4000, createdAt: t0 };
  const ok = { refund, reason: 'no_return' as const, amountCents: 4000, attested: true, hasClaimForOrder: false, now: t0 };
  it('accepts a claim on a marketplace refund within 30 days', () => {
    expect(filingProblem(ok)).toBeNull();
    expect(filingProblem({ ...ok, now: filingDeadline(t0) })).toBeNull();
  });
  it('refuses after the filing window', () => {
    expect(filingProblem({ ...ok, now: at(30 * DAY_MS + 1) })?.message).toMatch(/filing window closed/);
  });
  it('refuses the seller’s own refunds, a second claim on the order, more than the refund or $5,000, and no attestation', () => {
    expect(filingProblem({ ...ok, refund: { ...refund, issuer: 'seller' } })?.field).toBe('_form');
    expect(filingProblem({ ...ok, hasClaimForOrder: true })?.message).toMatch(/one claim per order/);
    expect(filingProblem({ ...ok, amountCents: 4001 })?.field).toBe('amountCents');
    const big = { ...refund, amountCents: 900_000 };
    expect(filingProblem({ ...ok, refund: big, amountCents: 500_001 })?.message).toMatch(/per order/);
    expect(filingProblem({ ...ok, refund: big, amountCents: 500_000 })).toBeNull();
    expect(filingProblem({ ...ok, attested: false })?.field).toBe('attested');
  });
  it('points lost or damaged in return transit to the carrier', () => {
    expect(filingProblem({ ...ok, reason: 'lost_or_damaged_in_return_transit' })).toEqual({ field: 'reason', message: CARRIER_CLAIM_POINTER });
  });
});

describe('information requested: 7 days to answer, denied at exactly 7 days', () => {
  const r = requestInfo(fresh, t0);
  if (!r.ok) throw new Error(r.reason);
  const waiting: ClaimSnapshot = { ...fresh, state: 'info_requested', respondBy: r.respondBy };
  it('sets the deadline 7 days out', () => {
    expect(r.respondBy.getTime() - t0.getTime()).toBe(7 * DAY_MS);
  });
  it('takes an answer up to the last millisecond, not at the deadline', () => {
    expect(respond(waiting, at(7 * DAY_MS - 1))).toEqual({ ok: true, next: 'submitted' });
    expect(respond(waiting, at(7 * DAY_MS)).ok).toBe(false);
  });
  it('auto-denies at exactly 7 days, not a millisecond before', () => {
    expect(autoDenyDue(waiting, at(7 * DAY_MS - 1))).toBe(false);
    expect(autoDenyDue(waiting, at(7 * DAY_MS))).toBe(true);
    const denied = autoDeny(waiting, at(7 * DAY_MS));
    expect(denied).toEqual({ ok: true, next: 'decided', appealBy: at(14 * DAY_MS) });
  });
  it('an appeal left without the information ends final', () => {
    const inAppeal = { ...waiting, appealedAt: t0 };
    expect(autoDeny(inAppeal, at(7 * DAY_MS))).toEqual({ ok: true, next: 'final', appealBy: null });
    expect(respond(inAppeal, at(DAY_MS))).toEqual({ ok: true, next: 'appealed' });
  });
  it('is not due for claims in other states', () => {
    expect(autoDenyDue({ ...waiting, state: 'submitted' }, at(30 * DAY_MS))).toBe(false);
  });
});

describe('decision and the one appeal', () => {
  const d = decide(fresh, { outcome: 'denied', grantedCents: 0 }, t0);
  if (!d.ok) throw new Error(d.reason);
  const decided: ClaimSnapshot = { ...fresh, state: 'decided', outcome: 'denied', decidedAt: t0, appealBy: d.appealBy };
  it('a decision opens a 7-day appeal window', () => {
    expect(d).toEqual({ ok: true, next: 'decided', appealBy: at(7 * DAY_MS), creditCents: 0 });
    expect(sellerView(decided, at(DAY_MS))).toMatchObject({ action: { kind: 'appeal', by: at(7 * DAY_MS) } });
  });
  it('appeals once within the window', () => {
    expect(appeal(decided, at(7 * DAY_MS - 1)).ok).toBe(true);
    const appealed = { ...decided, state: 'appealed' as const, appealedAt: at(DAY_MS) };
    expect(appeal(appealed, at(DAY_MS + 1))).toEqual({ ok: false, reason: 'A SAFE-T claim can be appealed only once.' });
    const final = decide(appealed, { outcome: 'granted_full', grantedCents: 3000 }, at(2 * DAY_MS));
    expect(final).toEqual({ ok: true, next: 'final', appealBy: null, creditCents: 3000 });
    expect(appeal({ ...appealed, state: 'final' }, at(2 * DAY_MS)).ok).toBe(false);
  });
  it('refuses an appeal at or after the deadline, and the claim then reads final', () => {
    expect(appeal(decided, at(7 * DAY_MS))).toEqual({ ok: false, reason: 'The time to appeal has passed.' });
    expect(sellerView(decided, at(7 * DAY_MS))).toMatchObject({ label: 'Denied (final)', action: null });
  });
  it('checks the granted amount and credits only what an appeal adds', () => {
    expect(decide(fresh, { outcome: 'granted_partial', grantedCents: 3000 }, t0).ok).toBe(false);
    expect(decide(fresh, { outcome: 'granted_full', grantedCents: 2999 }, t0).ok).toBe(false);
    const part = decide(fresh, { outcome: 'granted_partial', grantedCents: 1000 }, t0);
    expect(part).toMatchObject({ ok: true, creditCents: 1000 });
    const appealed: ClaimSnapshot = { ...fresh, state: 'appealed', outcome: 'granted_partial', grantedCents: 1000, appealedAt: t0 };
    expect(decide(appealed, { outcome: 'granted_full', grantedCents: 3000 }, t0)).toMatchObject({ ok: true, creditCents: 2000 });
    expect(decide(appealed, { outcome: 'denied', grantedCents: 0 }, t0).ok).toBe(false);
  });
  it('a claim granted in full has nothing to appeal', () => {
    expect(appeal({ ...decided, outcome: 'granted_full', grantedCents: 3000 }, at(DAY_MS)).ok).toBe(false);
  });
  it('cannot decide a claim twice', () => {
    expect(decide(decided, { outcome: 'denied', grantedCents: 0 }, t0).ok).toBe(false);
  });
});

describe('reminders 48 hours before a deadline', () => {
  const waiting: ClaimSnapshot = { ...fresh, state: 'info_requested', respondBy: at(7 * DAY_MS) };
  it('is due from 48 hours before until the deadline', () => {
    expect(reminderDue(waiting, at(5 * DAY_MS - 1))).toBeNull();
    expect(reminderDue(waiting, at(5 * DAY_MS))).toEqual({ kind: 'respond', at: at(7 * DAY_MS) });
    expect(reminderDue(waiting, at(7 * DAY_MS))).toBeNull();
  });
});
