import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb, rows } from '../../db/index';
import { primeEvaluations, primeStatusChanges, sellers } from '../../db/schema';
import { createOffer, createSeller } from '../../db/seed/factories';
import { insertFacts } from '../../db/seed/prime';
import { getOfferById } from '@/lib/catalog/queries';
import { evaluateDay } from '@/lib/prime/evaluation';
import { addDays } from '@/lib/prime/rules';

// The revocation email can't be written (the outbox fails): the whole day rolls back, so the badge, the status,
// the evaluation row, the history and the day's claim all stay as they were. They are one transaction.
vi.mock('@/lib/notifications/outbox', () => ({
  enqueueMessages: vi.fn(async (_tx: unknown, msgs: unknown[]) => {
    if (msgs.length > 0) throw new Error('outbox unavailable');
    return [];
  }),
}));

describe('revocation is all or nothing', () => {
  it('a failure while revoking leaves the badge on and nothing half-written', async () => {
    const db = await getDb();
    const day = addDays('2040-01-01', Math.floor(Math.random() * 20_000));
    const { seller } = await createSeller({ primeEligible: true });
    const offer = await createOffer({ sellerId: seller.id });
    await insertFacts(db, [{ sellerId: seller.id, purchasedAt: new Date(`${addDays(day, -3)}T09:00:00Z`), cancelledAt: new Date(`${addDays(day, -3)}T10:00:00Z`), cancelActor: 'seller', cancelReason: 'Out of stock' }]);
    await expect(evaluateDay(day)).rejects.toThrow('outbox unavailable');
    const [s] = await db.select({ status: sellers.primeStatus, eligible: sellers.primeEligible }).from(sellers).where(eq(sellers.id, seller.id));
    expect(s).toEqual({ status: 'enrolled', eligible: true });
    expect((await getOfferById(offer.id))!.prime).toBe(true);
    expect(await db.select().from(primeEvaluations).where(eq(primeEvaluations.sellerId, seller.id))).toHaveLength(0);
    expect(await db.select().from(primeStatusChanges).where(eq(primeStatusChanges.sellerId, seller.id))).toHaveLength(0);
    expect(rows(await db.execute(sql`select 1 from prime_evaluation_runs where day = ${day}::date`))).toHaveLength(0);
  });
});
