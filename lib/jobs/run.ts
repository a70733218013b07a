import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { expireDueOffers, settleStuckOffers } from '@/lib/gifts/commands';
import { sendDueReminders } from '@/lib/gifts/reminders';
import { deliverOutbox } from '@/lib/notifications/deliver';
import { voidPaymentsForOrders } from '@/lib/payments/service';

// Holds still authorized on orders that were cancelled (a void that failed after commit) are released again here.
export async function sweepAbandonedHolds() {
  const db = await getDb();
  const res = await db.execute(sql`
    select o.id from orders o join payments p on p.order_id = o.id
    where o.status = 'cancelled' and p.status = 'authorized'
    limit 1000`);
  const ids = (res as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  return (await voidPaymentsForOrders(ids)).voided;
}

export type JobReport = Record<string, number>;

// Every scheduled job, once. Each is idempotent and safe to run concurrently with another copy of itself.
export async function runJobsOnce(now = new Date()): Promise<JobReport> {
  const expired = await expireDueOffers({ now });
  const reminded = await sendDueReminders({ now });
  const settled = await settleStuckOffers({ now });
  const sweptHolds = await sweepAbandonedHolds();
  const delivery = await deliverOutbox({ now });
  return { expired, reminded, settled, sweptHolds, sent: delivery.sent, retried: delivery.retried, dead: delivery.dead };
}
