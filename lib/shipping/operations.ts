import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/db';
import { sellerCarrierServices } from '@/db/schema';
import { config } from '@/lib/config';
import { ZIP3_TABLE } from './geo';
import { checkHandlingDay, coverageOf, handlingPolicy, hhmm, isWeekendDeliveryService, type Coverage, type PromiseLevel } from './rules';
import { listCarrierServices } from './services';
import { handlingBySeller } from './settings';

// What the daily SFP evaluation (lib/prime) reads from shipping, set-based: one pass for all sellers asked about.

export type SellerCoverage = Omit<Coverage, 'states'> & { standardTemplates: number };

// Delivery speed and nationwide coverage of each seller's standard-size Prime templates: per destination ZIP3 the best
// promise any of them makes, population-weighted (lib/shipping/geo). Sellers without a template get zero and every
// state missing. Without sellerIds: every seller that has a template. `tx`: the caller's transaction (the daily
// evaluation reads everything in its own, one snapshot, and on PGlite's single connection a read outside it would wait
// for it forever).
export async function coverageBySeller(sellerIds?: string[], tx?: Database): Promise<Map<string, SellerCoverage>> {
  const db = tx ?? (await getDb());
  const filter = sellerIds ? sql`and t.seller_id in (${sql.join(sellerIds.length ? sellerIds.map((id) => sql`${id}::uuid`) : [sql`null`], sql`, `)})` : sql``;
  const res = await db.execute(sql`
    select t.seller_id, p.zip3, min(case p.level when 'one_day' then 1 when 'two_day' then 2 else 3 end)::int as best
    from shipping_templates t
    join template_zip3_promises p on p.template_id = t.id
    where t.size_tier = 'standard' ${filter}
    group by t.seller_id, p.zip3
  `);
  const tcount = await db.execute(sql`select t.seller_id, count(*)::int as n from shipping_templates t where t.size_tier = 'standard' ${filter} group by t.seller_id`);
  const counts = new Map(rows<{ seller_id: string; n: number }>(tcount).map((r) => [r.seller_id, Number(r.n)]));
  const perSeller = new Map<string, Map<string, { level: PromiseLevel }>>();
  const levels: PromiseLevel[] = ['one_day', 'two_day', 'standard'];
  for (const r of rows<{ seller_id: string; zip3: string; best: number }>(res)) {
    let m = perSeller.get(r.seller_id);
    if (!m) perSeller.set(r.seller_id, (m = new Map()));
    m.set(r.zip3, { level: levels[Number(r.best) - 1] });
  }
  const out = new Map<string, SellerCoverage>();
  const ids = sellerIds ?? [...new Set([...perSeller.keys(), ...counts.keys()])];
  for (const id of ids) {
    const { states: _states, ...c } = coverageOf(perSeller.get(id) ?? new Map(), ZIP3_TABLE);
    out.set(id, { ...c, standardTemplates: counts.get(id) ?? 0 });
  }
  return out;
}

export type OperationsSummary = {
  // Weekdays (0 = Sunday) on which the seller hands parcels to at least one carrier at some location.
  operatingDays: number[];
  // SPEC: six operating days, Monday-Saturday or Sunday-Friday.
  weekendOperations: boolean;
  // Every operating day's cut-off meets the program's earliest (config sfp: weekday 14:00, weekend 10:30 by default).
  cutoffCompliant: boolean;
  cutoffIssues: string[];
  // Operating days whose last pickup is before the program's earliest pickup (config sfp, 16:00 by default): flagged, not failing.
  earlyPickups: string[];
  // Enabled services that pick up and deliver at weekends.
  weekendDeliveryServices: string[];
  weekendDelivery: boolean;
};

const DAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export async function sellerOperationsSummary(sellerIds?: string[], tx?: Database): Promise<Map<string, OperationsSummary>> {
  const db = tx ?? (await getDb());
  const [{ locs, rows: handling }, enabled, services] = await Promise.all([
    handlingBySeller(db, sellerIds),
    db.select().from(sellerCarrierServices).where(and(eq(sellerCarrierServices.enabled, true), sellerIds ? inArray(sellerCarrierServices.sellerId, sellerIds) : undefined)),
    listCarrierServices(db),
  ]);
  const byId = new Map(services.map((s) => [s.id, s]));
  // The daily evaluation holds every seller it asks about to the Prime rules (it decides their eligibility).
  const policy = handlingPolicy(config().sfp, true);
  const ids = sellerIds ?? [...new Set([...locs.map((l) => l.sellerId), ...enabled.map((e) => e.sellerId)])];
  const out = new Map<string, OperationsSummary>();
  for (const sellerId of ids) {
    const mine = enabled.filter((e) => e.sellerId === sellerId).map((e) => byId.get(e.carrierServiceId)).filter((s) => !!s);
    const carriers = new Set(mine.map((s) => s.carrier));
    const days = new Set<number>();
    const issues: string[] = [];
    const early: string[] = [];
    for (const loc of locs.filter((l) => l.sellerId === sellerId)) {
      for (const h of handling.filter((r) => r.shipFromId === loc.id && carriers.has(r.carrier))) {
        const operates = h.operating && (h.weekday === 6 ? loc.saturdayOperations : h.weekday === 0 ? loc.sundayOperations : true);
        if (!operates) continue;
        days.add(h.weekday);
        for (const i of checkHandlingDay({ weekday: h.weekday, operating: true, orderCutoff: hhmm(h.orderCutoff), lastPickup: hhmm(h.lastPickup) }, policy)) {
          const line = `${loc.name}, ${h.carrier}, ${DAY[h.weekday]}: ${i.message}`;
          if (i.level === 'error' && i.field === 'orderCutoff') issues.push(line);
          else if (i.level === 'warning') early.push(line);
        }
      }
    }
    const has = (d: number[]) => d.every((x) => days.has(x));
    const weekendDeliveryServices = mine.filter((s) => isWeekendDeliveryService(s)).map((s) => s.id);
    out.set(sellerId, {
      operatingDays: [...days].sort(),
      weekendOperations: has([1, 2, 3, 4, 5, 6]) || has([0, 1, 2, 3, 4, 5]),
      cutoffCompliant: issues.length === 0 && days.size > 0,
      cutoffIssues: issues,
      earlyPickups: early,
      weekendDeliveryServices,
      weekendDelivery: weekendDeliveryServices.length > 0,
    });
  }
  return out;
}
