import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db/index';
import { sandboxAuthorizations, sandboxFaults, sandboxRequests } from '@/db/schema';
import { config } from '@/lib/config';
import type { Authorization, PaymentProcessor, ProcessorErrorCode, ProcessorResult, VoidRequest } from './processor';
import {
  cardBrand,
  isPositiveCents,
  normalizeCardNumber,
  sandboxCaptureRefusal,
  sandboxRefundRefusal,
  sandboxVoidRefusal,
  validCardNumber,
  type SandboxHold,
} from './rules';

// A stand-in card network. Its state lives only in the processor_sandbox_* tables, so a test process and a server
// process see the same holds, stored responses and armed faults. Deliberately no 'server-only': e2e fixtures use the controls.

export const SANDBOX_CARDS = {
  success: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002', // as is every other valid number
  insufficientFunds: '4000 0000 0000 9995',
  timeout: '4000 0000 0000 0119', // never answers: nothing is held
} as const;

const digitsOf = (n: string) => n.replace(/\D/g, '');
const SUCCESS = digitsOf(SANDBOX_CARDS.success);
const INSUFFICIENT = digitsOf(SANDBOX_CARDS.insufficientFunds);
const TIMEOUT = digitsOf(SANDBOX_CARDS.timeout);

type Operation = 'authorize' | 'capture' | 'void' | 'refund';
// timeout_before: no answer and nothing done; timeout_after: done, then no answer; refuse: the network refuses a capture
// or refund (say, the card's account was closed), an answer stored under the request's key like any other.
export type SandboxFaultMode = 'timeout_before' | 'timeout_after' | 'refuse';
type Voided = { voided: true };

const MESSAGES: Record<ProcessorErrorCode, string> = {
  card_declined: 'The card was declined.',
  insufficient_funds: 'The card has insufficient funds.',
  invalid_card: 'The card number, expiry date or security code is invalid.',
  timeout: 'The processor did not answer in time.',
  authorization_expired: 'The authorization has expired.',
  invalid_state: 'The authorization is not in a state that allows this.',
  amount_too_large: 'The amount is more than the authorization allows.',
  idempotency_mismatch: 'This idempotency key was used with a different request.',
};
const fail = <T>(code: ProcessorErrorCode): ProcessorResult<T> => ({ ok: false, code, message: MESSAGES[code] });
const succeed = <T>(value: T): ProcessorResult<T> => ({ ok: true, value });

// Read at call time so tests can set it after this module loads.
function timeoutMs() {
  const n = Number(process.env.SANDBOX_TIMEOUT_MS ?? 3000);
  return Number.isFinite(n) && n >= 0 ? n : 3000;
}
async function timedOut<T>(): Promise<ProcessorResult<T>> {
  await new Promise((resolve) => setTimeout(resolve, timeoutMs()));
  return fail('timeout');
}

const fingerprint = (op: Operation, params: unknown[]) => createHash('sha256').update(JSON.stringify([op, ...params])).digest('hex');
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const PENDING = { pending: true }; // placeholder until the response is written in the same transaction

function assertAmount(n: number) {
  if (!isPositiveCents(n)) throw new Error(`sandbox: amountCents must be a positive whole number of cents, got ${n}`);
}

/** Takes one use of the fault armed for this call, the authorization's own before a blanket one. */
async function consumeFault(db: Database, op: Operation, authorizationId: string | null): Promise<SandboxFaultMode | null> {
  const rows = rowsOf<{ mode: SandboxFaultMode }>(
    await db.execute(sql`
      update ${sandboxFaults} set remaining = remaining - 1
      where id = (
        select id from ${sandboxFaults}
        where operation = ${op} and remaining > 0 and (authorization_id is null or authorization_id = ${authorizationId})
        order by authorization_id nulls last, id limit 1
        for update skip locked)
      returning mode`),
  );
  return rows[0]?.mode ?? null;
}

/**
 * Runs a single-operation fault around `run`: before → no action, nothing stored; after → acts and stores, then no
 * answer; refuse → `run` is told to refuse (it stores the refusal under the key, so a retry with that key replays it).
 */
