import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb, rows } from '../../db/index';
import { createSeller } from '../../db/seed/factories';
import { setUpPrimeShipping } from '../../db/seed/prime';
import { ZIP3_TABLE } from '@/lib/shipping/geo';
import { coverageBySeller, sellerOperationsSummary } from '@/lib/shipping/operations';
import { coverageOf, type PromiseLevel } from '@/lib/shipping/rules';
import { saveHandling, saveServices, saveShipFrom } from '@/lib/shipping/settings';
import { createTemplate, getTemplate, updateTemplate } from '@/lib/shipping/templates';

// A seller with several standard-size templates keeps their combined coverage in seller_combined_coverage, and every
// seller what the evaluation needs of its handling week and services in seller_operations (the daily evaluation reads
// those rows instead of every ZIP3 promise and handling row each day). These tests change the templates and
// services through the settings functions and check the figures against the pure rules each time.

const rank: Record<PromiseLevel, number> = { one_day: 1, two_day: 2, standard: 3 };

// What coverageOf says of the union of the templates' promises (the best level per ZIP3).
async function unionOf(sellerId: string, templateIds: string[]) {
  const union = new Map<string, { level: PromiseLevel }>();
  for (const id of templateIds)
    for (const p of (await getTemplate(sellerId, id))!.promises) {
      const had = union.get(p.zip3);
      if (!had || rank[p.level] < rank[had.level]) union.set(p.zip3, { level: p.level });
    }
  const { states: _states, ...expected } = coverageOf(union, ZIP3_TABLE);
  return expected;
}

async function storedRow(sellerId: string) {
  const db = await getDb();
  const [r] = rows<{ key: string; one: number; two: number; missing: string[] }>(
    await db.execute(sql`select templates_key as key, one_day_share as one, two_day_share as two, missing_states as missing from seller_combined_coverage where seller_id = ${sellerId}::uuid`),
  );
  return r ?? null;
}

function expectSame(got: { oneDayShare: number; twoDayShare: number; missingStates: string[]; nationwide: boolean }, expected: Awaited<ReturnType<typeof unionOf>>) {
  expect(got.missingStates).toEqual(expected.missingStates);
  expect(got.nationwide).toBe(expected.nationwide);
  expect(got.oneDayShare).toBeCloseTo(expected.oneDayShare, 9);
  expect(got.twoDayShare).toBeCloseTo(expected.twoDayShare, 9);
}

async function twoTemplateSeller() {
  const { seller } = await createSeller({ primeEligible: true });
  const { shipFromId } = await setUpPrimeShipping(seller.id, { template: false });
  const { id: rockies } = await createTemplate(seller.id, {
    name: 'Rockies',
    sizeTier: 'standard',
    shipFromId,
    automated: false,
    regions: ['CO', 'WY', 'UT'].map((code) => ({ kind: 'state' as const, code, level: 'one_day' as const })),
  });
  const east = ['NY', 'NJ', 'PA', 'MA'];
  const { id: eastId } = await createTemplate(seller.id, {
    name: 'East',
    sizeTier: 'standard',
    shipFromId,
    automated: false,
    regions: east.map((code) => ({ kind: 'state' as const, code, level: 'two_day' as const })),
  });
  return { seller, shipFromId, rockies, east: eastId, eastStates: east };
}

