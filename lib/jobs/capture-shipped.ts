import 'server-only';
import { config } from '@/lib/config';
import { scrubError } from '@/lib/log';
import { listShippedOwnOrderIds } from '@/lib/orders/lifecycle';
import { captureShippedOrder, ordersWithLiveHolds } from '@/lib/payments/service';

export type CaptureRunReport = { captured: number; timedOut: number; lapsed: number; failed: number };

// Charged when it ships: a buyer's own order is only authorized at checkout, and its hold is captured once the order
// has shipped. lib/orders says which own orders shipped, lib/payments which of them still only hold money and
// captures them under the order's one capture key: the job joins nothing itself. A capture that timed out leaves the
// payment authorized, so the next run asks again with the same key and the processor replays its answer (one capture
// whatever happened). Gift orders are never listed (their recipient's acceptance charged them); orders paid wholly by
// gift card have no payment, so lib/payments finds no hold for them.
//
// Only shipments within the hold's validity (and a day beyond, so a hold that lapsed unshipped-for-too-long is still
// seen once and recorded as lapsed) can hold money. Pages are keyset; a run captures at most `limit` orders within a
// time budget, and the rest waits for the next run.
export async function captureShippedOrders({ now = new Date(), pageSize = 1000, limit = 200, budgetMs = 20_000 } = {}): Promise<CaptureRunReport> {
  const deadline = Date.now() + budgetMs;
  const since = new Date(now.getTime() - (config().holdValidityHours + 24) * 3_600_000);
  const report: CaptureRunReport = { captured: 0, timedOut: 0, lapsed: 0, failed: 0 };
  let attempts = 0;
  let after: { id: string; shippedAt: Date } | undefined;
  while (Date.now() < deadline && attempts < limit) {
    const page = await listShippedOwnOrderIds({ since, after, limit: pageSize });
    if (page.length === 0) break;
    for (const orderId of await ordersWithLiveHolds(page.map((o) => o.id))) {
      if (Date.now() > deadline || attempts >= limit) break;
      attempts++;
      let r: Awaited<ReturnType<typeof captureShippedOrder>>;
      try {
        r = await captureShippedOrder(orderId);
      } catch (e) {
        // One order's trouble (the processor threw) never stops the others; its payment stays authorized for the next run.
        report.failed++;
        console.error(`[jobs] could not charge shipped order ${orderId}`, scrubError(e));
        continue;
      }
      if (r.ok) report.captured++;
      else if (r.code === 'timeout') {
        report.timedOut++; // still authorized: the next run retries with the same key
        console.warn(`[jobs] the processor did not answer the capture of shipped order ${orderId}; the next run asks again`);
      } else if (r.code === 'authorization_expired') {
        report.lapsed++;
        console.error(`[jobs] order ${orderId} shipped but its card hold had lapsed: it was never charged (payment recorded as lapsed)`);
      } else {
        report.failed++;
        console.error(`[jobs] could not charge shipped order ${orderId}: ${r.code}`);
      }
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1];
  }
  return report;
}