async function withFault<T>(op: Operation, authorizationId: string | null, run: (refuse: boolean) => Promise<ProcessorResult<T>>) {
  const fault = await consumeFault(await getDb(), op, authorizationId);
  if (fault === 'timeout_before') return timedOut<T>();
  const result = await run(fault === 'refuse');
  return fault === 'timeout_after' ? timedOut<T>() : result;
}

/**
 * The idempotency-key contract: in one transaction, claim the key (INSERT ... ON CONFLICT DO NOTHING), act, store the
 * response. A concurrent request with the same key blocks on the claim until the first commits, then replays its response.
 */
async function once<T>(
  op: Operation,
  key: string,
  fp: string,
  act: (tx: Database) => Promise<ProcessorResult<T>>,
  revive: (stored: ProcessorResult<T>) => ProcessorResult<T> = (r) => r,
): Promise<ProcessorResult<T>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(sandboxRequests)
      .values({ idempotencyKey: key, operation: op, requestFingerprint: fp, response: PENDING })
      .onConflictDoNothing()
      .returning({ key: sandboxRequests.idempotencyKey });
    if (claimed.length === 0) {
      const [prior] = await tx.select().from(sandboxRequests).where(eq(sandboxRequests.idempotencyKey, key));
      if (prior.operation !== op || prior.requestFingerprint !== fp) return fail<T>('idempotency_mismatch');
      return revive(prior.response as ProcessorResult<T>);
    }
    const result = await act(tx);
    await tx.update(sandboxRequests).set({ response: result }).where(eq(sandboxRequests.idempotencyKey, key));
    return result;
  });
}

const holdColumns = {
  id: sandboxAuthorizations.id,
  status: sandboxAuthorizations.status,
  amountCents: sandboxAuthorizations.amountCents,
  capturedCents: sandboxAuthorizations.capturedCents,
  refundedCents: sandboxAuthorizations.refundedCents,
  // The database's clock decides lapses, so every process agrees and tests can move expiresAt instead of waiting.
  lapsed: sql<boolean>`(${sandboxAuthorizations.expiresAt} <= now())`,
};

async function lockHold(tx: Database, id: string): Promise<SandboxHold | undefined> {
  const [row] = await tx.select(holdColumns).from(sandboxAuthorizations).where(eq(sandboxAuthorizations.id, id)).for('update');
  return row;
}

async function authorizeIn(tx: Database, r: Parameters<PaymentProcessor['authorize']>[0]): Promise<ProcessorResult<Authorization>> {
  const digits = validCardNumber(r.card, new Date());
  if (!digits) return fail('invalid_card');
  if (digits === INSUFFICIENT) return fail('insufficient_funds');
  if (digits !== SUCCESS) return fail('card_declined');
  const [row] = await tx
    .insert(sandboxAuthorizations)
    .values({
      id: `auth_${randomBytes(16).toString('hex')}`,
      status: 'held',
      amountCents: r.amountCents,
      currency: r.currency,
      cardLast4: digits.slice(-4),
      expiresAt: sql`now() + make_interval(hours => ${config().holdValidityHours})`,
    })
    .returning({ id: sandboxAuthorizations.id, expiresAt: sandboxAuthorizations.expiresAt });
  return succeed({ authorizationId: row.id, expiresAt: row.expiresAt, brand: cardBrand(digits), last4: digits.slice(-4) });
}

// The stored JSON has the expiry as a string.
const reviveAuthorization = (r: ProcessorResult<Authorization>): ProcessorResult<Authorization> =>
  r.ok ? succeed({ ...r.value, expiresAt: new Date(r.value.expiresAt) }) : r;

type VoidPlan = { results: ProcessorResult<Voided>[]; toVoid: string[] };

/**
 * What voiding the items acting for their keys (`owner`: key -> index of its acting item) does, given each hold's state.
 * Items act in input order; a repeated authorization in the same batch sees it voided by the earlier item.
 */
