import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { returnRequests } from '@/db/schema';

// The return's own transition when its refund succeeded, for lib/refunds (in the refund's transaction). A return
// already refunded or closed stays as it is. Kept apart from ./commands, which calls lib/refunds.
export async function markReturnRefunded(tx: Database, returnRequestId: string): Promise<void> {
  await tx
    .update(returnRequests)
    .set({ status: 'refunded', refundedAt: sql`now()` })
    .where(and(eq(returnRequests.id, returnRequestId), inArray(returnRequests.status, ['authorized', 'in_transit', 'received'])));
}
