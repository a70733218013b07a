import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb, rows } from '../../db/index';
import { createSeller } from '../../db/seed/factories';
import { setUpPrimeShipping } from '../../db/seed/prime';
import { ZIP3_TABLE } from '@/lib/shipping/geo';
import { coverageBySeller } from '@/lib/shipping/operations';
import { coverageOf, type PromiseLevel } from '@/lib/shipping/rules';
import { saveServices } from '@/lib/shipping/settings';
import { createTemplate, getTemplate, updateTemplate } from '@/lib/shipping/templates';

// A seller with several standard-size templates keeps their combined coverage in seller_combined_coverage (the daily
// evaluation reads that row instead of combining every ZIP3 promise each day). These tests change the templates and
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
