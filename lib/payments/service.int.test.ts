import { randomUUID } from 'node:crypto';
import { NodePgSession } from 'drizzle-orm/node-postgres';
import { PgliteSession } from 'drizzle-orm/pglite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/index';
import { createAuthorizedPayment, createOrderForPayment, testCard } from '@/test/support/payments';
import { hasPostgresServer } from '@/test/support/integration-setup';
import { SANDBOX_CARDS, sandboxControls } from './sandbox';
import {
  authorizeCard,
  capturePayment,
  getPaymentForOrder,
  listPaymentOperations,
  recordAuthorizedPayment,
  refundPayment,
  voidAuthorization,
  voidPayment,
  voidPaymentsForOrders,
} from './service';

const key = (what = 'k') => `${what}:${randomUUID()}`;
const ops = async (orderId: string) => (await listPaymentOperations(orderId)).map((o) => `${o.kind}:${o.outcome}${o.errorCode ? `:${o.errorCode}` : ''}`);

afterEach(() => sandboxControls.disarmFaults());

describe('authorizeCard', () => {
  it('holds the card, records the call, and links it to the payment recorded with the order', async () => {
    const order = await createOrderForPayment(4200);
    const idempotencyKey = key();
    const auth = await authorizeCard({ amountCents: 4200, currency: 'USD', card: testCard(), idempotencyKey });
    expect(auth.ok).toBe(true);
    if (!auth.ok) return;
    const db = await getDb();
    await db.transaction((tx) => recordAuthorizedPayment(tx, { orderId: order.id, amountCents: 4200, currency: 'USD', ...auth.value }));
    expect(await getPaymentForOrder(order.id)).toMatchObject({
      status: 'authorized',
      authorizedCents: 4200,
      capturedCents: 0,
      cardBrand: 'visa',
      cardLast4: '4242',
      processorAuthorizationId: auth.value.authorizationId,
      holdExpiresAt: auth.value.expiresAt,
    });
    const [op] = await listPaymentOperations(order.id);
    expect(op).toMatchObject({ kind: 'authorize', outcome: 'succeeded', idempotencyKey, amountCents: 4200, processorAuthorizationId: auth.value.authorizationId });
  });

  it.each([
    [SANDBOX_CARDS.declined, {}, 'card_declined', 'Your card was declined.'],
    [SANDBOX_CARDS.insufficientFunds, {}, 'insufficient_funds', 'Your card has insufficient funds.'],
    ['4242 4242 4242 4241', {}, 'invalid_card', 'Check the card number, expiry date and security code.'],
    [SANDBOX_CARDS.success, { expYear: 2021 }, 'invalid_card', 'Check the card number, expiry date and security code.'],
    [SANDBOX_CARDS.timeout, {}, 'timeout', "We couldn't reach the card processor. Nothing was charged; please try again."],
  ] as const)('tells the buyer why %s failed and records it', async (number, overrides, code, message) => {
    const idempotencyKey = key();
    const r = await authorizeCard({ amountCents: 1000, currency: 'USD', card: testCard(number, overrides), idempotencyKey });
    expect(r).toEqual({ ok: false, code, message });
    const db = await getDb();
    const rows = await db.query.paymentOperations.findMany({ where: (o, { eq }) => eq(o.idempotencyKey, idempotencyKey) });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'authorize', outcome: code === 'timeout' ? 'timed_out' : 'declined', errorCode: code, processorAuthorizationId: null, paymentId: null });
  });

  it('refuses to record a payment for an authorization it did not obtain, or for another amount', async () => {
    const order = await createOrderForPayment(1000);
    const auth = await authorizeCard({ amountCents: 1000, currency: 'USD', card: testCard(), idempotencyKey: key() });
    if (!auth.ok) throw new Error(auth.code);
    const db = await getDb();
    const record = (authorizationId: string, amountCents: number) =>
      db.transaction((tx) => recordAuthorizedPayment(tx, { orderId: order.id, amountCents, currency: 'USD', ...auth.value, authorizationId }));
    await expect(record('auth_forged', 1000)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(record(auth.value.authorizationId, 999)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await getPaymentForOrder(order.id)).toBeNull();
  });

  it('rejects a non-positive amount before calling the processor', async () => {
    await expect(authorizeCard({ amountCents: 0, currency: 'USD', card: testCard(), idempotencyKey: key() })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('capturePayment', () => {
  it('captures the full hold once; a retry with the same key succeeds without a second capture', async () => {
    const { orderId, authorizationId } = await createAuthorizedPayment({ amountCents: 3100 });
    const k = key();
    expect(await capturePayment({ orderId, idempotencyKey: k })).toEqual({ ok: true, value: { capturedCents: 3100 } });
    expect(await capturePayment({ orderId, idempotencyKey: k })).toEqual({ ok: true, value: { capturedCents: 3100 } });
    const payment = await getPaymentForOrder(orderId);
    expect(payment).toMatchObject({ status: 'captured', capturedCents: 3100 });
    expect(payment?.capturedAt).toBeInstanceOf(Date);
    expect(await sandboxControls.inspect(authorizationId)).toMatchObject({ status: 'captured', capturedCents: 3100 });
    expect(await ops(orderId)).toEqual(['authorize:succeeded', 'capture:succeeded']);
  });

  it('refuses a second capture with a new key', async () => {
    const { orderId } = await createAuthorizedPayment();
    await capturePayment({ orderId, idempotencyKey: key() });
    expect(await capturePayment({ orderId, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'invalid_state' });
  });

  it('after a timeout where the capture did happen, the retry with the same key captures exactly once', async () => {
    const { orderId, authorizationId } = await createAuthorizedPayment({ amountCents: 5000 });
    await sandboxControls.armFault({ operation: 'capture', authorizationId, mode: 'timeout_after' });
    const k = key();
    expect(await capturePayment({ orderId, idempotencyKey: k })).toMatchObject({ ok: false, code: 'timeout', message: "We couldn't reach the card processor; please try again." });
    expect((await getPaymentForOrder(orderId))?.status).toBe('authorized');
    expect(await capturePayment({ orderId, idempotencyKey: k })).toEqual({ ok: true, value: { capturedCents: 5000 } });
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'captured', capturedCents: 5000 });
    expect(await sandboxControls.inspect(authorizationId)).toMatchObject({ status: 'captured', capturedCents: 5000 });
    expect(await ops(orderId)).toEqual(['authorize:succeeded', 'capture:timed_out:timeout', 'capture:succeeded']);
  });

  it('after a timeout before the processor acted, the retry captures', async () => {
    const { orderId, authorizationId } = await createAuthorizedPayment();
    await sandboxControls.armFault({ operation: 'capture', authorizationId, mode: 'timeout_before' });
    const k = key();
    expect(await capturePayment({ orderId, idempotencyKey: k })).toMatchObject({ ok: false, code: 'timeout' });
    expect((await sandboxControls.inspect(authorizationId))?.status).toBe('held');
    expect((await capturePayment({ orderId, idempotencyKey: k })).ok).toBe(true);
  });

  it('a lapsed hold fails with authorization_expired and the payment is marked lapsed', async () => {
    const { orderId, authorizationId } = await createAuthorizedPayment();
    await sandboxControls.lapseHold(authorizationId);
    expect(await capturePayment({ orderId, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'authorization_expired' });
    const payment = await getPaymentForOrder(orderId);
    expect(payment).toMatchObject({ status: 'lapsed', capturedCents: 0 });
    expect(payment?.lapsedAt).toBeInstanceOf(Date);
    expect(await ops(orderId)).toEqual(['authorize:succeeded', 'capture:failed:authorization_expired']);
    // Nothing to release any more: a void of a lapsed payment is a success, without another processor call.
    expect(await voidPayment({ orderId, idempotencyKey: key() })).toEqual({ ok: true, value: { voided: true } });
    expect(await ops(orderId)).toHaveLength(2);
  });

  it(`concurrent captures with different keys have exactly one winner (${hasPostgresServer ? 'Postgres server: truly concurrent' : 'PGlite: serialized'})`, async () => {
    const { orderId, authorizationId } = await createAuthorizedPayment({ amountCents: 2000 });
    const results = await Promise.all([key(), key()].map((idempotencyKey) => capturePayment({ orderId, idempotencyKey })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'invalid_state' });
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'captured', capturedCents: 2000 });
    expect(await sandboxControls.inspect(authorizationId)).toMatchObject({ status: 'captured', capturedCents: 2000 });
  });

  it('is "not found" for an order without a payment', async () => {
    await expect(capturePayment({ orderId: randomUUID(), idempotencyKey: key() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('voidPayment', () => {
  it('releases the hold; a voided payment stays voided and cannot be captured', async () => {
    const { orderId, authorizationId } = await createAuthorizedPayment();
    expect(await voidPayment({ orderId, idempotencyKey: key() })).toEqual({ ok: true, value: { voided: true } });
    const payment = await getPaymentForOrder(orderId);
    expect(payment).toMatchObject({ status: 'voided' });
    expect(payment?.voidedAt).toBeInstanceOf(Date);
    expect(await sandboxControls.inspect(authorizationId)).toMatchObject({ status: 'voided' });
    expect(await voidPayment({ orderId, idempotencyKey: key() })).toEqual({ ok: true, value: { voided: true } });
    expect(await capturePayment({ orderId, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(await ops(orderId)).toEqual(['authorize:succeeded', 'void:succeeded']);
  });

  it('treats a hold the network let lapse as released', async () => {
    const { orderId, authorizationId } = await createAuthorizedPayment();
    await sandboxControls.lapseHold(authorizationId);
    expect(await voidPayment({ orderId, idempotencyKey: key() })).toEqual({ ok: true, value: { voided: true } });
    expect((await getPaymentForOrder(orderId))?.status).toBe('lapsed');
  });

  it('refuses to void a captured payment', async () => {
    const { orderId } = await createAuthorizedPayment();
    await capturePayment({ orderId, idempotencyKey: key() });
    expect(await voidPayment({ orderId, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'invalid_state' });
  });

  it('voidAuthorization releases a hold no payment owns, and leaves an owned one alone', async () => {
    const auth = await authorizeCard({ amountCents: 800, currency: 'USD', card: testCard(), idempotencyKey: key() });
    if (!auth.ok) throw new Error(auth.code);
    expect(await voidAuthorization({ authorizationId: auth.value.authorizationId, idempotencyKey: key() })).toEqual({ ok: true, value: { voided: true } });
    expect((await sandboxControls.inspect(auth.value.authorizationId))?.status).toBe('voided');
    const owned = await createAuthorizedPayment();
    expect(await voidAuthorization({ authorizationId: owned.authorizationId, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'invalid_state' });
    expect((await sandboxControls.inspect(owned.authorizationId))?.status).toBe('held');
  });
});

describe('voidPaymentsForOrders', () => {
  // Counts the statements drizzle sends (BEGIN/COMMIT included on node-postgres).
  async function countStatements<T>(fn: () => Promise<T>) {
    const spies = [vi.spyOn(NodePgSession.prototype, 'prepareQuery'), vi.spyOn(PgliteSession.prototype, 'prepareQuery')];
    try {
      const result = await fn();
      return { result, statements: spies.reduce((n, s) => n + s.mock.calls.length, 0) };
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  }

  async function authorizedOrders(n: number) {
    const out: Awaited<ReturnType<typeof createAuthorizedPayment>>[] = [];
    for (let i = 0; i < n; i += 25) out.push(...(await Promise.all(Array.from({ length: Math.min(25, n - i) }, () => createAuthorizedPayment({ amountCents: 1500 })))));
    return out;
  }

  it('voids every authorized payment of many orders in the same few statements, whatever the count', async () => {
    const small = await authorizedOrders(3);
    const large = await authorizedOrders(300);
    const captured = await createAuthorizedPayment();
    await capturePayment({ orderId: captured.orderId, idempotencyKey: key() });
    const lapsed = large[7];
    await sandboxControls.lapseHold(lapsed.authorizationId);

    const a = await countStatements(() => voidPaymentsForOrders(small.map((p) => p.orderId)));
    expect(a.result).toEqual({ voided: 3, failed: 0 });
    const b = await countStatements(() => voidPaymentsForOrders([...large.map((p) => p.orderId), captured.orderId, randomUUID()]));
    expect(b.result).toEqual({ voided: 300, failed: 0 });
    expect(b.statements).toBe(a.statements);
    expect(b.statements).toBeGreaterThan(3);
    expect(b.statements).toBeLessThanOrEqual(16);

    for (const p of [...small, ...large].filter((p) => p !== lapsed)) {
      expect((await sandboxControls.inspect(p.authorizationId))?.status).toBe('voided');
    }
    const db = await getDb();
    const rows = await db.query.payments.findMany({ where: (t, { inArray }) => inArray(t.orderId, large.map((p) => p.orderId)), columns: { status: true, voidedAt: true, lapsedAt: true, orderId: true } });
    expect(rows.filter((r) => r.status === 'voided' && r.voidedAt && !r.lapsedAt)).toHaveLength(299);
    expect(rows.find((r) => r.orderId === lapsed.orderId)).toMatchObject({ status: 'lapsed', voidedAt: null });
    expect((await getPaymentForOrder(captured.orderId))?.status).toBe('captured');
    expect(await ops(large[0].orderId)).toEqual(['authorize:succeeded', 'void:succeeded']);
    expect(await ops(lapsed.orderId)).toEqual(['authorize:succeeded', 'void:failed:authorization_expired']);
    const [voidOp] = (await listPaymentOperations(large[0].orderId)).filter((o) => o.kind === 'void');
    expect(voidOp.idempotencyKey).toBe(`void:${voidOp.paymentId}`);

    // Running it again (another job instance, a retry) finds nothing left to do.
    expect(await voidPaymentsForOrders(large.map((p) => p.orderId))).toEqual({ voided: 0, failed: 0 });
  });

  it('reports the payments the processor did not answer for, and leaves them authorized for the next run', async () => {
    const [ok, slow] = await authorizedOrders(2);
    await sandboxControls.armFault({ operation: 'void', authorizationId: slow.authorizationId, mode: 'timeout_before' });
    expect(await voidPaymentsForOrders([ok.orderId, slow.orderId])).toEqual({ voided: 1, failed: 1 });
    expect((await getPaymentForOrder(slow.orderId))?.status).toBe('authorized');
    expect(await ops(slow.orderId)).toEqual(['authorize:succeeded', 'void:timed_out:timeout']);
    expect(await voidPaymentsForOrders([ok.orderId, slow.orderId])).toEqual({ voided: 1, failed: 0 });
    expect((await getPaymentForOrder(slow.orderId))?.status).toBe('voided');
  });

  it(`two job instances over the same orders release each hold once (${hasPostgresServer ? 'Postgres server: truly concurrent' : 'PGlite: serialized'})`, async () => {
    const batch = await authorizedOrders(60);
    const orderIds = batch.map((p) => p.orderId);
    const [x, y] = await Promise.all([voidPaymentsForOrders(orderIds), voidPaymentsForOrders([...orderIds].reverse())]);
    expect(x.failed + y.failed).toBe(0);
    expect(x.voided).toBeGreaterThan(0);
    for (const p of batch) {
      expect((await getPaymentForOrder(p.orderId))?.status).toBe('voided');
      expect((await sandboxControls.inspect(p.authorizationId))?.status).toBe('voided');
    }
  });

  it('does nothing for no orders', async () => {
    expect(await voidPaymentsForOrders([])).toEqual({ voided: 0, failed: 0 });
  });
});

describe('refundPayment', () => {
  it('refunds up to what was captured, and marks the payment refunded when nothing is left', async () => {
    const { orderId, authorizationId } = await createAuthorizedPayment({ amountCents: 5000 });
    expect(await refundPayment({ orderId, amountCents: 100, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'invalid_state' });
    await capturePayment({ orderId, idempotencyKey: key() });
    expect(await refundPayment({ orderId, amountCents: 2000, idempotencyKey: key() })).toEqual({ ok: true, value: { refundedCents: 2000 } });
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'captured', refundedCents: 2000 });
    expect(await refundPayment({ orderId, amountCents: 3001, idempotencyKey: key() })).toMatchObject({
      ok: false,
      code: 'amount_too_large',
      message: 'That is more than is left to refund on this payment.',
    });
    const last = key();
    expect(await refundPayment({ orderId, amountCents: 3000, idempotencyKey: last })).toEqual({ ok: true, value: { refundedCents: 5000 } });
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'refunded', refundedCents: 5000 });
    // The retry of the refund that emptied it replays; nothing moves twice.
    expect(await refundPayment({ orderId, amountCents: 3000, idempotencyKey: last })).toEqual({ ok: true, value: { refundedCents: 5000 } });
    expect(await refundPayment({ orderId, amountCents: 1, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'amount_too_large' });
    expect(await getPaymentForOrder(orderId)).toMatchObject({ status: 'refunded', refundedCents: 5000 });
    expect(await sandboxControls.inspect(authorizationId)).toMatchObject({ capturedCents: 5000, refundedCents: 5000 });
  });

  it('catches up after a refund whose answer was lost', async () => {
    const { orderId, authorizationId } = await createAuthorizedPayment({ amountCents: 5000 });
    await capturePayment({ orderId, idempotencyKey: key() });
    await sandboxControls.armFault({ operation: 'refund', authorizationId, mode: 'timeout_after' });
    expect(await refundPayment({ orderId, amountCents: 1000, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'timeout' });
    expect((await getPaymentForOrder(orderId))?.refundedCents).toBe(0);
    expect(await refundPayment({ orderId, amountCents: 500, idempotencyKey: key() })).toEqual({ ok: true, value: { refundedCents: 1500 } });
    expect((await getPaymentForOrder(orderId))?.refundedCents).toBe(1500);
  });

  it('rejects a non-positive refund', async () => {
    const { orderId } = await createAuthorizedPayment();
    await expect(refundPayment({ orderId, amountCents: -5, idempotencyKey: key() })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
