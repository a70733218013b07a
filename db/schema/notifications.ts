import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { contactChannel } from './accounts';

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'dead']);

// Transactional outbox: written in the same transaction as the change it reports, delivered by a job.
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    channel: contactChannel().notNull(),
    recipient: text().notNull(),
    template: text().notNull(),
    subject: text(),
    body: text().notNull(),
    // Links and codes the message carries, for the development mailbox.
    meta: jsonb().$type<Record<string, string>>(),
    status: outboxStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    transport: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outbox_pending_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('outbox_recipient_idx').on(t.recipient),
  ],
);
