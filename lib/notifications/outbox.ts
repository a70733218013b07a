import 'server-only';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '@/db';
import { outboxMessages } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { invalidMessageReason, messageMeta, REF_KEY, type OutboxMessageInput } from './rules';

export type { OutboxChannel, OutboxMessageInput } from './rules';

/**
 * Writes a message to the outbox inside the caller's transaction, so it exists if and only if the change it reports
 * commits. The delivery job (deliverOutbox) sends it afterwards; nothing is sent from here.
 * Links and codes found in the body are added to `meta` (the caller's own keys win) for the development mailbox.
 */
export async function enqueueMessage(tx: Database, msg: OutboxMessageInput): Promise<{ id: number }> {
  const [row] = await enqueueMessages(tx, [msg]);
  return row;
}

/**
 * Several messages in one INSERT, in the caller's transaction. The rows travel as one array per column (unnest), so a
 * job's batch of thousands costs a handful of parameters rather than six per message. Ids come back in input order.
 */
export async function enqueueMessages(tx: Database, msgs: readonly OutboxMessageInput[]): Promise<{ id: number }[]> {
  if (msgs.length === 0) return [];
  const channels: string[] = [];
  const recipients: string[] = [];
  const templates: string[] = [];
  const subjects: (string | null)[] = [];
  const bodies: string[] = [];
  const metas: string[] = [];
  for (const msg of msgs) {
    const reason = invalidMessageReason(msg);
    // A malformed message is a bug in the caller: fail its transaction now rather than dead-letter the message later.
    if (reason) throw new AppError('VALIDATION', 'This message could not be sent.', { detail: `outbox (${msg.template}): ${reason}` });
    channels.push(msg.channel);
    recipients.push(msg.recipient);
    templates.push(msg.template);
    subjects.push(msg.subject ?? null);
    bodies.push(msg.body);
    metas.push(JSON.stringify({ ...messageMeta(msg.body, msg.meta), ...(msg.ref ? { [REF_KEY]: msg.ref } : {}) }));
  }
  const res = await tx.execute(sql`
    insert into ${outboxMessages} (channel, recipient, template, subject, body, meta)
    select x.channel, x.recipient, x.template, x.subject, x.body, x.meta::jsonb
    from unnest(${sql.param(channels)}::text[]::contact_channel[], ${sql.param(recipients)}::text[], ${sql.param(templates)}::text[],
                ${sql.param(subjects)}::text[], ${sql.param(bodies)}::text[], ${sql.param(metas)}::text[])
         with ordinality as x(channel, recipient, template, subject, body, meta, n)
    order by x.n
    returning id`);
  // One statement draws its ids from the sequence in insertion order, which is input order: sorting restores it
  // whatever order RETURNING happens to use. (bigserial arrives as a string from node-postgres.)
  return rows<{ id: string | number }>(res)
    .map((r) => Number(r.id))
    .sort((a, b) => a - b)
    .map((id) => ({ id }));
}
