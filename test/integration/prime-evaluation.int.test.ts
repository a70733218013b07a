import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rows } from '../../db/index';
import { orderHandlingCutoffs, outboxMessages, primeEvaluationRuns, primeEvaluations, primeStatusChanges, sellers, shippingTemplates, templateZip3Promises } from '../../db/schema';
import { createOffer, createSeller } from '../../db/seed/factories';
import { generateFacts, insertFacts, setUpPrimeShipping, type FactInput } from '../../db/seed/prime';
import { getOfferById } from '@/lib/catalog/queries';
import { countOrderMetricsSql, evaluateDay, runDailyEvaluation } from '@/lib/prime/evaluation';
import { config } from '@/lib/config';
import { coverageForSellers } from '@/lib/prime/coverage';
import { addDays, countOrderMetrics, evaluationInstant, failingCoverageOf, failingOf, NO_COVERAGE, ORDER_METRICS, type CoverageFigures, type OrderCounts, type OrderFact, type OrderMetric, type Ratio } from '@/lib/prime/rules';
import { failingOrderMetricsSql } from '@/lib/prime/sql';
import { TEST_THRESHOLDS } from '@/lib/prime/test-thresholds';
import { hasPostgresServer } from '../support/integration-setup';

// Each test evaluates days of its own (the day claim is global), far from other tests' days.
const freshDay = () => addDays('2040-01-01', Math.floor(Math.random() * 20_000));
const at = (day: string, hhmm: string, plusDays = 0) => new Date(`${addDays(day, plusDays)}T${hhmm}:00Z`);

// A good order shipped and delivered on time for `day`'s window.
function goodFact(sellerId: string, day: string, over: Partial<FactInput> = {}): FactInput {
  return {
    sellerId,
    purchasedAt: at(day, '09:00', -3),
    isPrime: true,
    expectedShipDate: addDays(day, -3),
    promisedDeliveryDate: addDays(day, -1),
    latestShipAt: at(day, '23:59', -3),
    promisedDeliveryBy: at(day, '20:00', -1),
    carrier: 'UPS',
    shipMethod: 'UPS 2nd Day Air',
    trackingId: `1Z${Math.random().toString(36).slice(2, 12)}`,
    labelSource: 'buy_shipping',
    claimsProtected: true,
    firstScanAt: at(day, '17:00', -3),
    clockStopAt: at(day, '12:00', -1),
    ...over,
  };
}

async function statusOf(sellerId: string) {
  const db = await getDb();
  const [s] = await db.select({ status: sellers.primeStatus, eligible: sellers.primeEligible }).from(sellers).where(eq(sellers.id, sellerId));
  return s;
}

async function evaluationsOf(sellerIds: string[], day: string) {
  const db = await getDb();
  // Each row with the thresholds it was judged by: its day's run's.
  return db
    .select({ ...getTableColumns(primeEvaluations), thresholds: primeEvaluationRuns.thresholds })
    .from(primeEvaluations)
    .innerJoin(primeEvaluationRuns, eq(primeEvaluationRuns.day, primeEvaluations.evaluatedOn))
    .where(sql`${inArray(primeEvaluations.sellerId, sellerIds)} and ${primeEvaluations.evaluatedOn} = ${day}`);
}

describe('the SQL metrics agree with the pure rules', () => {
  it('on a few hundred generated orders with every kind of outcome', async () => {
    const db = await getDb();
    const { seller } = await createSeller({ primeEligible: false });
    const day = freshDay();
    const pick = <T,>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
    const maybe = (p: number) => Math.random() < p;
    const facts: FactInput[] = [];
    for (let i = 0; i < 400; i++) {
      const back = Math.floor(Math.random() * 40) - 3; // some outside the window, some promised after the day
      const ship = addDays(day, -back);
      const base = new Date(`${ship}T00:00:00Z`).getTime();
      const h = (hours: number) => new Date(base + hours * 3_600_000);
      const cancelled = maybe(0.1);
      const shipped = !cancelled && maybe(0.9);
      facts.push({
        sellerId: seller.id,
        purchasedAt: h(-Math.random() * 20),
        expectedShipDate: maybe(0.95) ? ship : null,
        promisedDeliveryDate: addDays(ship, 2),
        latestShipAt: maybe(0.95) ? h(24) : null,
        promisedDeliveryBy: maybe(0.95) ? h(68) : null,
        trackingId: shipped ? `T${i}` : null,
        labelSource: shipped ? pick(['buy_shipping', 'external'] as const) : null,
        specialOperatingPlan: maybe(0.1),
        claimsProtected: maybe(0.6),
        firstScanAt: shipped && maybe(0.85) ? h(Math.random() * 40) : null,
        clockStopAt: shipped && maybe(0.8) ? h(30 + Math.random() * 60) : null,
        cancelledAt: cancelled ? h(Math.random() * 30) : null,
        cancelActor: cancelled ? pick(['seller', 'buyer', 'recipient', 'giver', 'system'] as const) : null,
      });
    }
    await insertFacts(db, facts);
    const fromSql = await countOrderMetricsSql(db, [{ sellerId: seller.id, since: null }], day, 30);
    const { windowStart, ...sqlCounts } = fromSql.get(seller.id)!;
    expect(windowStart).toBe(addDays(day, -29));
    const js = countOrderMetrics(facts as unknown as OrderFact[], { from: addDays(day, -29), to: day, asOf: evaluationInstant(day) });
    expect(sqlCounts).toEqual(js);
    expect(js.on_time_shipment.den).toBeGreaterThan(100);
  });
});

