import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/index';
import { createSeller } from '../../db/seed/factories';
import { seedCarrierServices } from '../../db/seed/shipping';
import { coverageForSellers } from '@/lib/prime/coverage';
import { ZIP3_TABLE } from '@/lib/shipping/geo';
import { coverageBySeller, sellerOperationsSummary } from '@/lib/shipping/operations';
import { coverageOf, type PromiseLevel } from '@/lib/shipping/rules';
import { saveHandling, saveServices, saveShipFrom } from '@/lib/shipping/settings';
import { createTemplate, getTemplate } from '@/lib/shipping/templates';

// The coverage half of the daily evaluation reads shipping set-based (one row per seller, never sellers x ZIP3s):
// these tests check those figures against the pure rules on sellers set up through the shipping settings functions.

type Week = { cutoff?: string; saturdayCutoff?: string; pickup?: string; saturdayPickup?: string };

async function shippingSeller(opts: { services?: string[]; maxZone?: number; week?: Week; zip?: string } = {}) {
  await seedCarrierServices(await getDb());
  const { seller } = await createSeller({ primeEligible: true });
  const { id: shipFromId } = await saveShipFrom(seller.id, { name: 'Main warehouse', line1: '1 Dock Rd', city: 'Denver', state: 'CO', zip: opts.zip ?? '80216', timeZone: 'America/Denver', saturdayOperations: true, sundayOperations: false });
  const services = opts.services ?? ['ups-ground', 'ups-2nd-day-air', 'usps-priority-mail'];
  await saveServices(seller.id, { services: services.map((serviceId) => ({ serviceId, enabled: true, maxZone: opts.maxZone ?? 8 })) });
  const w = opts.week ?? {};
  const days = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
    weekday,
    operating: weekday !== 0,
    orderCutoff: weekday === 6 ? (w.saturdayCutoff ?? '11:00') : (w.cutoff ?? '15:00'),
    lastPickup: weekday === 6 ? (w.saturdayPickup ?? w.pickup ?? '17:00') : (w.pickup ?? '17:00'),
  }));
  // Saved as a seller outside the program, so a time the Prime rules refuse can still be stored (a seller who joins
  // later with those times is what the evaluation must catch).
  for (const carrier of [...new Set(services.map((s) => (s.startsWith('ups') ? 'UPS' : s.startsWith('usps') ? 'USPS' : 'FedEx')))] as ('UPS' | 'USPS' | 'FedEx')[])
    await saveHandling(seller.id, 'not_enrolled', { shipFromId, carrier, days });
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
    const earlySaturday = await shippingSeller({ week: { saturdayCutoff: '09:30' } });
    const earlyPickup = await shippingSeller({ week: { pickup: '15:00', cutoff: '14:30' } });
    const noWeekend = await shippingSeller({ services: ['fedex-home-delivery'] });
    const all = await sellerOperationsSummary(undefined);
    const g = all.get(good.seller.id)!;
    expect(g).toMatchObject({ operatingDays: [1, 2, 3, 4, 5, 6], weekendOperations: true, cutoffCompliant: true, cutoffIssues: [], earlyPickups: [], earlyPickupDays: [] });
    expect(g.weekendDeliveryServices).toEqual(['ups-2nd-day-air', 'usps-priority-mail']);
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
  });
});
