import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/db/index';
import { paymentOperations, payments } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { getProcessor, type Authorization, type CardInput, type ProcessorErrorCode, type ProcessorResult } from './processor';
import { isPositiveCents, operationOutcome, paymentErrorMessage, type PaymentOperationKind } from './rules';

// The only code that writes payments and payment_operations. Every processor call leaves an operation row; every state
// change is a conditional UPDATE on the current status, so concurrent callers have one winner.

export type Payment = typeof payments.$inferSelect;
export type PaymentOperation = typeof paymentOperations.$inferSelect;

type OperationRow = {
  paymentId: string | null;
  kind: PaymentOperationKind;
  idempotencyKey: string;
  amountCents: number | null;
  processorAuthorizationId: string | null;
};

const refuse = <T>(kind: PaymentOperationKind, code: ProcessorErrorCode): ProcessorResult<T> => ({
  ok: false,
  code,
  message: paymentErrorMessage(kind, code),
});
const forUser = <T>(kind: PaymentOperationKind, r: ProcessorResult<T>): ProcessorResult<T> => (r.ok ? r : refuse(kind, r.code));

async function insertOperation(db: Database, op: OperationRow, result: ProcessorResult<unknown>) {
  await db.insert(paymentOperations).values({ ...op, outcome: operationOutcome(result), errorCode: result.ok ? null : result.code });
}

/** Calls the processor; a call that throws is still recorded (as failed) before the error goes on. */
async function callProcessor<T>(op: OperationRow, call: () => Promise<ProcessorResult<T>>): Promise<ProcessorResult<T>> {
  try {
    return await call();
  } catch (e) {
    const db = await getDb();
    await db
      .insert(paymentOperations)
      .values({ ...op, outcome: 'failed', errorCode: 'processor_error' })
      .catch(() => undefined);
    throw e;
  }
}

async function paymentForOrder(db: Database, orderId: string): Promise<Payment> {
  const [payment] = await db.select().from(payments).where(eq(payments.orderId, orderId));
  if (!payment) throw notFound('That payment');
  return payment;
}

async function succeededBefore(db: Database, paymentId: string, kind: PaymentOperationKind, idempotencyKey: string) {
  const [row] = await db
    .select({ id: paymentOperations.id })
    .from(paymentOperations)
    .where(
      and(
        eq(paymentOperations.paymentId, paymentId),
        eq(paymentOperations.kind, kind),
        eq(paymentOperations.idempotencyKey, idempotencyKey),
        eq(paymentOperations.outcome, 'succeeded'),
      ),
    )
    .limit(1);
  return Boolean(row);
}

const markLapsed = (tx: Database, paymentId: string) =>
  tx
    .update(payments)
    .set({ status: 'lapsed', lapsedAt: sql`now()` })
    .where(and(eq(payments.id, paymentId), eq(payments.status, 'authorized')));

/** Places a hold on the card. The caller then records the payment with the order, in one transaction. */
export async function authorizeCard(input: {
  amountCents: number;
  currency: string;
  card: CardInput;
  idempotencyKey: string;
}): Promise<ProcessorResult<Authorization>> {
  if (!isPositiveCents(input.amountCents)) throw new AppError('VALIDATION', 'The amount to charge must be more than zero.');
  const op: OperationRow = {
    paymentId: null,
    kind: 'authorize',
    idempotencyKey: input.idempotencyKey,
    amountCents: input.amountCents,
    processorAuthorizationId: null,
  };
  const result = await callProcessor(op, () => getProcessor().authorize(input));
  await insertOperation(await getDb(), { ...op, processorAuthorizationId: result.ok ? result.value.authorizationId : null }, result);
  return forUser('authorize', result);
}

// Whether we released this hold ourselves (a checkout that voided it after its order failed). The processor replays
// the original approval for a retried key, so a caller must not take a replay of a voided hold for a live one.
export async function authorizationReleased(authorizationId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: paymentOperations.id })
    .from(paymentOperations)
    .where(and(eq(paymentOperations.processorAuthorizationId, authorizationId), eq(paymentOperations.kind, 'void'), eq(paymentOperations.outcome, 'succeeded')))
    .limit(1);
  return Boolean(row);
}

/**
 * Records an authorized payment inside the caller's transaction (the order and its payment commit together) and links
 * the authorize attempts made under the same idempotency key. Refuses an authorization this service did not obtain for that amount.
 */
