import 'server-only';
import type { Database } from '@/db';
import { outboxMessages } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { invalidMessageReason, messageMeta, type OutboxMessageInput } from './rules';

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

/** Several messages in one multi-row INSERT, in the caller's transaction. */
export async function enqueueMessages(tx: Database, msgs: readonly OutboxMessageInput[]): Promise<{ id: number }[]> {
  if (msgs.length === 0) return [];
  const rows = msgs.map((msg) => {
    const reason = invalidMessageReason(msg);
    // A malformed message is a bug in the caller: fail its transaction now rather than dead-letter the message later.
    if (reason) throw new AppError('VALIDATION', 'This message could not be sent.', { detail: `outbox (${msg.template}): ${reason}` });
    return {
      channel: msg.channel,
      recipient: msg.recipient,
      template: msg.template,
      subject: msg.subject ?? null,
      body: msg.body,
      meta: messageMeta(msg.body, msg.meta),
    };
  });
  return tx.insert(outboxMessages).values(rows).returning({ id: outboxMessages.id });
}
