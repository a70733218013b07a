import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { otpCodes, paymentOperations, rateLimitBuckets } from '@/db/schema';
import { cancelGiftByGiver } from '@/lib/gifts/commands';
import { purgeExpiredRecords, runJobsOnce, sweepAbandonedHolds } from '@/lib/jobs/run';
import { sandboxControls } from '@/lib/payments/sandbox';
import { authorizeCard, voidOrphanedAuthorizations } from '@/lib/payments/service';
import { paymentOf, sendGift } from '@/test/support/gift-fixtures';
import { createAuthorizedPayment, testCard } from '@/test/support/payments';

afterEach(() => sandboxControls.disarmFaults());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe('hold sweeps', () => {
  it('releases a hold whose checkout never recorded an order, and leaves holds that orders own alone', async () => {
    const orphan = await authorizeCard({ amountCents: 1234, currency: 'USD', card: testCard(), idempotencyKey: `orphan-test:${randomUUID()}` });
    if (!orphan.ok) throw new Error('sandbox refused the test card');
    const owned = await createAuthorizedPayment({ amountCents: 999 });
    const db = await getDb();
    // The checkout died a while ago (the sweep leaves fresh approvals to the checkout still running).
    await db.update(paymentOperations).set({ createdAt: minutesAgo(20) }).where(eq(paymentOperations.processorAuthorizationId, orphan.value.authorizationId));
    await db.update(paymentOperations).set({ createdAt: minutesAgo(20) }).where(eq(paymentOperations.processorAuthorizationId, owned.authorizationId));

    expect(await voidOrphanedAuthorizations()).toBeGreaterThanOrEqual(1);
    expect(await sandboxControls.inspect(orphan.value.authorizationId)).toMatchObject({ status: 'voided' });
    expect(await sandboxControls.inspect(owned.authorizationId)).toMatchObject({ status: 'held' });
    // Done once: a second run finds nothing more to do for it.
    await voidOrphanedAuthorizations();
    const voids = await db
      .select()
      .from(paymentOperations)
      .where(sql`${paymentOperations.processorAuthorizationId} = ${orphan.value.authorizationId} and ${paymentOperations.kind} = 'void'`);
    expect(voids).toHaveLength(1);
  });

  it('retries the void of a cancelled gift whose first void timed out', async () => {
    const sent = await sendGift();
    await sandboxControls.armFault({ operation: 'void', authorizationId: sent.authorizationId, mode: 'timeout_before' });
    await cancelGiftByGiver(sent.giver.id, sent.orderId);
    // The cancel stands (the giver sees it), but the hold could not be released yet.
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'authorized' });
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ status: 'held' });

    await sweepAbandonedHolds();
    expect(await paymentOf(sent.orderId)).toMatchObject({ status: 'voided' });
    expect(await sandboxControls.inspect(sent.authorizationId)).toMatchObject({ status: 'voided' });
  });
});

describe('housekeeping', () => {
  it('purges rate-limit windows and one-time codes older than a day, and keeps recent ones', async () => {
    const db = await getDb();
    const k = randomUUID();
    await db.insert(rateLimitBuckets).values([
      { key: `old:${k}`, windowStart: minutesAgo(2 * 24 * 60), hits: 3 },
      { key: `new:${k}`, windowStart: new Date(), hits: 1 },
    ]);
    const dest = `purge-${k}@example.test`;
    await db.insert(otpCodes).values([
      { channel: 'email', destination: dest, purpose: 'sign_in', codeHash: 'x', expiresAt: minutesAgo(2 * 24 * 60 - 10), createdAt: minutesAgo(2 * 24 * 60) },
      { channel: 'email', destination: dest, purpose: 'sign_in', codeHash: 'y', expiresAt: new Date(Date.now() + 600_000) },
    ]);
    expect(await purgeExpiredRecords()).toBeGreaterThanOrEqual(2);
    expect((await db.select().from(rateLimitBuckets).where(sql`${rateLimitBuckets.key} like ${'%' + k}`)).map((r) => r.key)).toEqual([`new:${k}`]);
    expect((await db.select().from(otpCodes).where(eq(otpCodes.destination, dest))).map((r) => r.codeHash)).toEqual(['y']);
  });
});

describe('runJobsOnce', () => {
  it('runs every job and reports each, so a scheduler sees what was done', async () => {
    const { report, failures } = await runJobsOnce();
    expect(failures).toEqual([]);
    for (const job of ['expired', 'reminded', 'settled', 'sweptHolds', 'orphanedHolds', 'restocked', 'purged', 'sent', 'sentAfter']) expect(report[job]).toEqual(expect.any(Number));
  });
});
