import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/index';
import { outboxMessages, plansOfAction, primeStatusChanges, sellers } from '../../db/schema';
import { createOffer, createSeller, createUser } from '../../db/seed/factories';
import { createRevokedSeller, generateFacts, insertFacts } from '../../db/seed/prime';
import { getOfferById } from '@/lib/catalog/queries';
import { listDefects } from '@/lib/prime/defects';
import { approvePlan, getPlanDraft, getSellerPlan, listPlanQueue, rejectPlan, startTrial, submitPlan } from '@/lib/prime/plans';
import { defectMarks, type OrderFact } from '@/lib/prime/rules';

const text = {
  problem: 'Too many labels were bought outside Buy Shipping last month.',
  rootCause: 'A temporary worker used our own carrier account for two weeks.',
  preventiveSteps: 'The carrier account is closed and every label now goes through Buy Shipping.',
};

async function revokedSeller() {
  const db = await getDb();
  const s = await createSeller({ primeEligible: true });
  const offers = [await createOffer({ sellerId: s.seller.id }), await createOffer({ sellerId: s.seller.id })];
  await createRevokedSeller(db, { sellerId: s.seller.id, days: 30, perDay: 3, externalPerMille: 300, failing: ['buy_shipping'] });
  return { ...s, offers };
}

describe('plans of action', () => {
  it('pre-fills the failing metric, its figures and the defect orders behind it', async () => {
    const { seller } = await revokedSeller();
    const draft = await getPlanDraft(seller.id);
    expect(draft).not.toBeNull();
    const m = draft!.snapshot.metrics.find((x) => x.metric === 'buy_shipping')!;
    // 3 a day for 30 days (today's later orders are not placed yet), 30% on labels bought elsewhere.
    expect(m.den).toBeGreaterThan(80);
    expect(m.num).toBeLessThan(m.den * 0.9);
    const orders = draft!.snapshot.defectOrderIds.find((x) => x.metric === 'buy_shipping')!.orderIds;
    expect(orders.length).toBe(Math.min(20, m.den - m.num));
    const db = await getDb();
    const page = await listDefects(db, { sellerId: seller.id, filter: 'outside_buy_shipping', limit: 100 });
    expect(page.rows).toHaveLength(m.den - m.num);
    expect(page.rows.map((r) => r.orderId)).toEqual(expect.arrayContaining(orders));
  });

  it('approval restores eligibility and the badge on every offer, records who and when, and emails the seller', async () => {
    const db = await getDb();
    const { seller, user, offers } = await revokedSeller();
    for (const o of offers) expect((await getOfferById(o.id))!.prime).toBe(false);
    const plan = await submitPlan(seller.id, text);
    const queue = await listPlanQueue({ limit: 500 });
    const mine = queue.items.find((i) => i.plan.id === plan.id)!;
    expect(mine.seller!.status).toBe('ineligible');
    const ops = await createUser({ role: 'ops' });
    await approvePlan(plan.id, ops.id, 'Looks right.');
    const [s] = await db.select().from(sellers).where(eq(sellers.id, seller.id));
    expect(s).toMatchObject({ primeStatus: 'enrolled', primeEligible: true });
    for (const o of offers) expect((await getOfferById(o.id))!.prime).toBe(true);
    const stored = (await getSellerPlan(seller.id, plan.id))!;
    expect(stored).toMatchObject({ status: 'approved', reviewerId: ops.id, reviewNote: 'Looks right.' });
    expect(stored.approvedAt).toBeInstanceOf(Date);
    const history = await db.select().from(primeStatusChanges).where(eq(primeStatusChanges.sellerId, seller.id));
    expect(history.map((h) => h.cause).sort()).toEqual(['plan_approved', 'revoked']);
    expect(history.find((h) => h.cause === 'plan_approved')).toMatchObject({ actorUserId: ops.id, planId: plan.id, toStatus: 'enrolled' });
    const mail = await db.select().from(outboxMessages).where(eq(outboxMessages.recipient, user.email!));
    expect(mail.map((m) => m.template)).toEqual(['prime_plan_approved']);
    // Decided once: a second approval or a rejection now fails.
    await expect(approvePlan(plan.id, ops.id, 'Again')).rejects.toThrow('already been decided');
    await expect(rejectPlan(plan.id, ops.id, 'Changed my mind')).rejects.toThrow('already been decided');
    // Restored: no plan can be created now.
    await expect(submitPlan(seller.id, text)).rejects.toThrow(/only be submitted after a revocation/);
  });

  it('one open plan per seller; a rejection emails the reasons and the seller may submit again', async () => {
    const db = await getDb();
    const { seller, user } = await revokedSeller();
    const first = await submitPlan(seller.id, text);
    await expect(submitPlan(seller.id, text)).rejects.toThrow(/only be submitted after a revocation, and only one at a time|already have a plan/);
    const ops = await createUser({ role: 'ops' });
    await rejectPlan(first.id, ops.id, 'Say which carrier account and since when.');
    const [s] = await db.select().from(sellers).where(eq(sellers.id, seller.id));
    expect(s).toMatchObject({ primeStatus: 'ineligible', primeEligible: false });
    const mail = await db.select().from(outboxMessages).where(eq(outboxMessages.recipient, user.email!));
    expect(mail[0].body).toContain('Say which carrier account and since when.');
    const second = await submitPlan(seller.id, text);
    expect(second.id).not.toBe(first.id);
    const plans = await db.select().from(plansOfAction).where(eq(plansOfAction.sellerId, seller.id));
    expect(plans.map((p) => p.status).sort()).toEqual(['rejected', 'submitted']);
    expect(new Set(plans.map((p) => p.revocationId)).size).toBe(1);
  });

  it('a seller that was never revoked cannot submit a plan, and cannot read another seller’s plan', async () => {
    const { seller } = await createSeller({ primeEligible: true });
    await expect(submitPlan(seller.id, text)).rejects.toThrow(/only be submitted after a revocation/);
    const other = await revokedSeller();
    const plan = await submitPlan(other.seller.id, text);
    expect(await getSellerPlan(seller.id, plan.id)).toBeNull();
  });
});