export async function recordAuthorizedPayment(
  tx: Database,
  input: { orderId: string; authorizationId: string; amountCents: number; currency: string; brand: string; last4: string; expiresAt: Date },
): Promise<{ paymentId: string }> {
  const [payment] = await tx
    .insert(payments)
    .values({
      orderId: input.orderId,
      processorAuthorizationId: input.authorizationId,
      status: 'authorized',
      currency: input.currency,
      authorizedCents: input.amountCents,
      cardBrand: input.brand,
      cardLast4: input.last4,
      holdExpiresAt: input.expiresAt,
      authorizedAt: sql`now()`,
    })
    .returning({ id: payments.id });
  const linked = await tx
    .update(paymentOperations)
    .set({ paymentId: payment.id })
    .where(
      and(
        eq(paymentOperations.kind, 'authorize'),
        sql`${paymentOperations.paymentId} is null`,
        inArray(
          paymentOperations.idempotencyKey,
          tx
            .select({ key: paymentOperations.idempotencyKey })
            .from(paymentOperations)
            .where(and(eq(paymentOperations.processorAuthorizationId, input.authorizationId), eq(paymentOperations.kind, 'authorize'))),
        ),
      ),
    )
    .returning({ authorizationId: paymentOperations.processorAuthorizationId, outcome: paymentOperations.outcome, amountCents: paymentOperations.amountCents });
  const authorized = linked.some((o) => o.authorizationId === input.authorizationId && o.outcome === 'succeeded' && o.amountCents === input.amountCents);
  if (!authorized) {
    throw new AppError('INVALID_STATE', 'The card authorization could not be confirmed. Please try again.', {
      detail: { authorizationId: input.authorizationId, amountCents: input.amountCents },
    });
  }
  return { paymentId: payment.id };
}

/** Captures the full authorized amount. A retry with the key that already captured succeeds without a second capture. */
export async function capturePayment(input: { orderId: string; idempotencyKey: string }): Promise<ProcessorResult<{ capturedCents: number }>> {
  const db = await getDb();
  const payment = await paymentForOrder(db, input.orderId);
  if (payment.status === 'lapsed') return refuse('capture', 'authorization_expired');
  if (payment.status !== 'authorized') {
    const retry = payment.status !== 'voided' && (await succeededBefore(db, payment.id, 'capture', input.idempotencyKey));
    return retry ? { ok: true, value: { capturedCents: payment.capturedCents } } : refuse('capture', 'invalid_state');
  }
  const op: OperationRow = {
    paymentId: payment.id,
    kind: 'capture',
    idempotencyKey: input.idempotencyKey,
    amountCents: payment.authorizedCents,
    processorAuthorizationId: payment.processorAuthorizationId,
  };
  const result = await callProcessor(op, () =>
    getProcessor().capture({ authorizationId: payment.processorAuthorizationId, amountCents: payment.authorizedCents, idempotencyKey: input.idempotencyKey }),
  );
  await db.transaction(async (tx) => {
    await insertOperation(tx, op, result);
    if (result.ok) {
      await tx
        .update(payments)
        .set({ status: 'captured', capturedCents: result.value.capturedCents, capturedAt: sql`now()` })
        .where(and(eq(payments.id, payment.id), eq(payments.status, 'authorized')));
    } else if (result.code === 'authorization_expired') {
      await markLapsed(tx, payment.id);
    }
  });
  return forUser('capture', result);
}

/** The one capture key of a buyer's own order: every attempt to charge it (each run of the job, a refund that needs
 * the money first) is the same request to the processor, so a retry after a time-out never captures twice. */
export const orderCaptureKey = (orderId: string) => `order:${orderId}:capture`;

/** Charges an own order that has shipped: captures its hold under the order's capture key. A lapsed hold is recorded as lapsed. */
export async function captureShippedOrder(orderId: string): Promise<ProcessorResult<{ capturedCents: number }>> {
  return capturePayment({ orderId, idempotencyKey: orderCaptureKey(orderId) });
}

/** Releases the hold of an order cancelled before it was charged, under the order's one void key (a retry is the same
 * request). Already voided or lapsed counts as released. */
export async function releaseOrderHold(orderId: string): Promise<ProcessorResult<{ voided: true }>> {
  return voidPayment({ orderId, idempotencyKey: `order:${orderId}:void` });
}