function planVoids(items: VoidRequest[], owner: Map<string, number>, holdOf: (id: string) => SandboxHold | undefined): VoidPlan {
  const results: ProcessorResult<Voided>[] = new Array(items.length);
  const holds = new Map<string, SandboxHold | undefined>();
  const toVoid: string[] = [];
  for (const i of [...owner.values()].sort((x, y) => x - y)) {
    const id = items[i].authorizationId;
    if (!holds.has(id)) holds.set(id, holdOf(id));
    const hold = holds.get(id);
    const refusal = sandboxVoidRefusal(hold);
    if (refusal) results[i] = fail(refusal);
    else {
      hold!.status = 'voided';
      toVoid.push(id);
      results[i] = succeed({ voided: true });
    }
  }
  return { results, toVoid };
}

async function lockHolds(tx: Database, ids: string[]): Promise<Map<string, SandboxHold>> {
  const holds = new Map<string, SandboxHold>();
  if (ids.length === 0) return holds;
  const rows = await tx
    .select(holdColumns)
    .from(sandboxAuthorizations)
    .where(sql`${sandboxAuthorizations.id} = any(${sql.param([...new Set(ids)].sort())}::text[])`)
    .orderBy(sandboxAuthorizations.id)
    .for('update');
  for (const { id, ...hold } of rows) holds.set(id, hold);
  return holds;
}

const VOIDED_JSON = JSON.stringify(succeed<Voided>({ voided: true }));
const responseJson = (r: ProcessorResult<Voided>) => (r.ok ? VOIDED_JSON : JSON.stringify(r));

async function storeResponses(tx: Database, keys: string[], results: ProcessorResult<Voided>[]) {
  if (keys.length === 0) return;
  await tx.execute(sql`
    update ${sandboxRequests} set response = x.r::jsonb
    from unnest(${sql.param(keys)}::text[], ${sql.param(results.map(responseJson))}::text[]) as x(k, r)
    where idempotency_key = x.k`);
}

/**
 * Voids a batch in a fixed number of statements, whatever its size. Results in input order.
 *
 * Same contract as `once`, set-based: in one transaction claim each key, act, store the response. The holds are read
 * first (a hold that cannot be voided stays that way: voided, captured, lapsed and unknown are final), so the keys are
 * claimed with their final responses; then the holds planned for voiding are locked in id order and voided. Keys used
 * before, or a hold that changed in between (a concurrent capture), are planned again on the locked holds, as calls one
 * at a time would be, and their stored responses corrected in the same transaction.
 */