describe('trial', () => {
  it('starts only for a pre-qualified seller (90 days, 100 packages, low late-shipment and cancellation rates)', async () => {
    const db = await getDb();
    const few = await createSeller({ primeEligible: false });
    await generateFacts(db, [{ sellerId: few.seller.id, profile: { perDay: 1 } }], { toDay: new Date().toISOString().slice(0, 10), days: 60 });
    await expect(startTrial(few.seller.id, few.user.id)).rejects.toThrow(/of the 100 seller-fulfilled packages/);
    const ready = await createSeller({ primeEligible: false });
    await generateFacts(db, [{ sellerId: ready.seller.id, profile: { perDay: 2 } }], { toDay: new Date().toISOString().slice(0, 10), days: 90 });
    await startTrial(ready.seller.id, ready.user.id);
    const [s] = await db.select().from(sellers).where(eq(sellers.id, ready.seller.id));
    expect(s.primeStatus).toBe('trial');
    expect(s.primeEligible).toBe(false);
    expect(s.trialStartedAt).toBeInstanceOf(Date);
    await expect(startTrial(ready.seller.id, ready.user.id)).rejects.toThrow(/only start from "Not enrolled"/);
  });
});

describe('defect report', () => {
  it('marks each order as the pure rules do, and pages with a keyset without gaps or repeats', async () => {
    const db = await getDb();
    const { seller } = await createSeller({ primeEligible: false });
    await generateFacts(db, [{ sellerId: seller.id, profile: { perDay: 7, lateShipPerMille: 150, lateDeliveryPerMille: 200, noScanPerMille: 80, externalLabelPerMille: 200, sellerCancelPerMille: 60, giftDeclinedPerMille: 60 } }], {
      toDay: new Date().toISOString().slice(0, 10),
      days: 20,
    });
    await insertFacts(db, [{ sellerId: seller.id, purchasedAt: new Date(Date.now() - 86_400_000), cancelledAt: new Date(), cancelActor: 'seller', cancelReason: 'Out of stock' }]);
    const asOf = new Date();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listDefects>> = await listDefects(db, { sellerId: seller.id, filter: 'all', cursor, limit: 17 }, asOf);
      seen.push(...page.rows.map((r) => r.orderId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const { sfpOrderFacts } = await import('../../db/schema');
    const all = (await db.select().from(sfpOrderFacts).where(eq(sfpOrderFacts.sellerId, seller.id))) as unknown as (OrderFact & { orderId: string })[];
    expect(seen.length).toBe(all.length);
    const byId = new Map(all.map((f) => [f.orderId, f]));
    for (const filter of ['late_delivery', 'cancelled_by_seller', 'invalid_tracking', 'late_shipment', 'outside_buy_shipping'] as const) {
      const listed = (await listDefects(db, { sellerId: seller.id, filter, limit: 1000 }, asOf)).rows;
      const expected = all.filter((f) => defectMarks(f, asOf)[filter]).map((f) => f.orderId);
      expect(listed.map((r) => r.orderId).sort()).toEqual(expected.sort());
      for (const r of listed) expect(r.marks).toEqual(defectMarks(byId.get(r.orderId)!, asOf));
    }
  });

  it('rejects a forged cursor and never lists another seller’s orders', async () => {
    const db = await getDb();
    const a = await createSeller({ primeEligible: false });
    const b = await createSeller({ primeEligible: false });
    await generateFacts(db, [{ sellerId: b.seller.id, profile: { perDay: 3 } }], { toDay: new Date().toISOString().slice(0, 10), days: 5 });
    expect((await listDefects(db, { sellerId: a.seller.id, filter: 'all' })).rows).toEqual([]);
    await expect(listDefects(db, { sellerId: a.seller.id, filter: 'all', cursor: 'not-a-cursor' })).rejects.toThrow('no longer valid');
  });
});