describe('the order metrics judged in SQL (the daily job) agree with rules.ts', () => {
  it('failingOrderMetricsSql gives failingOf’s list on 2,000 generated sellers, valid tracking enforced and not', async () => {
    const db = await getDb();
    let x = 7;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    // Mostly near the thresholds (a few defects in a few hundred packages), sometimes none at all.
    const ratio = (den: number, defects = 20): Ratio => {
      const d = Math.floor(next() * den);
      return { num: d - Math.floor(next() * next() * Math.max(1, d / defects)), den: d };
    };
    const list: OrderCounts[] = Array.from({ length: 2000 }, () => ({
      on_time_shipment: ratio(400),
      on_time_delivery: ratio(400),
      valid_tracking: ratio(400),
      cancellation: { num: Math.floor(next() * 3), den: Math.floor(next() * 400) },
      buy_shipping: ratio(400),
    }));
    const col = (m: OrderMetric, part: 'num' | 'den') => sql.param(list.map((c) => c[m][part]));
    const cols = ORDER_METRICS.flatMap((m) => [sql`${col(m, 'num')}::int[]`, sql`${col(m, 'den')}::int[]`]);
    const names = ORDER_METRICS.flatMap((m) => [`${m}_num`, `${m}_den`]).join(', ');
    let failing = 0;
    for (const t of [TEST_THRESHOLDS, { ...TEST_THRESHOLDS, validTrackingEnforced: false }]) {
      const res = rows<{ i: number; failing: string[] | string }>(
        await db.execute(sql`
          select x.i, ${failingOrderMetricsSql((m) => ({ num: sql.raw(`x.${m}_num`), den: sql.raw(`x.${m}_den`) }), t)} as failing
          from unnest(${sql.param(list.map((_, i) => i))}::int[], ${sql.join(cols, sql`, `)}) as x(i, ${sql.raw(names)}) order by x.i`),
      );
      expect(res).toHaveLength(list.length);
      for (const r of res) {
        const fromSql = Array.isArray(r.failing) ? r.failing : r.failing === '{}' ? [] : r.failing.slice(1, -1).split(',');
        expect(fromSql, JSON.stringify(list[r.i])).toEqual(failingOf(list[r.i], NO_COVERAGE, t));
        if (fromSql.length > 0) failing++;
      }
    }
    // Both sides of the thresholds are exercised.
    expect(failing).toBeGreaterThan(400);
    expect(failing).toBeLessThan(4000);
  });
});

