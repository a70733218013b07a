import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { expireDueOffers, settleStuckOffers } from '@/lib/gifts/commands';
import { sendDueReminders } from '@/lib/gifts/reminders';
import { deliverOutbox } from '@/lib/notifications/deliver';
import { releaseDeferredStock } from '@/lib/orders/stock';
import { voidOrphanedAuthorizations, voidPaymentsForOrders } from '@/lib/payments/service';

// Holds still authorized on orders that were cancelled (a void that failed after commit) are released again here.
export async function sweepAbandonedHolds() {
  const db = await getDb();
  const res = await db.execute(sql`
    select p.order_id as id from payments p join orders o on o.id = p.order_id
    where p.status = 'authorized' and o.status = 'cancelled'
    limit 1000`);
  const ids = (res as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  return (await voidPaymentsForOrders(ids)).voided;
}

// Short-lived bookkeeping: rate-limit windows and one-time codes past any use.
export async function purgeExpiredRecords() {
  const db = await getDb();
  const a = await db.execute(sql`delete from rate_limit_buckets where key in (select key from rate_limit_buckets where window_start < now() - interval '1 day' limit 10000)`);
  const b = await db.execute(sql`delete from otp_codes where id in (select id from otp_codes where created_at < now() - interval '1 day' limit 10000)`);
  const count = (r: unknown) => Number((r as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as { affectedRows?: number }).affectedRows ?? 0);
  return count(a) + count(b);
}

export type JobReport = Record<string, number>;
export type JobRun = { report: JobReport; failures: { job: string; error: unknown }[] };

// Every scheduled job, once. Each is idempotent and safe to run concurrently with another copy of itself, and each
// runs on its own: one failing (say, the processor is down) never stops the others, above all message delivery.
export async function runJobsOnce(now = new Date()): Promise<JobRun> {
  const report: JobReport = {};
  const failures: JobRun['failures'] = [];
  const jobs: [string, () => Promise<number>][] = [
    // Messages first: sign-in codes and gift links must not wait behind payment work during a processor outage.
    [
      'sent',
      async () => {
        const d = await deliverOutbox({ now });
        report.retried = d.retried;
        report.dead = d.dead;
        return d.sent;
      },
    ],
    ['expired', () => expireDueOffers({ now })],
    ['reminded', () => sendDueReminders({ now })],
    ['settled', () => settleStuckOffers({ now })],
    ['sweptHolds', sweepAbandonedHolds],
    ['orphanedHolds', () => voidOrphanedAuthorizations()],
    ['restocked', async () => (await getDb()).transaction((tx) => releaseDeferredStock(tx, now))],
    ['purged', purgeExpiredRecords],
    // What the jobs above just wrote (expiry and reminder notices) goes out in the same run.
    ['sentAfter', async () => (await deliverOutbox({ now })).sent],
  ];
  for (const [name, run] of jobs) {
    try {
      report[name] = await run();
    } catch (error) {
      failures.push({ job: name, error });
    }
  }
  return { report, failures };
}
