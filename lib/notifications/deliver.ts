import 'server-only';
import { and, asc, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/db';
import { outboxMessages } from '@/db/schema';
import { config } from '@/lib/config';
import { describeError, maskRecipient, outcomeOfFailure, REF_KEY } from './rules';
import { SEND_TIMEOUT_MS, transportFor, type OutgoingMessage } from './transports';

// A claimed message is hidden from other workers for this long. Sending stops early enough (below) that the lease
// never runs out while a message is still in flight, so no two workers send the same message.
// Gift link tokens and one-time codes, replaced in messages that no longer need them (delivered or given up).
const redacted = (col: ReturnType<typeof sql>) =>
  sql`regexp_replace(regexp_replace(${col}, '/gift/[A-Za-z0-9_-]{43}', '/gift/[link removed]', 'g'), '\\m[0-9]{6}\\M', '[code removed]', 'g')`;

export const CLAIM_LEASE_MS = 5 * 60_000;
const SAFETY_MARGIN_MS = 30_000;
const SEND_BUDGET_MS = CLAIM_LEASE_MS - SEND_TIMEOUT_MS - SAFETY_MARGIN_MS;
const DEFAULT_LIMIT = 50;
// Messages of one batch are sent a few at a time: one slow recipient server does not hold up the rest.
const CONCURRENCY = 5;

export type DeliveryResult = { sent: number; retried: number; dead: number };

/** A message the outbox gave up on, with the `ref` its sender gave it (what the message was about). */
export type GivenUpMessage = { id: number; template: string; channel: 'email' | 'sms'; recipient: string; ref: string | null };
/**
 * What a message's sender does when the outbox gives up on it: runs in the transaction that records the messages as
 * dead (so both happen or neither does: a failure leaves them to be tried again), and may return work to do once
 * that transaction has committed.
 */
export type GiveUpHandler = (tx: Database, messages: GivenUpMessage[]) => Promise<(() => Promise<void>) | void>;

type Claimed = typeof outboxMessages.$inferSelect;
type Sent = { id: number; attempts: number; transport: string };
type Failed = { id: number; attempts: number; error: string };

/**
 * The delivery job: sends due outbox messages. Safe to run in several processes at once.
 *
 * 1. Claim a batch in one statement: due pending rows, locked with SKIP LOCKED only for the duration of the UPDATE,
 *    get attempts + 1 and next_attempt_at = now + lease. Other workers skip them until the lease ends, and no lock is
 *    held while sending.
 * 2. Send each through its channel's transport.
 * 3. Record results in two statements: one for every sent message, one for every failure (retry with backoff, or
 *    'dead' after config().outboxMaxAttempts). Both only touch a row still carrying this worker's claim.
 * 4. Messages given up on go to `onGiveUp` in the same transaction as the failures' statement (a gift whose message
 *    never reached its recipient must not stay held for days with nobody told).
 *
 * `now` moves the clock (tests); by default the database's clock is used throughout.
 */
export async function deliverOutbox(opts: { limit?: number; now?: Date; onGiveUp?: GiveUpHandler } = {}): Promise<DeliveryResult> {
  const db = await getDb();
  const limit = Math.max(1, Math.floor(opts.limit ?? DEFAULT_LIMIT));
  const clock: SQL = opts.now ? sql`${opts.now.toISOString()}::timestamptz` : sql`now()`;
  const { outboxMaxAttempts, outboxBackoffBaseMs } = config();

  const due = db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    // A literal, not a parameter, so the planner matches the partial index on pending rows.
    .where(and(sql`${outboxMessages.status} = 'pending'`, lte(outboxMessages.nextAttemptAt, clock)))
    .orderBy(asc(outboxMessages.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });

  const claimed: Claimed[] = await db
    .update(outboxMessages)
    .set({
      attempts: sql`${outboxMessages.attempts} + 1`,
      nextAttemptAt: sql`${clock} + ${CLAIM_LEASE_MS}::double precision * interval '1 millisecond'`,
    })
    .where(inArray(outboxMessages.id, due))
    .returning();
  if (claimed.length === 0) return { sent: 0, retried: 0, dead: 0 };

  const sent: Sent[] = [];
  const failed: Failed[] = [];
  const unsent: Claimed[] = [];
  const startedAt = performance.now();
  const queue = [...claimed].sort((a, b) => a.id - b.id);

  const worker = async () => {
    for (let msg = queue.shift(); msg; msg = queue.shift()) {
      if (performance.now() - startedAt > SEND_BUDGET_MS) {
        unsent.push(msg);
        continue;
      }
      const transport = transportFor(msg.channel);
      try {
        await withTimeout(transport.send(toOutgoing(msg)), SEND_TIMEOUT_MS);
        sent.push({ id: msg.id, attempts: msg.attempts, transport: transport.name });
      } catch (e) {
        failed.push({ id: msg.id, attempts: msg.attempts, error: `${transport.name}: ${describeError(e)}` });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker));

  // Results are recorded outside any transaction: each statement stands on its own, and each touches only rows that
  // still carry this worker's claim (status pending, attempts as claimed).
  const result: DeliveryResult = { sent: 0, retried: 0, dead: 0 };

  if (sent.length > 0) {
    const values = sql.join(
      sent.map((s) => sql`(${s.id}::bigint, ${s.attempts}::int, ${s.transport}::text)`),
      sql`, `,
    );
    const done = rows<{ id: number }>(
      await db.execute(sql`
        update outbox_messages as o
           set status = 'sent', sent_at = ${clock}, transport = v.transport,
               -- Once a message has left for a real inbox, its live links and codes have no reason to stay here.
               subject = case when v.transport = 'mailbox' then o.subject else ${redacted(sql`o.subject`)} end,
               body = case when v.transport = 'mailbox' then o.body else ${redacted(sql`o.body`)} end,
               meta = case when v.transport = 'mailbox' then o.meta else null end
          from (values ${values}) as v(id, attempts, transport)
         where o.id = v.id and o.status = 'pending' and o.attempts = v.attempts
        returning o.id`),
    );
    result.sent = done.length;
  }

  if (failed.length > 0) {
    const values = sql.join(
      failed.map((f) => {
        const outcome = outcomeOfFailure(f.attempts, outboxMaxAttempts, outboxBackoffBaseMs, Math.random());
        const delayMs = outcome.status === 'pending' ? outcome.delayMs : 0;
        return sql`(${f.id}::bigint, ${f.attempts}::int, ${outcome.status}::outbox_status, ${delayMs}::int, ${f.error}::text)`;
      }),
      sql`, `,
    );
    const record = async (tx: Database) =>
      rows<{ id: number | string; status: string; recipient: string; attempts: number; last_error: string }>(
        await tx.execute(sql`
        update outbox_messages as o
           set status = v.status,
               next_attempt_at = case when v.status = 'pending'
                                      then ${clock} + v.delay_ms * interval '1 millisecond'
                                      else o.next_attempt_at end,
               last_error = v.error,
               subject = case when v.status = 'dead' then ${redacted(sql`o.subject`)} else o.subject end,
               body = case when v.status = 'dead' then ${redacted(sql`o.body`)} else o.body end,
               meta = case when v.status = 'dead' then null else o.meta end
          from (values ${values}) as v(id, attempts, status, delay_ms, error)
         where o.id = v.id and o.status = 'pending' and o.attempts = v.attempts
        returning o.id, o.status, o.recipient, o.attempts, o.last_error`),
      );
    const onGiveUp = opts.onGiveUp;
    const { recorded, after } = !onGiveUp
      ? { recorded: await record(db), after: undefined }
      : await db.transaction(async (tx) => {
          const out = await record(tx);
          const claimedById = new Map(claimed.map((m) => [Number(m.id), m]));
          const given = out
            .filter((r) => r.status === 'dead')
            .map((r): GivenUpMessage => {
              const m = claimedById.get(Number(r.id))!;
              return { id: Number(m.id), template: m.template, channel: m.channel, recipient: m.recipient, ref: m.meta?.[REF_KEY] ?? null };
            });
          return { recorded: out, after: given.length > 0 ? await onGiveUp(tx, given) : undefined };
        });
    if (after) await after();
    for (const r of recorded) {
      if (r.status === 'dead') {
        result.dead++;
        console.error(`[outbox] message ${r.id} to ${maskRecipient(r.recipient)} is dead after ${r.attempts} attempts: ${r.last_error}`);
      } else {
        result.retried++;
        console.warn(`[outbox] message ${r.id} to ${maskRecipient(r.recipient)} failed (attempt ${r.attempts}), will retry: ${r.last_error}`);
      }
    }
  }

  if (unsent.length > 0) {
    // Out of time before these were tried: give the attempt back and make them due again at once.
    await db
      .update(outboxMessages)
      .set({ attempts: sql`${outboxMessages.attempts} - 1`, nextAttemptAt: clock })
      .where(
        and(
          sql`${outboxMessages.status} = 'pending'`,
          sql`(${outboxMessages.id}, ${outboxMessages.attempts}) in (${sql.join(
            unsent.map((m) => sql`(${m.id}::bigint, ${m.attempts}::int)`),
            sql`, `,
          )})`,
        ),
      );
  }

  return result;
}

function toOutgoing(m: Claimed): OutgoingMessage {
  return { id: m.id, channel: m.channel, recipient: m.recipient, template: m.template, subject: m.subject, body: m.body };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(ms / 1000)}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