describe('daily evaluation', () => {
  it('writes one row per seller for a day, with numerators, denominators, thresholds and failing metrics; a second run adds nothing', async () => {
    const db = await getDb();
    const day = freshDay();
    const good = await createSeller({ primeEligible: false });
    const bad = await createSeller({ primeEligible: false });
    await insertFacts(db, [goodFact(good.seller.id, day), goodFact(good.seller.id, day), goodFact(bad.seller.id, day), goodFact(bad.seller.id, day, { labelSource: 'external', claimsProtected: false, clockStopAt: at(day, '12:00') })]);
    const first = await evaluateDay(day);
    expect(first).not.toBeNull();
    const again = await evaluateDay(day);
    expect(again).toBeNull();
    const list = await evaluationsOf([good.seller.id, bad.seller.id], day);
    expect(list).toHaveLength(2);
    const g = list.find((e) => e.sellerId === good.seller.id)!;
    const b = list.find((e) => e.sellerId === bad.seller.id)!;
    expect(g).toMatchObject({ outcome: 'meets', failing: [], onTimeDeliveryNum: 2, onTimeDeliveryDen: 2, buyShippingNum: 2, buyShippingDen: 2, windowDays: 30 });
    expect(b).toMatchObject({ outcome: 'fails', onTimeDeliveryNum: 1, onTimeDeliveryDen: 2, buyShippingNum: 1, buyShippingDen: 2 });
    expect(b.failing).toEqual(['on_time_delivery', 'buy_shipping']);
    expect(b.thresholds).toMatchObject({ onTimeDeliveryMin: 0.97, buyShippingMin: 0.99, cancellationMax: 0.005, windowDays: 30 });
    // Not enrolled: nothing is revoked.
    expect(await statusOf(bad.seller.id)).toEqual({ status: 'not_enrolled', eligible: false });
  });

  it('reads the coverage half (templates, services, handling) and records the figures; on PGlite, inside the day’s transaction on its one connection', async () => {
    const db = await getDb();
    const day = freshDay();
    const { seller } = await createSeller({ primeEligible: true });
    await setUpPrimeShipping(seller.id);
    await insertFacts(db, [goodFact(seller.id, day), goodFact(seller.id, day)]);
    // On PGlite (one connection) a read through getDb() while evaluateDay holds its transaction waits for ever: this
    // would time out.
    const r = await evaluateDay(day);
    expect(r?.evaluated).toBeGreaterThan(0);
    const [e] = await evaluationsOf([seller.id], day);
    expect(e).toMatchObject({ outcome: 'meets', failing: [], nationwideNum: 49, nationwideDen: 49, weekendOpsNum: 6, weekendOpsDen: 7, cutoffNum: 6, cutoffDen: 6 });
    expect(e.twoDayNum! / e.twoDayDen!).toBeGreaterThan(0.74);
    expect(e.weekendDeliveryNum).toBeGreaterThan(0);
    expect(await statusOf(seller.id)).toEqual({ status: 'enrolled', eligible: true });
  });

  it('writes the coverage half as coverageForSellers computes it, for sellers with every kind of shipping settings', async () => {
    const db = await getDb();
    const day = freshDay();
    // The daily job computes these figures in SQL (lib/shipping evaluationShippingInputs, lib/prime/sql.ts
    // coverageFiguresSql and failingCoverageMetricsSql); the dashboard in TypeScript. Both must agree, seller by seller.
    const setups: (Parameters<typeof setUpPrimeShipping>[1] | 'none' | 'two templates' | 'weekdays only')[] = [
      {},
      { cutoff: '13:00' },
      { pickup: '15:30' },
      { saturdayCutoff: '09:00', saturdayPickup: '10:00' },
      { services: ['ups-ground'] },
      { services: ['ups-ground', 'usps-priority-mail'], maxZone: 4 },
      { services: ['ups-next-day-air'], cutoff: '16:00', pickup: '18:00' },
      { location: { name: 'East', line1: '1 Dock Rd', city: 'Newark', state: 'NJ', zip: '07114', timeZone: 'America/New_York' } },
      { template: 'uncomputed' },
      { template: false },
      'two templates',
      'weekdays only',
      'none',
    ];
    const ids: string[] = [];
    for (const setup of setups) {
      const { seller } = await createSeller({ primeEligible: false });
      ids.push(seller.id);
      if (setup === 'none') continue;
      const made = await setUpPrimeShipping(seller.id, setup === 'two templates' || setup === 'weekdays only' ? {} : setup);
      // Closed on Saturdays: five operating days, short of the six the program asks for.
      if (setup === 'weekdays only') await db.update(orderHandlingCutoffs).set({ operating: false }).where(and(eq(orderHandlingCutoffs.sellerId, seller.id), eq(orderHandlingCutoffs.weekday, 6)));
      if (setup === 'two templates') {
        // A second, hand-made standard-size template promising two days to a few ZIP3s: the combined coverage path.
        const [second] = await db
          .insert(shippingTemplates)
          .values({ sellerId: seller.id, name: 'East two-day', sizeTier: 'standard', shipFromId: made.shipFromId, automated: false, isDefault: false, coverageComputedAt: new Date() })
          .returning({ id: shippingTemplates.id });
        await db.insert(templateZip3Promises).values(['070', '071', '100', '191'].map((zip3) => ({ templateId: second.id, zip3, level: 'two_day' as const, carrierServiceId: 'ups-2nd-day-air', zone: 5, transitDays: 2 })));
      }
    }
    await evaluateDay(day);
    const written = await evaluationsOf(ids, day);
    const expected = await coverageForSellers(db, ids);
    const t = config().sfp;
    const ratio = (num: number | null, den: number | null) => (num === null ? null : { num: Number(num), den: Number(den) });
    let measured = 0;
    for (const id of ids) {
      const e = written.find((w) => w.sellerId === id)!;
      const got: CoverageFigures = {
        oneDay: ratio(e.oneDayNum, e.oneDayDen),
        twoDay: ratio(e.twoDayNum, e.twoDayDen),
        nationwide: ratio(e.nationwideNum, e.nationwideDen),
        weekendOps: ratio(e.weekendOpsNum, e.weekendOpsDen),
        weekendDelivery: ratio(e.weekendDeliveryNum, e.weekendDeliveryDen),
        cutoff: ratio(e.cutoffNum, e.cutoffDen),
      };
      const want = expected.get(id)!;
      expect(got, `seller ${ids.indexOf(id)}`).toEqual(want);
      // No orders: the failing metrics are the coverage ones.
      expect(e.failing, `seller ${ids.indexOf(id)}`).toEqual(failingCoverageOf(want, t));
      if (want.oneDay) measured++;
    }
    // The setups cover both sides: measured and not, passing and failing.
    expect(measured).toBeGreaterThan(5);
    expect(written.filter((w) => w.failing.length > 0).length).toBeGreaterThan(2);
    expect(written.filter((w) => w.failing.length === 0).length).toBeGreaterThan(0);
  });

  it('a day evaluated again after its run row was removed (a seed, a re-run) leaves the rows it has alone', async () => {
    const db = await getDb();
    const day = freshDay();
    const { seller } = await createSeller({ primeEligible: false });
    await insertFacts(db, [goodFact(seller.id, day)]);
    expect(await evaluateDay(day)).not.toBeNull();
    const [before] = await evaluationsOf([seller.id], day);
    await db.execute(sql`delete from prime_evaluation_runs where day = ${day}::date`);
    // A second seller appears meanwhile: it gets its row; the first keeps the one it had.
    const { seller: other } = await createSeller({ primeEligible: false });
    await insertFacts(db, [goodFact(seller.id, day), goodFact(other.id, day)]);
    expect(await evaluateDay(day)).not.toBeNull();
    const after = await evaluationsOf([seller.id, other.id], day);
    expect(after).toHaveLength(2);
    expect(after.find((e) => e.sellerId === seller.id)).toMatchObject({ onTimeShipmentDen: before.onTimeShipmentDen, createdAt: before.createdAt });
    expect(after.find((e) => e.sellerId === other.id)!.onTimeShipmentDen).toBe(1);
  });

  it('two runs at once write the same single row per seller and decide once', async () => {
    const db = await getDb();
    const day = freshDay();
    const a = await createSeller({ primeEligible: true });
    const b = await createSeller({ primeEligible: true });
    await insertFacts(db, [goodFact(a.seller.id, day), goodFact(b.seller.id, day, { cancelledAt: at(day, '10:00', -3), cancelActor: 'seller', cancelReason: 'Out of stock' })]);
    const results = await Promise.all([evaluateDay(day), evaluateDay(day), evaluateDay(day)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await evaluationsOf([a.seller.id, b.seller.id], day)).toHaveLength(2);
    const changes = await db.select().from(primeStatusChanges).where(eq(primeStatusChanges.sellerId, b.seller.id));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ fromStatus: 'enrolled', toStatus: 'ineligible', cause: 'revoked', failing: ['cancellation'] });
    if (!hasPostgresServer) console.warn('PGlite: the three runs were serialized by its single connection');
  });

  it('revokes a failing enrolled seller: badge off on every offer, status Ineligible, history and an email naming the metric', async () => {
    const db = await getDb();
    const day = freshDay();
    const { seller, user } = await createSeller({ primeEligible: true });
    const offers = await Promise.all([createOffer({ sellerId: seller.id }), createOffer({ sellerId: seller.id }), createOffer({ sellerId: seller.id })]);
    for (const o of offers) expect((await getOfferById(o.id))!.prime).toBe(true);
    // 10 orders, 2 never scanned: shipped late and invalid tracking.
    await insertFacts(db, [
      ...Array.from({ length: 8 }, () => goodFact(seller.id, day)),
      ...Array.from({ length: 2 }, () => goodFact(seller.id, day, { firstScanAt: null, clockStopAt: null, labelSource: 'external', claimsProtected: false })),
    ]);
    const r = await evaluateDay(day);
    expect(r!.changes.find((c) => c.sellerId === seller.id)?.transition.cause).toBe('revoked');
    expect(await statusOf(seller.id)).toEqual({ status: 'ineligible', eligible: false });
    for (const o of offers) expect((await getOfferById(o.id))!.prime).toBe(false);
    const [change] = await db.select().from(primeStatusChanges).where(eq(primeStatusChanges.sellerId, seller.id));
    expect(change.failing).toEqual(expect.arrayContaining(['on_time_shipment', 'on_time_delivery', 'valid_tracking', 'buy_shipping']));
    // The change names the evaluation that decided it: the seller's row of that day.
    const [evaluation] = await evaluationsOf([seller.id], day);
    expect({ sellerId: change.sellerId, evaluatedOn: change.evaluatedOn }).toEqual({ sellerId: evaluation.sellerId, evaluatedOn: evaluation.evaluatedOn });
    expect(evaluation.outcome).toBe('fails');
    const mail = await db.select().from(outboxMessages).where(eq(outboxMessages.recipient, user.email!));
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toMatch(/revoked/);
    expect(mail[0].body).toContain('On-time shipment rate: 80% (8 of 10');
    expect(mail[0].body).toContain('Valid tracking rate');
  });

  it('ends a trial: passing enrolls automatically with the badge, failing returns to Not enrolled with the reason', async () => {
    const db = await getDb();
    const day = freshDay();
    const pass = await createSeller({ primeEligible: false });
    const fail = await createSeller({ primeEligible: false });
    const started = at(day, '00:00', -31);
    await db.update(sellers).set({ primeStatus: 'trial', trialStartedAt: started }).where(inArray(sellers.id, [pass.seller.id, fail.seller.id]));
    const offer = await createOffer({ sellerId: pass.seller.id });
    await insertFacts(db, [goodFact(pass.seller.id, day), goodFact(fail.seller.id, day, { cancelledAt: at(day, '10:00', -3), cancelActor: 'seller' })]);
    await evaluateDay(day);
    expect(await statusOf(pass.seller.id)).toEqual({ status: 'enrolled', eligible: true });
    expect((await getOfferById(offer.id))!.prime).toBe(true);
    expect(await statusOf(fail.seller.id)).toEqual({ status: 'not_enrolled', eligible: false });
    const [why] = await db.select().from(primeStatusChanges).where(eq(primeStatusChanges.sellerId, fail.seller.id));
    expect(why).toMatchObject({ cause: 'trial_failed', failing: ['cancellation'] });
    expect(why.note).toContain('Cancellation rate');
    const mails = await db.select().from(outboxMessages).where(inArray(outboxMessages.recipient, [pass.user.email!, fail.user.email!]));
    expect(mails.map((m) => m.template).sort()).toEqual(['prime_trial_failed', 'prime_trial_passed']);
  });

  it('a declined gift and a buyer’s cancellation never count against the seller', async () => {
    const db = await getDb();
    const day = freshDay();
    const { seller } = await createSeller({ primeEligible: true });
    await insertFacts(db, [
      goodFact(seller.id, day),
      { sellerId: seller.id, purchasedAt: at(day, '09:00', -3), cancelledAt: at(day, '09:00', -2), cancelActor: 'recipient', cancelReason: 'Gift declined' },
      goodFact(seller.id, day, { cancelledAt: at(day, '10:00', -3), cancelActor: 'buyer', cancelReason: 'Buyer asked' }),
    ]);
    await evaluateDay(day);
    const [e] = await evaluationsOf([seller.id], day);
    expect(e).toMatchObject({ cancellationNum: 0, cancellationDen: 3, failing: [] });
    expect(await statusOf(seller.id)).toEqual({ status: 'enrolled', eligible: true });
  });

  it('catches up the missed days, oldest first, and stops at yesterday', async () => {
    const db = await getDb();
    const last = rows<{ day: string | null }>(await db.execute(sql`select max(day)::text as day from prime_evaluation_runs`))[0].day!;
    // "Now" is three days after the last evaluated day: two days are due.
    const now = new Date(`${addDays(last, 3)}T06:00:00Z`);
    const { seller } = await createSeller({ primeEligible: false });
    await generateFacts(db, [{ sellerId: seller.id, profile: { perDay: 2 } }], { toDay: addDays(last, 2), days: 5, now });
    const r = await runDailyEvaluation({ now });
    expect(r.days).toBe(2);
    const mine = await db.select({ day: primeEvaluations.evaluatedOn }).from(primeEvaluations).where(eq(primeEvaluations.sellerId, seller.id));
    expect(mine.map((m) => m.day).sort()).toEqual([addDays(last, 1), addDays(last, 2)]);
    expect((await runDailyEvaluation({ now })).days).toBe(0);
  });
});
