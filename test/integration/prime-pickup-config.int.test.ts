import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/index';
import { primeEvaluationRuns, primeEvaluations, primeStatusChanges, sellers } from '../../db/schema';
import { createSeller } from '../../db/seed/factories';
import { insertFacts, setUpPrimeShipping } from '../../db/seed/prime';
import { evaluateDay } from '@/lib/prime/evaluation';
import { addDays } from '@/lib/prime/rules';

// The earliest carrier pickup is a requirement read from the configuration (SFP_PICKUP_EARLIEST): here 17:30, so a
// seller whose carrier comes at 17:00 (fine by the default 16:00) fails cut-off compliance and is revoked.
vi.mock('@/lib/config', async (importOriginal) => {
  const m = await importOriginal<typeof import('@/lib/config')>();
  const c = m.parseConfig({ ...process.env, SFP_PICKUP_EARLIEST: '17:30' });
  return { ...m, config: () => c };
});

describe('cut-off compliance follows the configured earliest pickup', () => {
  it('a 17:00 pickup fails against 17:30: the day’s evaluation revokes an enrolled seller on cut-off times', async () => {
    const db = await getDb();
    const day = addDays('2040-01-01', Math.floor(Math.random() * 20_000));
    const late = await createSeller({ primeEligible: true });
    const ontime = await createSeller({ primeEligible: true });
    await setUpPrimeShipping(late.seller.id, { pickup: '17:00' });
    await setUpPrimeShipping(ontime.seller.id, { pickup: '18:00' });
    const order = (sellerId: string) => ({
      sellerId,
      purchasedAt: new Date(`${addDays(day, -3)}T09:00:00Z`),
      expectedShipDate: addDays(day, -3),
      promisedDeliveryDate: addDays(day, -1),
      latestShipAt: new Date(`${addDays(day, -3)}T23:59:00Z`),
      promisedDeliveryBy: new Date(`${addDays(day, -1)}T20:00:00Z`),
      trackingId: `1Z${Math.random().toString(36).slice(2, 12)}`,
      labelSource: 'buy_shipping' as const,
      claimsProtected: true,
      firstScanAt: new Date(`${addDays(day, -3)}T17:30:00Z`),
      clockStopAt: new Date(`${addDays(day, -1)}T12:00:00Z`),
    });
    await insertFacts(db, [order(late.seller.id), order(ontime.seller.id)]);
    await evaluateDay(day);

    const rows = await db.select().from(primeEvaluations).where(and(eq(primeEvaluations.evaluatedOn, day), inArray(primeEvaluations.sellerId, [late.seller.id, ontime.seller.id])));
    const l = rows.find((r) => r.sellerId === late.seller.id)!;
    const o = rows.find((r) => r.sellerId === ontime.seller.id)!;
    expect(l).toMatchObject({ cutoffNum: 0, cutoffDen: 6, failing: ['cutoff_compliance'] });
    const [run] = await db.select().from(primeEvaluationRuns).where(eq(primeEvaluationRuns.day, day));
    expect(run.thresholds).toMatchObject({ pickupEarliest: '17:30' });
    expect(o).toMatchObject({ cutoffNum: 6, cutoffDen: 6, failing: [] });
    const [s] = await db.select({ status: sellers.primeStatus, eligible: sellers.primeEligible }).from(sellers).where(eq(sellers.id, late.seller.id));
    expect(s).toEqual({ status: 'ineligible', eligible: false });
    const [change] = await db.select().from(primeStatusChanges).where(eq(primeStatusChanges.sellerId, late.seller.id));
    expect(change).toMatchObject({ cause: 'revoked', failing: ['cutoff_compliance'] });
  });
});