async function voidBatch(tx: Database, items: VoidRequest[]): Promise<ProcessorResult<Voided>[]> {
  const fps = items.map((i) => fingerprint('void', [i.authorizationId]));
  const first = new Map<string, number>(); // key -> its first item, which acts for it if the key is new
  items.forEach((it, i) => {
    if (!first.has(it.idempotencyKey)) first.set(it.idempotencyKey, i);
  });

  const seen = new Map<string, SandboxHold>();
  const rows = await tx
    .select(holdColumns)
    .from(sandboxAuthorizations)
    .where(sql`${sandboxAuthorizations.id} = any(${sql.param([...new Set(items.map((i) => i.authorizationId))])}::text[])`);
  for (const { id, ...hold } of rows) seen.set(id, hold);
  const expected = planVoids(items, first, (id) => (seen.has(id) ? { ...seen.get(id)! } : undefined));

  const firstKeys = [...first.keys()];
  // Claim keys in key order (consistent lock order across concurrent batches).
  const claimedRows = rowsOf<{ k: string }>(
    await tx.execute(sql`
      insert into ${sandboxRequests} (idempotency_key, operation, request_fingerprint, response)
      select k, 'void', f, r::jsonb
      from unnest(${sql.param(firstKeys)}::text[], ${sql.param(firstKeys.map((k) => fps[first.get(k)!]))}::text[],
                  ${sql.param(firstKeys.map((k) => responseJson(expected.results[first.get(k)!])))}::text[]) as x(k, f, r)
      order by k
      on conflict do nothing
      returning idempotency_key as k`),
  );
  const claimed = new Set(claimedRows.map((r) => r.k));

  let results: ProcessorResult<Voided>[];
  let owner: Map<string, number>;
  if (claimed.size === first.size) {
    owner = first;
    results = expected.results;
    // Locks in id order; a hold that changed since it was read fails the condition and is left as it is. The locked ids
    // reach the UPDATE as one array (primary-key lookups), not as a join that would hash the whole table per batch.
    const voided = new Set(
      rowsOf<{ id: string }>(
        await tx.execute(sql`
          with locked as (
            select id from ${sandboxAuthorizations}
            where id = any(${sql.param(expected.toVoid)}::text[]) and status = 'held' and expires_at > now()
            order by id for update
          )
          update ${sandboxAuthorizations} a set status = 'voided', voided_at = now() where a.id = any(array(select id from locked))
          returning a.id`),
      ).map((r) => r.id),
    );
    const changed = new Set(expected.toVoid.filter((id) => !voided.has(id)));
    if (changed.size) {
      // Nothing in this batch voided these: their items are planned again on the locked holds.
      const holds = await lockHolds(tx, [...changed]);
      const again = new Map([...owner].filter(([, i]) => changed.has(items[i].authorizationId)));
      const plan = planVoids(items, again, (id) => holds.get(id));
      if (plan.toVoid.length) {
        await tx
          .update(sandboxAuthorizations)
          .set({ status: 'voided', voidedAt: sql`now()` })
          .where(sql`${sandboxAuthorizations.id} = any(${sql.param(plan.toVoid)}::text[])`);
      }
      for (const i of again.values()) results[i] = plan.results[i];
      await storeResponses(tx, [...again.keys()], [...again.values()].map((i) => results[i]));
    }
  } else {
    // Some keys were used before: only the items of new keys act, on the holds as they are now.
    owner = new Map([...first].filter(([k]) => claimed.has(k)));
    const holds = await lockHolds(tx, [...owner.values()].map((i) => items[i].authorizationId));
    const plan = planVoids(items, owner, (id) => holds.get(id));
    results = plan.results;
    if (plan.toVoid.length) {
      await tx
        .update(sandboxAuthorizations)
        .set({ status: 'voided', voidedAt: sql`now()` })
        .where(sql`${sandboxAuthorizations.id} = any(${sql.param(plan.toVoid)}::text[])`);
    }
    await storeResponses(tx, [...owner.keys()], [...owner.values()].map((i) => results[i]));
  }

  const priorKeys = firstKeys.filter((k) => !claimed.has(k));
  const prior = priorKeys.length
    ? await tx.select().from(sandboxRequests).where(sql`${sandboxRequests.idempotencyKey} = any(${sql.param(priorKeys)}::text[])`)
    : [];
  const priorByKey = new Map(prior.map((p) => [p.idempotencyKey, p]));
  items.forEach((it, i) => {
    const acting = owner.get(it.idempotencyKey);
    if (acting === i) return;
    if (acting !== undefined) {
      results[i] = fps[acting] === fps[i] ? results[acting] : fail('idempotency_mismatch');
      return;
    }
    const p = priorByKey.get(it.idempotencyKey);
    if (!p) throw new Error(`sandbox: idempotency key ${it.idempotencyKey} neither claimed nor stored`);
    results[i] = p.operation === 'void' && p.requestFingerprint === fps[i] ? (p.response as ProcessorResult<Voided>) : fail('idempotency_mismatch');
  });
  return results;
}

