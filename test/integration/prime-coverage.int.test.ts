import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/index';
import { createSeller } from '../../db/seed/factories';
import { setUpPrimeShipping } from '../../db/seed/prime';
import { coverageForSellers } from '@/lib/prime/coverage';
import { ZIP3_TABLE } from '@/lib/shipping/geo';
import { coverageBySeller, sellerOperationsSummary } from '@/lib/shipping/operations';
import { coverageOf, type PromiseLevel } from '@/lib/shipping/rules';
import { createTemplate, getTemplate } from '@/lib/shipping/templates';

// The coverage half of the daily evaluation reads shipping set-based (one row per seller, never sellers x ZIP3s):
// these tests check those figures against the pure rules on sellers set up through the shipping settings functions.

async function shippingSeller(opts: Parameters<typeof setUpPrimeShipping>[1] = {}) {
  const { seller } = await createSeller({ primeEligible: true });
  const { shipFromId } = await setUpPrimeShipping(seller.id, { template: false, ...opts });
  return { seller, shipFromId };
}

describe('coverage by seller', () => {
  it('one template: its stored coverage; two templates: the best promise per ZIP3 of both, as coverageOf computes it', async () => {
    const single = await shippingSeller();
    const double = await shippingSeller();
    const { id: a } = await createTemplate(single.seller.id, { name: 'Auto', sizeTier: 'standard', shipFromId: single.shipFromId, automated: true, regions: [] });
    // Two hand-made templates: one day to the Rockies, two days to the East Coast.
    const { id: b1 } = await createTemplate(double.seller.id, {
      name: 'Rockies',
      sizeTier: 'standard',
      shipFromId: double.shipFromId,
      automated: false,
      regions: ['CO', 'WY', 'UT'].map((code) => ({ kind: 'state' as const, code, level: 'one_day' as const })),
    });
    const { id: b2 } = await createTemplate(double.seller.id, {
      name: 'East',
      sizeTier: 'standard',
      shipFromId: double.shipFromId,
      automated: false,
      regions: ['NY', 'NJ', 'PA', 'MA'].map((code) => ({ kind: 'state' as const, code, level: 'two_day' as const })),
    });

    const cov = await coverageBySeller([single.seller.id, double.seller.id]);
    const t = (await getTemplate(single.seller.id, a))!;
    expect(cov.get(single.seller.id)).toEqual({ oneDayShare: t.oneDayShare, twoDayShare: t.twoDayShare, nationwide: t.nationwide, missingStates: t.missingStates, standardTemplates: 1 });

    const rank: Record<PromiseLevel, number> = { one_day: 1, two_day: 2, standard: 3 };
    const union = new Map<string, { level: PromiseLevel }>();
    for (const id of [b1, b2])
      for (const p of (await getTemplate(double.seller.id, id))!.promises) {
        const had = union.get(p.zip3);
        if (!had || rank[p.level] < rank[had.level]) union.set(p.zip3, { level: p.level });
      }
    const { states: _states, ...expected } = coverageOf(union, ZIP3_TABLE);
    const got = cov.get(double.seller.id)!;
    expect(got.standardTemplates).toBe(2);
    expect(got.missingStates).toEqual(expected.missingStates);
    expect(got.nationwide).toBe(expected.nationwide);
    expect(got.oneDayShare).toBeCloseTo(expected.oneDayShare, 9);
    expect(got.twoDayShare).toBeCloseTo(expected.twoDayShare, 9);
    // Each template alone leaves out the other's states; together they cover both.
    const rockies = (await getTemplate(double.seller.id, b1))!;
    expect(rockies.missingStates).toContain('NY');
    expect(got.missingStates).not.toContain('NY');
    expect(got.missingStates).not.toContain('CO');
    expect(got.missingStates).toHaveLength(49 - 7);
    expect(got.twoDayShare).toBeGreaterThan(rockies.twoDayShare);
    expect(got.oneDayShare).toBeCloseTo(rockies.oneDayShare, 9);
  });

  it('a seller without a template: nothing covered, every state missing; asked for all sellers, only sellers with templates answer', async () => {
    const bare = await shippingSeller();
    const withOne = await shippingSeller();
    await createTemplate(withOne.seller.id, { name: 'Auto', sizeTier: 'standard', shipFromId: withOne.shipFromId, automated: true, regions: [] });
    const asked = (await coverageBySeller([bare.seller.id])).get(bare.seller.id)!;
    expect(asked).toMatchObject({ oneDayShare: 0, twoDayShare: 0, nationwide: false, standardTemplates: 0 });
    expect(asked.missingStates).toHaveLength(49);
    const all = await coverageBySeller();
    expect(all.has(bare.seller.id)).toBe(false);
    expect(all.get(withOne.seller.id)).toMatchObject({ nationwide: true, standardTemplates: 1 });
  });
});

describe('operations summary of many sellers in one pass', () => {
  it('keeps each seller’s days, cut-off issues and early pickups apart', async () => {
    const good = await shippingSeller();
    const earlySaturday = await shippingSeller({ saturdayCutoff: '09:30' });
    const earlyPickup = await shippingSeller({ pickup: '15:00', cutoff: '14:30' });
    const noWeekend = await shippingSeller({ services: ['fedex-home-delivery'] });
    const all = await sellerOperationsSummary(undefined);
    const g = all.get(good.seller.id)!;
    expect(g).toMatchObject({ operatingDays: [1, 2, 3, 4, 5, 6], weekendOperations: true, cutoffCompliant: true, cutoffIssues: [], earlyPickups: [], earlyPickupDays: [] });
    expect(g.weekendDeliveryServices).toEqual(['ups-2nd-day-air', 'ups-next-day-air', 'usps-priority-mail']);
    const s = all.get(earlySaturday.seller.id)!;
    expect(s).toMatchObject({ cutoffCompliant: false, cutoffIssueDays: [6], earlyPickupDays: [] });
    expect(s.cutoffIssues).toHaveLength(2); // one line per carrier (UPS, USPS) the seller hands Saturday parcels to
    expect(s.cutoffIssues[0]).toMatch(/^Main warehouse, UPS, Saturday: .*10:30/);
    const p = all.get(earlyPickup.seller.id)!;
    expect(p).toMatchObject({ cutoffCompliant: true, cutoffIssueDays: [], earlyPickupDays: [1, 2, 3, 4, 5, 6] });
    expect(p.earlyPickups.every((l) => l.includes('16:00'))).toBe(true);
    expect(all.get(noWeekend.seller.id)).toMatchObject({ weekendDelivery: false, weekendDeliveryServices: [] });

    // The metrics the evaluation derives from them: the days that fail, out of the operating days.
    const figures = await coverageForSellers(await getDb(), [good.seller.id, earlySaturday.seller.id, earlyPickup.seller.id]);
    expect(figures.get(good.seller.id)!.cutoff).toEqual({ num: 6, den: 6 });
    expect(figures.get(earlySaturday.seller.id)!.cutoff).toEqual({ num: 5, den: 6 });
    // Pickups before 16:00 fail the day too (a requirement of the program, not only a warning).
    expect(figures.get(earlyPickup.seller.id)!.cutoff).toEqual({ num: 0, den: 6 });
  });
});
