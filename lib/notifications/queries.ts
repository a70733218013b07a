import 'server-only';
import { count, desc } from 'drizzle-orm';
import { getDb } from '@/db';
import { outboxMessages } from '@/db/schema';

export type MailboxMessage = {
  id: number;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  subject: string | null;
  body: string;
  meta: Record<string, string>;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  transport: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

export type MailboxPage = { messages: MailboxMessage[]; total: number; page: number; pageSize: number; pageCount: number };

const MAX_PAGE_SIZE = 100;

/** Every outbox message, newest first, for the development mailbox. */
export async function listMailbox({ page = 1, pageSize = 20 }: { page?: number; pageSize?: number } = {}): Promise<MailboxPage> {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize) || 20));
  const current = Math.max(1, Math.floor(page) || 1);
  const db = await getDb();
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: outboxMessages.id,
        channel: outboxMessages.channel,
        recipient: outboxMessages.recipient,
        template: outboxMessages.template,
        subject: outboxMessages.subject,
        body: outboxMessages.body,
        meta: outboxMessages.meta,
        status: outboxMessages.status,
        attempts: outboxMessages.attempts,
        transport: outboxMessages.transport,
        lastError: outboxMessages.lastError,
        createdAt: outboxMessages.createdAt,
        sentAt: outboxMessages.sentAt,
      })
      .from(outboxMessages)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(size)
      .offset((current - 1) * size),
    db.select({ total: count() }).from(outboxMessages),
  ]);
  return {
    messages: rows.map((r) => ({ ...r, meta: r.meta ?? {} })),
    total,
    page: current,
    pageSize: size,
    pageCount: Math.max(1, Math.ceil(total / size)),
  };
}
