import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rows } from '../../db/index';
import { seedDemoData } from '../../db/seed/demo';
import { getDashboard } from '@/lib/prime/dashboard';

// The demo seed's Seller Fulfilled Prime history: real orders with shipments and simulator tracking, facts recorded
// from them, and program states decided by the daily evaluation itself.
describe('the demo seed', () => {
  it('puts a seller in each program state, from real orders, labels and tracking, through the real evaluation', { timeout: 180_000 }, async () => {
    const db = await getDb();
    // The integration files share one database, and a file that ran the jobs before this one (jobs.int.test.ts) has
    // already claimed yesterday's evaluation for everyone: a day is evaluated once across instances, so the seed's
    // history would skip it. A fresh database, as on the app's first start, has no claims.
    await db.execute(sql`delete from prime_evaluation_runs`);
    await seedDemoData();
    const q = async <T extends Record<string, unknown>>(s: ReturnType<typeof sql>) => rows<T>(await db.execute(s));
    const sellers = await q<{ email: string; id: string; status: string; eligible: boolean }>(sql`
      select u.email, s.id, s.prime_status as status, s.prime_eligible as eligible from sellers s join users u on u.id = s.user_id
      where u.email in ('seller@demo.test', 'seller2@demo.test', 'seller3@demo.test', 'seller4@demo.test') order by u.email`);
    const by = Object.fromEntries(sellers.map((s) => [s.email, s]));
    expect(sellers.map((s) => [s.email, s.status, s.eligible])).toEqual([
      ['seller2@demo.test', 'ineligible', false],
      ['seller3@demo.test', 'not_enrolled', false],
      ['seller4@demo.test', 'trial', false],
      ['seller@demo.test', 'enrolled', true],
    ]);
    const ids = sellers.map((s) => s.id);

    // Every fact is a real order of that seller, with its promise; every tracking ID a shipment whose first scan is its
    // earliest physical carrier event.
    const [facts] = await q<{ n: number; orphans: number; unlabelled: number; scanMismatch: number; events: number }>(sql`
      select count(*)::int as n,
        count(*) filter (where not exists (select 1 from order_lines l where l.order_id = f.order_id and l.seller_id = f.seller_id))::int as orphans,
        count(*) filter (where f.tracking_id is not null and not exists (select 1 from shipments sh where sh.order_id = f.order_id and sh.tracking_id = f.tracking_id))::int as unlabelled,
        count(*) filter (where f.first_scan_at is distinct from (select min(e.event_time) from shipments sh join tracking_events e on e.carrier_id = sh.carrier_id and e.tracking_id = sh.tracking_id
                           where sh.order_id = f.order_id and e.event_code not in ('ReadyForReceive', 'PickupCancelled', 'Lost')))::int as "scanMismatch",
        (select count(*)::int from tracking_events e join shipments sh on sh.carrier_id = e.carrier_id and sh.tracking_id = e.tracking_id where sh.seller_id = any(${sql.param(ids)}::uuid[])) as events
      from sfp_order_facts f where f.seller_id = any(${sql.param(ids)}::uuid[])`);
    expect(facts.n).toBeGreaterThan(1500);
    expect(facts).toMatchObject({ orphans: 0, unlabelled: 0, scanMismatch: 0 });
    expect(facts.events).toBeGreaterThan(facts.n * 5);

    // 90 days of evaluation rows each, and the states came from them: revocations name the evaluation that decided them.
    const evals = await q<{ id: string; n: number }>(sql`select seller_id as id, count(*)::int as n from prime_evaluations where seller_id = any(${sql.param(ids)}::uuid[]) group by seller_id`);
    expect(evals.map((e) => e.n)).toEqual([90, 90, 90, 90]);
    const history = await q<{ email: string; cause: string; evaluation: boolean }>(sql`
      select u.email, c.cause, c.evaluated_on is not null as evaluation from prime_status_changes c join sellers s on s.id = c.seller_id join users u on u.id = s.user_id
      where c.seller_id = any(${sql.param(ids)}::uuid[]) order by c.created_at`);
    expect(history.filter((h) => h.email === 'seller@demo.test').map((h) => [h.cause, h.evaluation])).toEqual([
      ['revoked', true],
      ['plan_approved', false],
    ]);
    expect(history.filter((h) => h.email === 'seller2@demo.test')).toEqual([{ email: 'seller2@demo.test', cause: 'revoked', evaluation: true }]);

    // What each dashboard shows.
    const harbor = (await getDashboard(by['seller2@demo.test'].id))!;
    expect(harbor.openPlan).not.toBeNull();
    expect(harbor.failing).toContain('buy_shipping');
    expect(harbor.metrics.find((m) => m.metric === 'buy_shipping')!.trend.filter((p) => p.rate !== null)).toHaveLength(90);
    const northwind = (await getDashboard(by['seller@demo.test'].id))!;
    expect(northwind.failing).toEqual([]);
    expect(northwind.lastPlan?.status).toBe('approved');
    // Its bad spell shows in the trend: Buy Shipping below the requirement on some days, met today.
    expect(northwind.metrics.find((m) => m.metric === 'buy_shipping')!.trend.some((p) => p.rate !== null && p.rate < 0.99)).toBe(true);
    expect((await getDashboard(by['seller3@demo.test'].id))!.preQualification?.qualified).toBe(true);
    expect((await getDashboard(by['seller4@demo.test'].id))!.trial).toMatchObject({ total: 30 });

    // Seeding again adds nothing.
    await seedDemoData();
    const [again] = await q<{ n: number }>(sql`select count(*)::int as n from sfp_order_facts where seller_id = any(${sql.param(ids)}::uuid[])`);
    expect(again.n).toBe(facts.n);
  });
});