describe('stored combined coverage', () => {
  it('is written when the second template is created and rewritten when a template changes, always equal to the union', async () => {
    const s = await twoTemplateSeller();
    const before = await unionOf(s.seller.id, [s.rockies, s.east]);
    const stored = await storedRow(s.seller.id);
    expect(stored).not.toBeNull();
    expectSame({ oneDayShare: Number(stored!.one), twoDayShare: Number(stored!.two), missingStates: stored!.missing, nationwide: stored!.missing.length === 0 }, before);
    expectSame((await coverageBySeller([s.seller.id])).get(s.seller.id)!, before);

    // The East template now also reaches Florida and Georgia in two days.
    await updateTemplate(s.seller.id, s.east, {
      name: 'East',
      shipFromId: s.shipFromId,
      automated: false,
      isDefault: false,
      regions: [...s.eastStates, 'FL', 'GA'].map((code) => ({ kind: 'state' as const, code, level: 'two_day' as const })),
    });
    const after = await unionOf(s.seller.id, [s.rockies, s.east]);
    expect(before.missingStates).toContain('FL');
    expect(after.missingStates).not.toContain('FL');
    expect(after.twoDayShare).toBeGreaterThan(before.twoDayShare);
    const got = (await coverageBySeller([s.seller.id])).get(s.seller.id)!;
    expect(got.standardTemplates).toBe(2);
    expectSame(got, after);
    expectSame((await coverageBySeller()).get(s.seller.id)!, after);
    const rewritten = await storedRow(s.seller.id);
    expect(rewritten!.key).not.toBe(stored!.key);
    expect(rewritten!.missing).toEqual(after.missingStates);
  });

  it('follows a service change: the automated template is recomputed and so is the combined coverage', async () => {
    const { seller } = await createSeller({ primeEligible: true });
    const { shipFromId, templateId: automated } = await setUpPrimeShipping(seller.id);
    const { id: east } = await createTemplate(seller.id, {
      name: 'East',
      sizeTier: 'standard',
      shipFromId,
      automated: false,
      regions: ['NY', 'NJ'].map((code) => ({ kind: 'state' as const, code, level: 'two_day' as const })),
    });
    const before = (await coverageBySeller()).get(seller.id)!;
    expectSame(before, await unionOf(seller.id, [automated!, east]));
    // Next-day air off: the automated template loses its one-day ZIP3s beyond ground's reach.
    await saveServices(seller.id, {
      services: ['ups-ground', 'ups-2nd-day-air', 'ups-next-day-air', 'usps-priority-mail'].map((serviceId) => ({ serviceId, enabled: serviceId !== 'ups-next-day-air', maxZone: 8 })),
    });
    const after = await unionOf(seller.id, [automated!, east]);
    expect(after.oneDayShare).toBeLessThan(before.oneDayShare);
    expectSame((await coverageBySeller()).get(seller.id)!, after);
    expectSame((await coverageBySeller([seller.id])).get(seller.id)!, after);
  });

  it('is read while it matches the templates, and combined again once it does not (a row written by anything else)', async () => {
    const s = await twoTemplateSeller();
    const expected = await unionOf(s.seller.id, [s.rockies, s.east]);
    const db = await getDb();
    // Same key, other figures: the stored row is what the reads return (nothing is recombined).
    await db.execute(sql`update seller_combined_coverage set one_day_share = 0.5 where seller_id = ${s.seller.id}::uuid`);
    expect((await coverageBySeller([s.seller.id])).get(s.seller.id)!.oneDayShare).toBe(0.5);
    // A key that no longer names the seller's templates: combined again, and stored again.
    await db.execute(sql`update seller_combined_coverage set templates_key = 'written elsewhere' where seller_id = ${s.seller.id}::uuid`);
    expectSame((await coverageBySeller()).get(s.seller.id)!, expected);
    expect(Number((await storedRow(s.seller.id))!.one)).toBeCloseTo(expected.oneDayShare, 9);
    // No row at all (templates written by a seed or an import): combined, and stored.
    await db.execute(sql`delete from seller_combined_coverage where seller_id = ${s.seller.id}::uuid`);
    expectSame((await coverageBySeller([s.seller.id])).get(s.seller.id)!, expected);
    expect(await storedRow(s.seller.id)).not.toBeNull();
  });
});

const ALL = ['ups-ground', 'ups-2nd-day-air', 'ups-next-day-air', 'usps-priority-mail'];
const week = (opts: { saturday: boolean; wednesday?: { orderCutoff: string; lastPickup: string } }) =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
    weekday,
    operating: weekday === 6 ? opts.saturday : weekday !== 0,
    orderCutoff: weekday === 3 && opts.wednesday ? opts.wednesday.orderCutoff : weekday === 6 ? '11:00' : '15:00',
    lastPickup: weekday === 3 && opts.wednesday ? opts.wednesday.lastPickup : '17:00',
  }));

