import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/db';
import { config } from '@/lib/config';
import { CONTIGUOUS_48_DC, ZIP3_TABLE } from './geo';
import { checkHandlingDay, handlingPolicy, hhmm, isWeekendDeliveryService, type Coverage } from './rules';
import { listCarrierServices } from './services';

// What the daily SFP evaluation (lib/prime) reads from shipping, set-based: a few statements for all sellers asked
// about, each answering one row per seller (never sellers x ZIP3s or sellers x handling rows), grouped by seller.
// `tx`: the caller's transaction (the daily evaluation reads everything in its own: one snapshot, and on PGlite's single
// connection a read outside it would wait for it forever).

export type SellerCoverage = Omit<Coverage, 'states'> & { standardTemplates: number };

const idFilter = (column: string, sellerIds?: readonly string[]) => (sellerIds ? sql`and ${sql.raw(column)} = any(${sql.param([...sellerIds])}::uuid[])` : sql``);

// The ZIP3 table as SQL parameters (911 rows): the population weights and, per contiguous state, how many ZIP3s it has.
const Z = {
  zip3: ZIP3_TABLE.map((r) => r.zip3),
  state: ZIP3_TABLE.map((r) => r.state),
  weight: ZIP3_TABLE.map((r) => r.weight),
  total: ZIP3_TABLE.reduce((s, r) => s + r.weight, 0),
};
const CONTIGUOUS = [...CONTIGUOUS_48_DC].sort();
const ZIP3S_OF_STATE = CONTIGUOUS.map((st) => ZIP3_TABLE.filter((r) => r.state === st).length);

