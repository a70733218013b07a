import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { sandboxAuthorizations, sandboxRequests } from '@/db/schema';
import { testCard } from '@/test/support/payments';
import { hasPostgresServer } from '@/test/support/integration-setup';
import { SANDBOX_CARDS, sandboxControls, sandboxProcessor as processor } from './sandbox';

const key = (what = 'k') => `${what}:${randomUUID()}`;

async function hold(amountCents = 5000) {
  const r = await processor.authorize({ amountCents, currency: 'USD', card: testCard(), idempotencyKey: key('auth') });
  if (!r.ok) throw new Error(r.code);
  return r.value.authorizationId;
}

async function countHolds() {
  const db = await getDb();
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(sandboxAuthorizations);
  return n;
}

async function storedResponse(idempotencyKey: string) {
  const db = await getDb();
  const [row] = await db.select().from(sandboxRequests).where(eq(sandboxRequests.idempotencyKey, idempotencyKey));
  return row ?? null;
}

afterEach(() => sandboxControls.disarmFaults());

describe('sandbox authorize', () => {
  it('holds the test card for the hold validity, with an unguessable id', async () => {
    const before = Date.now();
    const r = await processor.authorize({ amountCents: 1234, currency: 'USD', card: testCard('4242-4242-4242-4242'), idempotencyKey: key() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(r.value.authorizationId).toMatch(/^auth_[0-9a-f]{32}$/);
    const hours = (r.value.expiresAt.getTime() - before) / 3_600_000;
    expect(hours).toBeGreaterThan(167.9);
    expect(hours).toBeLessThan(168.1);
    expect(await sandboxControls.inspect(r.value.authorizationId)).toMatchObject({ status: 'held', amountCents: 1234, capturedCents: 0, cardLast4: '4242' });
  });

  it.each([
    ['declined card', SANDBOX_CARDS.declined, {}, 'card_declined'],
    ['insufficient funds', SANDBOX_CARDS.insufficientFunds, {}, 'insufficient_funds'],
    ['any other valid number', '5555 5555 5555 4444', {}, 'card_declined'],
    ['bad check digit', '4242 4242 4242 4241', {}, 'invalid_card'],
    ['past expiry', SANDBOX_CARDS.success, { expMonth: 1, expYear: 2020 }, 'invalid_card'],
    ['bad security code', SANDBOX_CARDS.success, { cvc: '12' }, 'invalid_card'],
  ] as const)('refuses a %s without holding anything, and replays the refusal', async (_name, number, overrides, code) => {
    const before = await countHolds();
    const request = { amountCents: 1000, currency: 'USD', card: testCard(number, overrides), idempotencyKey: key() };
    const r = await processor.authorize(request);
    expect(r).toMatchObject({ ok: false, code });
    expect(await processor.authorize(request)).toEqual(r);
    expect(await countHolds()).toBe(before);
  });

  it('times out on the timeout card after SANDBOX_TIMEOUT_MS, holding nothing and storing nothing', async () => {
    const before = await countHolds();
    const idempotencyKey = key();
    const started = Date.now();
    const r = await processor.authorize({ amountCents: 1000, currency: 'USD', card: testCard(SANDBOX_CARDS.timeout), idempotencyKey });
    expect(Date.now() - started).toBeGreaterThanOrEqual(Number(process.env.SANDBOX_TIMEOUT_MS) - 5);
    expect(r).toMatchObject({ ok: false, code: 'timeout' });
    expect(await countHolds()).toBe(before);
    expect(await storedResponse(idempotencyKey)).toBeNull();
  });

  it('replays a retry with the same key, and refuses the same key for a different request', async () => {
    const request = { amountCents: 2000, currency: 'USD', card: testCard(), idempotencyKey: key() };
    const first = await processor.authorize(request);
    const before = await countHolds();
    const again = await processor.authorize({ ...request, card: { ...request.card, number: '4242 4242 4242 4242' } });
    expect(again).toEqual(first);
    expect(await countHolds()).toBe(before);
    expect(await processor.authorize({ ...request, amountCents: 2001 })).toMatchObject({ ok: false, code: 'idempotency_mismatch' });
  });

  it('makes one hold for concurrent requests with the same key', async () => {
    const request = { amountCents: 700, currency: 'USD', card: testCard(), idempotencyKey: key() };
    const before = await countHolds();
    const results = await Promise.all([1, 2, 3, 4].map(() => processor.authorize(request)));
    const ids = new Set(results.map((r) => (r.ok ? r.value.authorizationId : r.code)));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^auth_/);
    expect(await countHolds()).toBe(before + 1);
  });
});

describe('sandbox capture, void, refund', () => {
  it('captures once, never more than held', async () => {
    const id = await hold(5000);
    expect(await processor.capture({ authorizationId: id, amountCents: 5001, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'amount_too_large' });
    const k = key();
    expect(await processor.capture({ authorizationId: id, amountCents: 4000, idempotencyKey: k })).toEqual({ ok: true, value: { capturedCents: 4000 } });
    expect(await processor.capture({ authorizationId: id, amountCents: 4000, idempotencyKey: k })).toEqual({ ok: true, value: { capturedCents: 4000 } });
    expect(await processor.capture({ authorizationId: id, amountCents: 1000, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(await processor.capture({ authorizationId: id, amountCents: 1000, idempotencyKey: k })).toMatchObject({ ok: false, code: 'idempotency_mismatch' });
    expect(await sandboxControls.inspect(id)).toMatchObject({ status: 'captured', capturedCents: 4000 });
  });

  it('refuses an unknown authorization', async () => {
    expect(await processor.capture({ authorizationId: 'auth_nope', amountCents: 1, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'invalid_state' });
  });

  it('voids only a held authorization, and a voided one cannot be captured', async () => {
    const id = await hold();
    const k = key();
    expect(await processor.void({ authorizationId: id, idempotencyKey: k })).toEqual({ ok: true, value: { voided: true } });
    expect(await processor.void({ authorizationId: id, idempotencyKey: k })).toEqual({ ok: true, value: { voided: true } });
    expect(await processor.void({ authorizationId: id, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(await processor.capture({ authorizationId: id, amountCents: 100, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(await sandboxControls.inspect(id)).toMatchObject({ status: 'voided', capturedCents: 0 });
  });

  it('a lapsed hold can be neither captured nor voided', async () => {
    const id = await hold();
    await sandboxControls.lapseHold(id);
    expect(await processor.capture({ authorizationId: id, amountCents: 100, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'authorization_expired' });
    expect(await processor.void({ authorizationId: id, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'authorization_expired' });
    expect(await sandboxControls.inspect(id)).toMatchObject({ status: 'held', capturedCents: 0 });
  });

  it('refunds captured money only, cumulatively never more than captured', async () => {
    const id = await hold(5000);
    expect(await processor.refund({ authorizationId: id, amountCents: 100, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'invalid_state' });
    await processor.capture({ authorizationId: id, amountCents: 3000, idempotencyKey: key() });
    const k = key();
    expect(await processor.refund({ authorizationId: id, amountCents: 1000, idempotencyKey: k })).toEqual({ ok: true, value: { refundedCents: 1000 } });
    expect(await processor.refund({ authorizationId: id, amountCents: 1000, idempotencyKey: k })).toEqual({ ok: true, value: { refundedCents: 1000 } });
    expect(await processor.refund({ authorizationId: id, amountCents: 2001, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'amount_too_large' });
    expect(await processor.refund({ authorizationId: id, amountCents: 2000, idempotencyKey: key() })).toEqual({ ok: true, value: { refundedCents: 3000 } });
    expect(await processor.refund({ authorizationId: id, amountCents: 1, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'amount_too_large' });
    expect(await sandboxControls.inspect(id)).toMatchObject({ capturedCents: 3000, refundedCents: 3000 });
  });

  it('throws on a malformed amount instead of storing a response', async () => {
    const id = await hold();
    const idempotencyKey = key();
    await expect(processor.capture({ authorizationId: id, amountCents: 0, idempotencyKey })).rejects.toThrow(/positive/);
    await expect(processor.refund({ authorizationId: id, amountCents: 1.5, idempotencyKey })).rejects.toThrow(/positive/);
    expect(await storedResponse(idempotencyKey)).toBeNull();
  });
});

describe('sandbox faults and races', () => {
  it('timeout_before: nothing happens and nothing is stored, so a retry with the same key acts', async () => {
    const id = await hold(5000);
    await sandboxControls.armFault({ operation: 'capture', authorizationId: id, mode: 'timeout_before' });
    const k = key();
    expect(await processor.capture({ authorizationId: id, amountCents: 5000, idempotencyKey: k })).toMatchObject({ ok: false, code: 'timeout' });
    expect(await sandboxControls.inspect(id)).toMatchObject({ status: 'held' });
    expect(await storedResponse(k)).toBeNull();
    expect(await processor.capture({ authorizationId: id, amountCents: 5000, idempotencyKey: k })).toEqual({ ok: true, value: { capturedCents: 5000 } });
  });

  it('timeout_after: the capture happened, and a retry with the same key replays it rather than capturing twice', async () => {
    const id = await hold(5000);
    await sandboxControls.armFault({ operation: 'capture', authorizationId: id, mode: 'timeout_after' });
    const k = key();
    expect(await processor.capture({ authorizationId: id, amountCents: 5000, idempotencyKey: k })).toMatchObject({ ok: false, code: 'timeout' });
    expect(await sandboxControls.inspect(id)).toMatchObject({ status: 'captured', capturedCents: 5000 });
    expect(await processor.capture({ authorizationId: id, amountCents: 5000, idempotencyKey: k })).toEqual({ ok: true, value: { capturedCents: 5000 } });
  });

  it('refuse: the refund is refused and nothing moves; a retry with the same key replays the refusal, a new key acts', async () => {
    const id = await hold(3000);
    await processor.capture({ authorizationId: id, amountCents: 3000, idempotencyKey: key() });
    await sandboxControls.armFault({ operation: 'refund', authorizationId: id, mode: 'refuse' });
    const k = key();
    expect(await processor.refund({ authorizationId: id, amountCents: 1000, idempotencyKey: k })).toMatchObject({ ok: false, code: 'card_declined' });
    expect(await processor.refund({ authorizationId: id, amountCents: 1000, idempotencyKey: k })).toMatchObject({ ok: false, code: 'card_declined' });
    expect((await sandboxControls.inspect(id))?.refundedCents).toBe(0);
    expect(await processor.refund({ authorizationId: id, amountCents: 1000, idempotencyKey: key() })).toEqual({ ok: true, value: { refundedCents: 1000 } });
  });

  it('a blanket authorize fault applies to the next call only', async () => {
    await sandboxControls.armFault({ operation: 'authorize', mode: 'timeout_after' });
    const request = { amountCents: 900, currency: 'USD', card: testCard(), idempotencyKey: key() };
    expect(await processor.authorize(request)).toMatchObject({ ok: false, code: 'timeout' });
    const retry = await processor.authorize(request);
    expect(retry.ok).toBe(true);
    if (retry.ok) expect(await sandboxControls.inspect(retry.value.authorizationId)).toMatchObject({ status: 'held', amountCents: 900 });
  });

  it('voidMany answers in input order: voided, already voided, lapsed, unknown, repeated key', async () => {
    const [a, b, c] = [await hold(), await hold(), await hold()];
    await processor.void({ authorizationId: b, idempotencyKey: key() });
    await sandboxControls.lapseHold(c);
    const ka = key();
    const results = await processor.voidMany([
      { authorizationId: a, idempotencyKey: ka },
      { authorizationId: b, idempotencyKey: key() },
      { authorizationId: c, idempotencyKey: key() },
      { authorizationId: 'auth_unknown', idempotencyKey: key() },
      { authorizationId: a, idempotencyKey: ka },
      { authorizationId: b, idempotencyKey: ka },
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'invalid_state', 'authorization_expired', 'invalid_state', 'ok', 'idempotency_mismatch']);
    expect(await sandboxControls.inspect(a)).toMatchObject({ status: 'voided' });
  });

  it('voidMany times out only the item whose fault is armed', async () => {
    const [a, b] = [await hold(), await hold()];
    await sandboxControls.armFault({ operation: 'void', authorizationId: b, mode: 'timeout_before' });
    const results = await processor.voidMany([
      { authorizationId: a, idempotencyKey: key() },
      { authorizationId: b, idempotencyKey: key() },
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'timeout']);
    expect((await sandboxControls.inspect(b))?.status).toBe('held');
  });

  // On PGlite (one connection) these calls run one after another; exactly one winner is required either way.
  it(`concurrent captures of one hold with different keys have exactly one winner (${hasPostgresServer ? 'Postgres server: truly concurrent' : 'PGlite: serialized'})`, async () => {
    const id = await hold(5000);
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => processor.capture({ authorizationId: id, amountCents: 5000, idempotencyKey: key() })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'invalid_state')).toBe(true);
    expect(await sandboxControls.inspect(id)).toMatchObject({ status: 'captured', capturedCents: 5000 });
  });

  it('concurrent captures with the same key capture once and all report it', async () => {
    const id = await hold(5000);
    const k = key();
    const results = await Promise.all([1, 2, 3].map(() => processor.capture({ authorizationId: id, amountCents: 2500, idempotencyKey: k })));
    expect(results).toEqual([1, 2, 3].map(() => ({ ok: true, value: { capturedCents: 2500 } })));
    expect(await sandboxControls.inspect(id)).toMatchObject({ status: 'captured', capturedCents: 2500 });
  });
});
