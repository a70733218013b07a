import 'server-only';
import { getDb } from '@/db';
import { purgeOldCodes } from '@/lib/accounts/otp';
import { captureShippedOrders } from './capture-shipped';
import { config } from '@/lib/config';
import { endGiftsWithUndeliverableNotice, expireDueOffers, settleStuckOffers } from '@/lib/gifts/commands';
import { sendDueReminders } from '@/lib/gifts/reminders';
import { deliverOutbox } from '@/lib/notifications/deliver';
import { listCancelledOrderIds } from '@/lib/orders/lifecycle';
import { releaseDeferredStock } from '@/lib/orders/stock';
import { settlePendingRefunds } from '@/lib/refunds/service';
import { autoDenyOverdueClaims, sendSafetDeadlineReminders } from '@/lib/safet/commands';
import { ordersWithLiveHolds, voidOrphanedAuthorizations, voidPaymentsForOrders } from '@/lib/payments/service';
import { purgeOldRateLimitWindows } from '@/lib/security/rate-limit';
import { runDailyEvaluation } from '@/lib/prime/evaluation';
import { purgeExpiredQuotes, runCarrierSimulator, simulatorEnabled } from '@/lib/shipments/simulator-job';

// Holds still authorized on orders that were cancelled (a void that failed after commit, or a process that died
// between the two) are released again here. lib/orders says which orders were cancelled, lib/payments which of them
// still hold money and releases them: the job joins nothing itself. Only cancellations within the hold's validity
// matter (an older hold has lapsed by itself); pages are keyset and the run has a time budget.
export async function sweepAbandonedHolds({ pageSize = 2000, budgetMs = 20_000 } = {}) {
  const deadline = Date.now() + budgetMs;
  const since = new Date(Date.now() - config().holdValidityHours * 3_600_000);
  let after: { id: string; cancelledAt: Date } | undefined;
  let voided = 0;
  while (Date.now() < deadline) {
    const page = await listCancelledOrderIds({ since, after, limit: pageSize });
    if (page.length === 0) break;
    const live = await ordersWithLiveHolds(page.map((o) => o.id));
    if (live.length > 0) voided += (await voidPaymentsForOrders(live)).voided;
    if (page.length < pageSize) break;
    after = page[page.length - 1];
  }
  return voided;
}

// Short-lived bookkeeping: rate-limit windows and one-time codes past any use, each purged by its owner.
export async function purgeExpiredRecords() {
  return (await purgeOldRateLimitWindows()) + (await purgeOldCodes());
}

// Message delivery. A message the outbox gives up on goes back to its sender: a gift whose recipient was never told
// of it ends at once (hold released, giver told) instead of holding the giver's card until it expires.
export const deliverMessages = (now?: Date) => deliverOutbox({ now, onGiveUp: endGiftsWithUndeliverableNotice });

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
        const d = await deliverMessages(now);
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
    // Charged when it ships: own orders whose hold is still only authorized after shipping are captured, once.
    [
      'shippedOrdersCaptured',
      async () => {
        const r = await captureShippedOrders({ now });
        report.captureTimedOut = r.timedOut;
        report.captureLapsed = r.lapsed;
        report.captureFailed = r.failed;
        return r.captured;
      },
    ],
    ['restocked', async () => (await getDb()).transaction((tx) => releaseDeferredStock(tx, now))],
    ['purged', purgeExpiredRecords],
    // The sandbox carrier: posts due tracking events of bought labels to the signed carrier webhook (CARRIER_SIMULATOR).
    ['carrierEvents', async () => (simulatorEnabled() ? runCarrierSimulator({ now }) : 0)],
    ['quotesPurged', () => purgeExpiredQuotes({ now })],
    // Seller Fulfilled Prime (S4): yesterday's evaluation of every seller, once per day across instances, catching up missed days.
    ['primeSellersEvaluated', async () => (await runDailyEvaluation({ now })).evaluated],
    // Post-sale: refunds a processor time-out left pending; SAFE-T claims denied at exactly 7 days without the
    // requested information; one reminder email 48 hours before each SAFE-T deadline.
    ['refundsSettled', () => settlePendingRefunds({ now })],
    ['safetAutoDenied', () => autoDenyOverdueClaims({ now })],
    ['safetReminded', () => sendSafetDeadlineReminders({ now })],
    // What the jobs above just wrote (expiry and reminder notices) goes out in the same run.
    ['sentAfter', async () => (await deliverMessages(now)).sent],
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