// Delivery speed and nationwide coverage of each seller's standard-size Prime templates: per destination ZIP3 the best
// promise any of them makes, population-weighted (lib/shipping/geo), as coverageOf computes it. A seller with one
// computed template (the usual case) gets that template's stored coverage (recomputeTemplate writes it with the
// promises); only sellers with several are combined from their ZIP3 promises, in SQL, one row per seller. Sellers without
// a template get zero and every state missing. Without sellerIds: every seller that has a template.
export async function coverageBySeller(sellerIds?: string[], tx?: Database): Promise<Map<string, SellerCoverage>> {
  const db = tx ?? (await getDb());
  // One row per standard-size template (about one per seller).
  const templates = rows<{ sellerId: string; computed: boolean; one: number; two: number; missing: string[] }>(
    await db.execute(sql`
      select t.seller_id as "sellerId", t.coverage_computed_at is not null as computed, t.one_day_share as one, t.two_day_share as two, t.missing_states as missing
      from shipping_templates t
      where t.size_tier = 'standard' ${idFilter('t.seller_id', sellerIds)}`),
  );
  const bySeller = new Map<string, typeof templates>();
  for (const t of templates) {
    const list = bySeller.get(t.sellerId);
    if (list) list.push(t);
    else bySeller.set(t.sellerId, [t]);
  }
  const out = new Map<string, SellerCoverage>();
  const combine: string[] = [];
  for (const [sellerId, list] of bySeller) {
    const [t] = list;
    if (list.length === 1 && t.computed) {
      const missing = [...t.missing].sort();
      out.set(sellerId, { oneDayShare: Number(t.one), twoDayShare: Number(t.two), nationwide: missing.length === 0, missingStates: missing, standardTemplates: 1 });
    } else combine.push(sellerId);
  }
  if (combine.length > 0) {
    const res = await db.execute(sql`
      with z as (
        select * from unnest(${sql.param(Z.zip3)}::text[], ${sql.param(Z.state)}::text[], ${sql.param(Z.weight)}::float8[]) as z(zip3, state, weight)
      ),
      st as (select * from unnest(${sql.param(CONTIGUOUS)}::text[], ${sql.param(ZIP3S_OF_STATE)}::int[]) as st(state, zip3s)),
      best as (
        select t.seller_id, p.zip3, min(case p.level when 'one_day' then 1 when 'two_day' then 2 else 3 end) as best
        from shipping_templates t join template_zip3_promises p on p.template_id = t.id
        where t.size_tier = 'standard' and t.seller_id = any(${sql.param(combine)}::uuid[])
        group by t.seller_id, p.zip3
      ),
      per_state as (
        select b.seller_id, z.state, count(*)::int as covered, sum(z.weight) filter (where b.best = 1) as one, sum(z.weight) filter (where b.best <= 2) as two
        from best b join z on z.zip3 = b.zip3
        group by b.seller_id, z.state
      ),
      ids as (select * from unnest(${sql.param(combine)}::uuid[]) as s(seller_id)),
      shares as (select p.seller_id, sum(p.one) as one, sum(p.two) as two from per_state p group by p.seller_id),
      missing as (
        select s.seller_id, array_agg(st.state order by st.state) as states
        from ids s cross join st left join per_state p on p.seller_id = s.seller_id and p.state = st.state
        where st.zip3s = 0 or coalesce(p.covered, 0) < st.zip3s
        group by s.seller_id
      )
      select s.seller_id as "sellerId", coalesce(sh.one, 0) as one, coalesce(sh.two, 0) as two, coalesce(m.states, '{}') as missing
      from ids s left join shares sh on sh.seller_id = s.seller_id left join missing m on m.seller_id = s.seller_id`);
    for (const r of rows<{ sellerId: string; one: number; two: number; missing: string[] }>(res)) {
      out.set(r.sellerId, {
        oneDayShare: Z.total ? Number(r.one) / Z.total : 0,
        twoDayShare: Z.total ? Number(r.two) / Z.total : 0,
        nationwide: r.missing.length === 0,
        missingStates: r.missing,
        standardTemplates: bySeller.get(r.sellerId)?.length ?? 0,
      });
    }
  }
  for (const id of sellerIds ?? []) {
    if (!out.has(id)) out.set(id, { oneDayShare: 0, twoDayShare: 0, nationwide: false, missingStates: CONTIGUOUS, standardTemplates: 0 });
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
  cutoffIssueDays: number[];
  // Operating days whose last pickup is before the program's earliest pickup (config sfp, 16:00 by default) or before
  // the cut-off. What that means for eligibility is lib/prime's to decide.
  earlyPickups: string[];
  earlyPickupDays: number[];
  // Enabled services that pick up and deliver at weekends.
  weekendDeliveryServices: string[];
  weekendDelivery: boolean;
};

const DAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Per seller: the enabled services, the weekdays some location hands parcels to the carrier of one of them, and the
// handling rows that may break a rule. Two statements, each answering one row per seller; the offending rows are then
// checked by the same rule the settings page uses (checkHandlingDay). The SQL filter only keeps rows that might break a
// rule: it is wider than the rule, never narrower.
export async function sellerOperationsSummary(sellerIds?: string[], tx?: Database): Promise<Map<string, OperationsSummary>> {
  const db = tx ?? (await getDb());
  // The daily evaluation holds every seller it asks about to the Prime rules (it decides their eligibility).
  const policy = handlingPolicy(config().sfp, true);
  const earliest = [policy.weekdayCutoffEarliest, policy.weekendCutoffEarliest].sort()[1];
  const operating = sql`
    select h.seller_id, h.weekday, h.carrier, h.order_cutoff, h.last_pickup, l.name as location
    from order_handling_cutoffs h
    join ship_from_locations l on l.id = h.ship_from_id
    where h.operating and (h.weekday between 1 and 5 or (h.weekday = 6 and l.saturday_operations) or (h.weekday = 0 and l.sunday_operations))
      and exists (
        select 1 from seller_carrier_services e join carrier_services c on c.id = e.carrier_service_id
        where e.seller_id = h.seller_id and e.enabled and c.carrier = h.carrier)
      ${idFilter('h.seller_id', sellerIds)}`;
  const [services, enabled, handling] = await Promise.all([
    listCarrierServices(db),
    db.execute(sql`select e.seller_id as "sellerId", array_agg(e.carrier_service_id order by e.carrier_service_id) as ids from seller_carrier_services e where e.enabled ${idFilter('e.seller_id', sellerIds)} group by e.seller_id`),
    db.execute(sql`
      select o.seller_id as "sellerId", array_agg(distinct o.weekday order by o.weekday) as days,
        coalesce(json_agg(json_build_object('weekday', o.weekday, 'carrier', o.carrier, 'location', o.location, 'orderCutoff', o.order_cutoff::text, 'lastPickup', o.last_pickup::text)
          order by o.location, o.carrier, o.weekday)
          filter (where o.order_cutoff < ${earliest}::time or o.last_pickup < ${policy.pickupEarliest}::time or o.last_pickup < o.order_cutoff), '[]') as offending
      from (${operating}) o
      group by o.seller_id`),
  ]);
  const byId = new Map(services.map((s) => [s.id, s]));
  const enabledOf = new Map(rows<{ sellerId: string; ids: string[] }>(enabled).map((r) => [r.sellerId, r.ids]));
  type Offending = { weekday: number; carrier: string; location: string; orderCutoff: string; lastPickup: string };
  const handlingOf = rows<{ sellerId: string; days: number[]; offending: Offending[] | string }>(handling);
  const daysOf = new Map(handlingOf.map((r) => [r.sellerId, r.days.map(Number)]));
  const issuesOf = new Map<string, { cutoff: string[]; cutoffDays: Set<number>; pickup: string[]; pickupDays: Set<number> }>();
  for (const r of handlingOf) {
    const list: Offending[] = typeof r.offending === 'string' ? JSON.parse(r.offending) : r.offending;
    if (list.length === 0) continue;
    const mine = { cutoff: [] as string[], cutoffDays: new Set<number>(), pickup: [] as string[], pickupDays: new Set<number>() };
    issuesOf.set(r.sellerId, mine);
    for (const h of list) {
      const weekday = Number(h.weekday);
      for (const i of checkHandlingDay({ weekday, operating: true, orderCutoff: hhmm(h.orderCutoff), lastPickup: hhmm(h.lastPickup) }, policy)) {
        const line = `${h.location}, ${h.carrier}, ${DAY[weekday]}: ${i.message}`;
        if (i.field === 'orderCutoff') {
          mine.cutoff.push(line);
          mine.cutoffDays.add(weekday);
        } else {
          mine.pickup.push(line);
          mine.pickupDays.add(weekday);
        }
      }
    }
  }
  const ids = sellerIds ?? [...new Set([...enabledOf.keys(), ...daysOf.keys()])];
  const out = new Map<string, OperationsSummary>();
  for (const sellerId of ids) {
    const operatingDays = daysOf.get(sellerId) ?? [];
    const has = (d: number[]) => d.every((x) => operatingDays.includes(x));
    const issues = issuesOf.get(sellerId);
    const weekendDeliveryServices = (enabledOf.get(sellerId) ?? []).filter((id) => {
      const s = byId.get(id);
      return !!s && isWeekendDeliveryService(s);
    });
    out.set(sellerId, {
      operatingDays,
      weekendOperations: has([1, 2, 3, 4, 5, 6]) || has([0, 1, 2, 3, 4, 5]),
      cutoffCompliant: !issues?.cutoff.length && operatingDays.length > 0,
      cutoffIssues: issues?.cutoff ?? [],
      cutoffIssueDays: [...(issues?.cutoffDays ?? [])].sort((a, b) => a - b),
      earlyPickups: issues?.pickup ?? [],
      earlyPickupDays: [...(issues?.pickupDays ?? [])].sort((a, b) => a - b),
      weekendDeliveryServices,
      weekendDelivery: weekendDeliveryServices.length > 0,
    });
  }
  return out;
}