export const sandboxProcessor: PaymentProcessor = {
  async authorize(r) {
    assertAmount(r.amountCents);
    const digits = normalizeCardNumber(r.card.number);
    const fp = fingerprint('authorize', [r.amountCents, r.currency, digits ?? r.card.number, r.card.expMonth, r.card.expYear, r.card.cvc]);
    return withFault('authorize', null, async () => {
      if (digits === TIMEOUT) return timedOut<Authorization>();
      return once('authorize', r.idempotencyKey, fp, (tx) => authorizeIn(tx, r), reviveAuthorization);
    });
  },

  async capture(r) {
    assertAmount(r.amountCents);
    const fp = fingerprint('capture', [r.authorizationId, r.amountCents]);
    return withFault('capture', r.authorizationId, (refuse) =>
      once('capture', r.idempotencyKey, fp, async (tx) => {
        if (refuse) return fail('card_declined');
        const refusal = sandboxCaptureRefusal(await lockHold(tx, r.authorizationId), r.amountCents);
        if (refusal) return fail(refusal);
        await tx
          .update(sandboxAuthorizations)
          .set({ status: 'captured', capturedCents: r.amountCents, capturedAt: sql`now()` })
          .where(eq(sandboxAuthorizations.id, r.authorizationId));
        return succeed({ capturedCents: r.amountCents });
      }),
    );
  },

  async void(r) {
    const [result] = await sandboxProcessor.voidMany([r]);
    return result;
  },

  async voidMany(rs) {
    if (rs.length === 0) return [];
    const db = await getDb();
    // A blanket fault is the whole call timing out; an authorization's own fault times out its item only.
    const blanket = await consumeFault(db, 'void', null);
    if (blanket === 'timeout_before') return timedOut<Voided>().then((t) => rs.map(() => t));
    const ids = [...new Set(rs.map((r) => r.authorizationId))];
    const itemFaults = new Map(
      rowsOf<{ authorization_id: string; mode: SandboxFaultMode }>(
        await db.execute(sql`
          update ${sandboxFaults} set remaining = remaining - 1
          where operation = 'void' and remaining > 0 and authorization_id = any(${sql.param(ids)}::text[])
          returning authorization_id, mode`),
      ).map((f) => [f.authorization_id, f.mode]),
    );
    const acting = rs.map((r, i) => ({ r, i })).filter(({ r }) => itemFaults.get(r.authorizationId) !== 'timeout_before');
    const done = acting.length ? await db.transaction((tx) => voidBatch(tx, acting.map((a) => a.r))) : [];
    const results: ProcessorResult<Voided>[] = new Array(rs.length);
    acting.forEach((a, j) => (results[a.i] = done[j]));
    if (!blanket && itemFaults.size === 0) return results;
    const timeout = await timedOut<Voided>();
    return rs.map((r, i) => (blanket || itemFaults.has(r.authorizationId) ? timeout : results[i]));
  },

  async refund(r) {
    assertAmount(r.amountCents);
    const fp = fingerprint('refund', [r.authorizationId, r.amountCents]);
    return withFault('refund', r.authorizationId, (refuse) =>
      once('refund', r.idempotencyKey, fp, async (tx) => {
        if (refuse) return fail('card_declined');
        const refusal = sandboxRefundRefusal(await lockHold(tx, r.authorizationId), r.amountCents);
        if (refusal) return fail(refusal);
        const [row] = await tx
          .update(sandboxAuthorizations)
          .set({ refundedCents: sql`${sandboxAuthorizations.refundedCents} + ${r.amountCents}` })
          .where(eq(sandboxAuthorizations.id, r.authorizationId))
          .returning({ refundedCents: sandboxAuthorizations.refundedCents });
        return succeed({ refundedCents: row.refundedCents });
      }),
    );
  },
};

/** Test controls. They act through the sandbox's tables, so a test process can steer a separate server process. */
export const sandboxControls = {
  /** The next `times` matching calls time out, before acting (nothing stored) or after acting (response stored), or are refused. */
  async armFault(f: { operation: Operation; authorizationId?: string; mode: SandboxFaultMode; times?: number }) {
    const db = await getDb();
    const authorizationId = f.authorizationId ?? null;
    await db.transaction(async (tx) => {
      await tx
        .delete(sandboxFaults)
        .where(
          and(
            eq(sandboxFaults.operation, f.operation),
            eq(sandboxFaults.mode, f.mode),
            sql`${sandboxFaults.authorizationId} is not distinct from ${authorizationId}`,
          ),
        );
      await tx.insert(sandboxFaults).values({ operation: f.operation, authorizationId, mode: f.mode, remaining: f.times ?? 1 });
    });
  },

  async disarmFaults() {
    const db = await getDb();
    await db.delete(sandboxFaults);
  },

  /** Makes a hold lapse now, as the network would after the hold's validity. */
  async lapseHold(authorizationId: string) {
    const db = await getDb();
    const rows = await db
      .update(sandboxAuthorizations)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sandboxAuthorizations.id, authorizationId))
      .returning({ id: sandboxAuthorizations.id });
    if (rows.length === 0) throw new Error(`sandbox: no authorization ${authorizationId}`);
  },

  async inspect(authorizationId: string) {
    const db = await getDb();
    const [row] = await db.select().from(sandboxAuthorizations).where(eq(sandboxAuthorizations.id, authorizationId));
    return row ?? null;
  },
};
