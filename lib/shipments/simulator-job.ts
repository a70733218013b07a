import 'server-only';
import { sql } from 'drizzle-orm';
import { affectedRows, getDb, rows, type Database } from '@/db';
import { carrierSimulatorEvents } from '@/db/schema';
import { config } from '@/lib/config';
import { logWarn } from '@/lib/log';
import { signPayload, type Scenario } from './rules';
import { carrierSigningSecret, isKnownCarrier } from './secrets';
import { planCarrierEvents, type Place, type PlanInput } from './simulator';

// Plays the simulator's plans through the carrier webhook, exactly as a carrier would: signed HTTP POSTs to
// /api/carriers/<carrier>/events, at-least-once (a failed post is retried on a later run).

export type SimulationInput = { carrierId: string; trackingId: string; scenario: Scenario; labelCreatedAt: Date; shipFrom: Place; shipTo: Place; transitDays?: number; promisedDeliveryBy?: Date | null };

// The configured pace: stepped (development, e2e: a parcel travels in seconds) or at carrier timing.
export const configuredPace = (): PlanInput['pace'] => (config().carrierSimulatorPace === 'realistic' ? 'realistic' : { stepSeconds: config().carrierSimulatorStepSeconds });

// Queues a parcel's events, in the caller's transaction (the label purchase). Planning twice queues nothing new.
export async function scheduleSimulation(tx: Database, input: SimulationInput, pace: PlanInput['pace'] = configuredPace()): Promise<number> {
  const plan = planCarrierEvents({ ...input, pace });
  const inserted = await tx
    .insert(carrierSimulatorEvents)
    .values(
      plan.map((e) => ({
        carrierId: input.carrierId,
        trackingId: input.trackingId,
        scenario: input.scenario,
        event: { ...e, eventTime: e.eventTime.toISOString() },
        dueAt: e.eventTime,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: carrierSimulatorEvents.id });
  return inserted.length;
}

// Planned events not yet due are dropped when their label is voided (the carrier never sees the parcel).
export async function cancelSimulation(tx: Database, carrierId: string, trackingId: string): Promise<void> {
  await tx.execute(sql`delete from carrier_simulator_events where carrier_id = ${carrierId} and tracking_id = ${trackingId} and sent_at is null`);
}

export type Deliver = (carrierId: string, body: string, signature: string) => Promise<{ status: number }>;

const httpDeliver: Deliver = async (carrierId, body, signature) => {
  const res = await fetch(new URL(`/api/carriers/${carrierId.toLowerCase()}/events`, config().appUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-carrier-signature': signature },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return { status: res.status };
};

// Sends every due event, grouped into one signed POST per carrier. Rows are claimed with SKIP LOCKED, so several
// processes running this at once never send an event twice in one round; a failed POST puts its rows back.
export async function runCarrierSimulator(opts: { now?: Date; deliver?: Deliver; limit?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const deliver = opts.deliver ?? httpDeliver;
  const db = await getDb();
  const claimed = rows<{ id: number; carrier_id: string; event: Record<string, unknown> }>(
    await db.execute(sql`
      update carrier_simulator_events set sent_at = ${now.toISOString()}::timestamptz, attempts = attempts + 1
      where id in (
        select id from carrier_simulator_events
        where sent_at is null and due_at <= ${now.toISOString()}::timestamptz and attempts < 20
        order by due_at, id limit ${opts.limit ?? 500}
        for update skip locked)
      returning id, carrier_id, event`),
  );
  if (claimed.length === 0) return 0;
  const byCarrier = new Map<string, typeof claimed>();
  for (const r of claimed) (byCarrier.get(r.carrier_id) ?? byCarrier.set(r.carrier_id, []).get(r.carrier_id)!).push(r);
  let sent = 0;
  for (const [carrierId, batch] of byCarrier) {
    const ids = batch.map((r) => r.id);
    let error: string | null = null;
    if (!isKnownCarrier(carrierId)) error = `unknown carrier ${carrierId}`;
    else {
      const body = JSON.stringify({ events: batch.map((r) => r.event) });
      try {
        const res = await deliver(carrierId, body, signPayload(carrierSigningSecret(carrierId), body, Math.floor(Date.now() / 1000)));
        if (res.status >= 300) error = `webhook answered ${res.status}`;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    if (error) {
      logWarn('carrier simulator', 'delivery failed, will retry', { carrierId, events: ids.length, error });
      await db.execute(sql`update carrier_simulator_events set sent_at = null, last_error = ${error} where id = any(${sql.param(ids)}::bigint[])`);
    } else sent += ids.length;
  }
  return sent;
}

// The simulator runs wherever no real carrier exists (every environment of this app, unless CARRIER_SIMULATOR=0).
export const simulatorEnabled = () => config().carrierSimulator;

// Quotes nobody bought from are kept a day past their expiry (support can see what a seller was offered), then
// removed in bounded batches. Quotes a label was bought from stay with the label.
export async function purgeExpiredQuotes(opts: { now?: Date } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const db = await getDb();
  const res = await db.execute(sql`
    delete from rate_quotes where id in (
      select q.id from rate_quotes q
      where q.expires_at < ${now.toISOString()}::timestamptz - interval '1 day'
        and not exists (select 1 from shipments s where s.quote_id = q.id)
      limit 5000)`);
  return affectedRows(res);
}