/** Releases the hold. Already voided or lapsed counts as released. */
export async function voidPayment(input: { orderId: string; idempotencyKey: string }): Promise<ProcessorResult<{ voided: true }>> {
  const db = await getDb();
  const payment = await paymentForOrder(db, input.orderId);
  if (payment.status === 'voided' || payment.status === 'lapsed') return { ok: true, value: { voided: true } };
  if (payment.status !== 'authorized') return refuse('void', 'invalid_state');
  const op: OperationRow = {
    paymentId: payment.id,
    kind: 'void',
    idempotencyKey: input.idempotencyKey,
    amountCents: null,
    processorAuthorizationId: payment.processorAuthorizationId,
  };
  const result = await callProcessor(op, () =>
    getProcessor().void({ authorizationId: payment.processorAuthorizationId, idempotencyKey: input.idempotencyKey }),
  );
  await db.transaction(async (tx) => {
    await insertOperation(tx, op, result);
    if (result.ok) {
      await tx
        .update(payments)
        .set({ status: 'voided', voidedAt: sql`now()` })
        .where(and(eq(payments.id, payment.id), eq(payments.status, 'authorized')));
    } else if (result.code === 'authorization_expired') {
      await markLapsed(tx, payment.id);
    }
  });
  if (!result.ok && result.code === 'authorization_expired') return { ok: true, value: { voided: true } }; // the network released it
  return forUser('void', result);
}

/**
 * Releases a hold that no payment records (a checkout that authorized, then failed to write its order).
 * A hold some payment owns is refused: that payment's order decides its fate.
 */
export async function voidAuthorization(input: { authorizationId: string; idempotencyKey: string }): Promise<ProcessorResult<{ voided: true }>> {
  const db = await getDb();
  const [owned] = await db.select({ id: payments.id }).from(payments).where(eq(payments.processorAuthorizationId, input.authorizationId));
  if (owned) return refuse('void', 'invalid_state');
  const op: OperationRow = { paymentId: null, kind: 'void', idempotencyKey: input.idempotencyKey, amountCents: null, processorAuthorizationId: input.authorizationId };
  const result = await callProcessor(op, () => getProcessor().void(input));
  await insertOperation(db, op, result);
  if (!result.ok && result.code === 'authorization_expired') return { ok: true, value: { voided: true } };
  return forUser('void', result);
}

/**
 * Releases the holds of many orders at once (jobs): one SELECT, one processor batch, one INSERT of operations, one UPDATE.
 * Orders whose payment is not 'authorized' are skipped. A lapsed hold counts as voided: either way nothing is held.
 */
export async function voidPaymentsForOrders(orderIds: string[]): Promise<{ voided: number; failed: number }> {
  if (orderIds.length === 0) return { voided: 0, failed: 0 };
  const db = await getDb();
  const due = await db
    .select({ id: payments.id, authorizationId: payments.processorAuthorizationId })
    .from(payments)
    .where(and(sql`${payments.orderId} = any(${sql.param(orderIds)}::uuid[])`, eq(payments.status, 'authorized')))
    .orderBy(payments.id); // the same row order in every instance, so concurrent runs lock rows alike
  if (due.length === 0) return { voided: 0, failed: 0 };

  const keys = due.map((p) => `void:${p.id}`);
  const ids = due.map((p) => p.id);
  const authorizationIds = due.map((p) => p.authorizationId);
  const recordAll = (tx: Database, outcomes: string[], errors: (string | null)[]) =>
    tx.execute(sql`
      insert into ${paymentOperations} (payment_id, kind, idempotency_key, outcome, error_code, processor_authorization_id)
      select x.p, 'void', x.k, x.o::payment_operation_outcome, x.e, x.a
      from unnest(${sql.param(ids)}::uuid[], ${sql.param(keys)}::text[], ${sql.param(outcomes)}::text[],
                  ${sql.param(errors)}::text[], ${sql.param(authorizationIds)}::text[]) as x(p, k, o, e, a)`);

  let results: ProcessorResult<{ voided: true }>[];
  try {
    results = await getProcessor().voidMany(due.map((p, i) => ({ authorizationId: p.authorizationId, idempotencyKey: keys[i] })));
  } catch (e) {
    await recordAll(db, ids.map(() => 'failed'), ids.map(() => 'processor_error')).catch(() => undefined);
    throw e;
  }

  const next = results.map((r) => (r.ok ? 'voided' : r.code === 'authorization_expired' ? 'lapsed' : null));
  // One UPDATE for every released hold, by primary key over the ids as arrays (almost always all 'voided'): joined to
  // an unnest instead, the planner hashes the whole payments table for every batch of the expiry job.
  const releasedIds = ids.filter((_, i) => next[i] !== null);
  const lapsedIds = ids.filter((_, i) => next[i] === 'lapsed');
  await db.transaction(async (tx) => {
    await recordAll(tx, results.map(operationOutcome), results.map((r) => (r.ok ? null : r.code)));
    const lapsed = sql`${payments.id} = any(${sql.param(lapsedIds)}::uuid[])`;
    await tx.execute(sql`
      update ${payments} set
        status = (case when ${lapsed} then 'lapsed' else 'voided' end)::payment_status,
        voided_at = case when ${lapsed} then null else now() end,
        lapsed_at = case when ${lapsed} then now() end
      where ${payments.id} = any(${sql.param(releasedIds)}::uuid[]) and ${payments.status} = 'authorized'`);
  });
  const released = next.filter((s) => s !== null).length;
  return { voided: released, failed: results.length - released };
}

