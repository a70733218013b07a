import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, rows } from '@/db';
import { config } from '@/lib/config';
import { enqueueMessages } from '@/lib/notifications/outbox';
import { newLinkToken } from '@/lib/security/tokens';
import { giftLink } from './create';
import { giftReminderMessage } from './messages';

type DueRow = { id: string; recipient_channel: 'email' | 'sms'; recipient_contact: string; expires_at: Date | string; giver_name: string; title: string };

// One reminder per offer, `giftReminderBeforeHours` before expiry, in batches of three statements.
// Each reminder carries a fresh link token (only its hash is stored), since the first token was never kept.
export async function sendDueReminders({ now, batchSize = 2000 }: { now?: Date; batchSize?: number } = {}) {
  const db = await getDb();
  // One clock: the database's now(), unless the caller (the jobs' run time, a test) names the moment.
  const at = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
  const horizon = sql`${at} + make_interval(hours => ${config().giftReminderBeforeHours})`;
  let total = 0;
  for (;;) {
    const sent = await db.transaction(async (tx) => {
      const res = await tx.execute(sql`
        select g.id, g.recipient_channel, g.recipient_contact, g.expires_at, g.giver_display_name as giver_name, g.item_title as title
        from gift_offers g
        where g.status = 'waiting' and g.reminder_sent_at is null and g.expires_at > ${at} and g.expires_at <= ${horizon}
        order by g.expires_at
        limit ${batchSize}
        for update of g skip locked`);
      const due = rows<DueRow>(res);
      if (due.length === 0) return 0;
      const tokens = due.map(() => newLinkToken());
      await tx.execute(sql`
        update gift_offers g set reminder_sent_at = ${at}, reminder_token_hash = t.hash
        from (select unnest(${sql.param(due.map((r) => r.id))}::uuid[]) as id, unnest(${sql.param(tokens.map((t) => t.hash))}::text[]) as hash) t
        where g.id = t.id`);
      await enqueueMessages(
        tx,
        due.map((r, i) => {
          const link = giftLink(tokens[i].token);
          const m = giftReminderMessage({ channel: r.recipient_channel, giverName: r.giver_name, itemTitle: r.title, link, expiresAt: new Date(r.expires_at) });
          return { channel: r.recipient_channel, recipient: r.recipient_contact, template: 'gift_reminder', subject: m.subject, body: m.body, meta: { link } };
        }),
      );
      return due.length;
    });
    total += sent;
    if (sent < batchSize) return total;
  }
}