describe('stored operations (handling week and services)', () => {
  it('follow every settings change: a handling week, a service, a location’s weekend days', async () => {
    const { seller } = await createSeller({ primeEligible: true });
    const { shipFromId } = await setUpPrimeShipping(seller.id);
    const summary = async () => {
      const one = (await sellerOperationsSummary([seller.id])).get(seller.id)!;
      // Asked for one seller or for all, the same row answers.
      expect((await sellerOperationsSummary()).get(seller.id)).toEqual(one);
      return one;
    };
    expect(await summary()).toMatchObject({ operatingDays: [1, 2, 3, 4, 5, 6], weekendOperations: true, cutoffCompliant: true, earlyPickupDays: [] });

    // UPS stops on Saturdays and picks up early on Wednesdays; USPS still works Saturdays.
    await saveHandling(seller.id, 'not_enrolled', { shipFromId, carrier: 'UPS', days: week({ saturday: false, wednesday: { orderCutoff: '13:00', lastPickup: '15:00' } }) });
    let s = await summary();
    expect(s.operatingDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.cutoffCompliant).toBe(false);
    expect(s.cutoffIssueDays).toEqual([3]);
    expect(s.earlyPickupDays).toEqual([3]);

    // Priority Mail off: USPS's rows no longer count, so Saturday goes with it.
    await saveServices(seller.id, { services: ALL.map((serviceId) => ({ serviceId, enabled: serviceId !== 'usps-priority-mail', maxZone: 8 })) });
    s = await summary();
    expect(s.operatingDays).toEqual([1, 2, 3, 4, 5]);
    expect(s.weekendOperations).toBe(false);

    // Back on, then the location stops operating on Saturdays: Saturday goes again.
    await saveServices(seller.id, { services: ALL.map((serviceId) => ({ serviceId, enabled: true, maxZone: 8 })) });
    expect((await summary()).operatingDays).toEqual([1, 2, 3, 4, 5, 6]);
    await saveShipFrom(seller.id, { id: shipFromId, name: 'Main warehouse', line1: '4800 Dahlia St', line2: '', city: 'Denver', state: 'CO', zip: '80216', timeZone: 'America/Denver', saturdayOperations: false, sundayOperations: false });
    s = await summary();
    expect(s.operatingDays).toEqual([1, 2, 3, 4, 5]);
    expect(s.cutoffIssueDays).toEqual([3]);

    // Every service off: no operations at all, and the seller is no longer among those with settings.
    await saveServices(seller.id, { services: ALL.map((serviceId) => ({ serviceId, enabled: false, maxZone: 8 })) });
    expect((await sellerOperationsSummary([seller.id])).get(seller.id)).toMatchObject({ operatingDays: [], weekendDeliveryServices: [], cutoffCompliant: false });
    expect((await sellerOperationsSummary()).has(seller.id)).toBe(false);
  });

  it('settings written without lib/shipping (a seed) are computed and stored on the first read; a seller without settings stores nothing', async () => {
    const { seller } = await createSeller({ primeEligible: true });
    const { seller: bare } = await createSeller({ primeEligible: true });
    const db = await getDb();
    expect((await sellerOperationsSummary([bare.id])).get(bare.id)).toMatchObject({ operatingDays: [], weekendDelivery: false });
    await setUpPrimeShipping(seller.id, { saturdayCutoff: '10:00' });
    await setUpPrimeShipping(bare.id);
    const count = async (id: string) => rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from seller_operations where seller_id = ${id}::uuid`))[0].n;
    expect(await count(seller.id)).toBe(0);
    expect(await count(bare.id)).toBe(0);
    const all = await sellerOperationsSummary();
    expect(all.get(seller.id)).toMatchObject({ operatingDays: [1, 2, 3, 4, 5, 6], cutoffIssueDays: [6] });
    expect(all.get(bare.id)).toMatchObject({ operatingDays: [1, 2, 3, 4, 5, 6], cutoffCompliant: true });
    expect(await count(seller.id)).toBe(1);
    expect(await count(bare.id)).toBe(1);
  });
});