/** Refunds part or all of what was captured; never more than captured minus already refunded (the processor enforces it). */
export async function refundPayment(input: {
  orderId: string;
  amountCents: number;
  idempotencyKey: string;
}): Promise<ProcessorResult<{ refundedCents: number }>> {
  if (!isPositiveCents(input.amountCents)) throw new AppError('VALIDATION', 'The refund must be more than zero.');
  const db = await getDb();
  const payment = await paymentForOrder(db, input.orderId);
  // 'refunded' still goes to the processor: a retry of the refund that emptied it must replay its success.
  if (payment.status !== 'captured' && payment.status !== 'refunded') return refuse('refund', 'invalid_state');
  const op: OperationRow = {
    paymentId: payment.id,
    kind: 'refund',
    idempotencyKey: input.idempotencyKey,
    amountCents: input.amountCents,
    processorAuthorizationId: payment.processorAuthorizationId,
  };
  const result = await callProcessor(op, () =>
    getProcessor().refund({ authorizationId: payment.processorAuthorizationId, amountCents: input.amountCents, idempotencyKey: input.idempotencyKey }),
  );
  await db.transaction(async (tx) => {
    await insertOperation(tx, op, result);
    if (!result.ok) return;
    // The processor reports the running total, so a replayed or out-of-order answer can only move it forward.
    const total = sql`greatest(${payments.refundedCents}, ${result.value.refundedCents})`;
    await tx
      .update(payments)
      .set({
        refundedCents: total,
        status: sql`(case when ${total} >= ${payments.capturedCents} then 'refunded' else 'captured' end)::payment_status`,
      })
      .where(and(eq(payments.id, payment.id), inArray(payments.status, ['captured', 'refunded'])));
  });
  return forUser('refund', result);
}

export async function getPaymentForOrder(orderId: string): Promise<Payment | null> {
  const db = await getDb();
  const [payment] = await db.select().from(payments).where(eq(payments.orderId, orderId));
  return payment ?? null;
}

/** The processor calls made for an order's payment, oldest first. */
export async function listPaymentOperations(orderId: string): Promise<PaymentOperation[]> {
  const db = await getDb();
  return db
    .select()
    .from(paymentOperations)
    .where(inArray(paymentOperations.paymentId, db.select({ id: payments.id }).from(payments).where(eq(payments.orderId, orderId))))
    .orderBy(asc(paymentOperations.id));
}

// Holds approved for a checkout whose order never committed (the process died in between, or giving the hold back
// failed): nothing else points at them, so they are released here. Rare, so one void per hold is fine.
export async function voidOrphanedAuthorizations({ olderThanMinutes = 15, limit = 200, budgetMs = 20_000 } = {}): Promise<number> {
  const deadline = Date.now() + budgetMs;
  const db = await getDb();
  const res = await db.execute(sql`
    select po.processor_authorization_id as id
    from payment_operations po
    where po.kind = 'authorize' and po.outcome = 'succeeded' and po.payment_id is null
      and po.created_at > now() - interval '8 days'
      and not exists (select 1 from payments p where p.processor_authorization_id = po.processor_authorization_id)
      and not exists (
        select 1 from payment_operations v
        where v.processor_authorization_id = po.processor_authorization_id and v.kind = 'void'
          -- released, or nothing left to release (lapsed, or no longer held)
          and (v.outcome = 'succeeded' or v.error_code in ('authorization_expired', 'invalid_state')))
    group by po.processor_authorization_id
    -- A resubmitted checkout replays the same hold and records it again: only holds nobody touched lately are orphans.
    having max(po.created_at) < now() - make_interval(mins => ${olderThanMinutes})
    limit ${limit}`);
  const ids = rows<{ id: string }>(res).map((r) => r.id);
  let voided = 0;
  for (const id of ids) {
    if (Date.now() > deadline) break; // the rest waits for the next run
    const r = await voidAuthorization({ authorizationId: id, idempotencyKey: `orphan-void:${id}` });
    if (r.ok) voided++;
  }
  return voided;
}

// Of these orders, the ones whose payment still holds money (authorized). For the hold sweeper, which learns from
// lib/orders which orders were cancelled: payments never reads the orders table.
export async function ordersWithLiveHolds(orderIds: string[]): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const db = await getDb();
  const found = await db.select({ orderId: payments.orderId }).from(payments).where(and(inArray(payments.orderId, orderIds), eq(payments.status, 'authorized')));
  return found.map((r) => r.orderId);
}
