import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
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
// promises). A seller with several gets its combined coverage, stored in seller_combined_coverage when a template is
// recomputed (refreshCombinedCoverage) and read back while it still matches the seller's template versions; a row
// that doesn't (or none: data written by a seed or an import) is combined again in SQL, one row per seller, and
// stored. Sellers without a template get zero and every state missing. Without sellerIds: every seller that has a
// template.
export async function coverageBySeller(sellerIds?: string[], tx?: Database): Promise<Map<string, SellerCoverage>> {
  return coverageOfSellers(tx ?? (await getDb()), sellerIds, false);
}

// After one of the seller's templates changed (in that transaction): its combined coverage, computed again and stored.
export async function refreshCombinedCoverage(tx: Database, sellerId: string) {
  await coverageOfSellers(tx, [sellerId], true);
}

async function coverageOfSellers(db: Database, sellerIds: string[] | undefined, recombine: boolean): Promise<Map<string, SellerCoverage>> {
  // One row per standard-size template (about one per seller), with its version: any change to a template's promises
  // goes through recomputeTemplate, which sets both times.
  const templates = rows<{ sellerId: string; version: string; computed: boolean; one: number; two: number; missing: string[] }>(
    await db.execute(sql`
      select t.seller_id as "sellerId", t.coverage_computed_at is not null as computed, t.one_day_share as one, t.two_day_share as two, t.missing_states as missing,
        t.id::text || '@' || coalesce(extract(epoch from t.coverage_computed_at)::text, '-') || '@' || extract(epoch from t.updated_at)::text as version
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
  const keyOf = new Map<string, string>();
  for (const [sellerId, list] of bySeller) {
    const [t] = list;
    if (list.length === 1 && t.computed) {
      const missing = [...t.missing].sort();
      out.set(sellerId, { oneDayShare: Number(t.one), twoDayShare: Number(t.two), nationwide: missing.length === 0, missingStates: missing, standardTemplates: 1 });
    } else
      keyOf.set(
        sellerId,
        list
          .map((x) => x.version)
          .sort()
          .join(','),
      );
  }
  let combine = [...keyOf.keys()];
  if (combine.length > 0 && !recombine) {
    const stored = rows<{ sellerId: string; key: string; one: number; two: number; missing: string[] }>(
      await db.execute(sql`
        select c.seller_id as "sellerId", c.templates_key as key, c.one_day_share as one, c.two_day_share as two, c.missing_states as missing
        from seller_combined_coverage c where c.seller_id = any(${sql.param(combine)}::uuid[])`),
    );
    for (const r of stored) {
      if (r.key !== keyOf.get(r.sellerId)) continue;
      out.set(r.sellerId, { oneDayShare: Number(r.one), twoDayShare: Number(r.two), nationwide: r.missing.length === 0, missingStates: r.missing, standardTemplates: bySeller.get(r.sellerId)!.length });
    }
    combine = combine.filter((id) => !out.has(id));
  }
  if (combine.length > 0) {
    const combined = await combineTemplates(db, combine, bySeller);
    for (const [id, c] of combined) out.set(id, c);
    await db.execute(sql`
      insert into seller_combined_coverage (seller_id, templates_key, one_day_share, two_day_share, missing_states)
      select x.seller_id, x.templates_key, x.one_day_share, x.two_day_share, coalesce(string_to_array(nullif(x.missing, ''), ','), '{}')
      from unnest(${sql.param(combine)}::uuid[], ${sql.param(combine.map((id) => keyOf.get(id)!))}::text[],
        ${sql.param(combine.map((id) => combined.get(id)!.oneDayShare))}::float8[], ${sql.param(combine.map((id) => combined.get(id)!.twoDayShare))}::float8[],
        ${sql.param(combine.map((id) => combined.get(id)!.missingStates.join(',')))}::text[])
        as x(seller_id, templates_key, one_day_share, two_day_share, missing)
      on conflict (seller_id) do update set templates_key = excluded.templates_key, one_day_share = excluded.one_day_share,
        two_day_share = excluded.two_day_share, missing_states = excluded.missing_states, computed_at = now()`);
  }
  for (const id of sellerIds ?? []) {
    if (!out.has(id)) out.set(id, { oneDayShare: 0, twoDayShare: 0, nationwide: false, missingStates: CONTIGUOUS, standardTemplates: 0 });
  }
  return out;
}

// The combined coverage of sellers with several standard-size templates (or none computed), in SQL, one row per seller.
async function combineTemplates(db: Database, combine: string[], bySeller: Map<string, unknown[]>): Promise<Map<string, SellerCoverage>> {
  const out = new Map<string, SellerCoverage>();
  // The union is the seller's primary template (its stored coverage) plus what the others add. Only the other
  // templates' ZIP3 promises are read, each compared with the primary's promise for that ZIP3 (its primary key); a
  // state the primary leaves out stays missing unless the others cover each of its ZIP3s the primary doesn't.
  const rank = (c: string) => sql.raw(`case ${c} when 'one_day' then 1 when 'two_day' then 2 else 3 end`);
  const res = await db.execute(sql`
    with z as (
      -- char(3) like template_zip3_promises.zip3, so every comparison can use its primary key
      select * from unnest(${sql.param(Z.zip3)}::char(3)[], ${sql.param(Z.state)}::text[], ${sql.param(Z.weight)}::float8[]) as z(zip3, state, weight)
    ),
    st as (select * from unnest(${sql.param(CONTIGUOUS)}::text[], ${sql.param(ZIP3S_OF_STATE)}::int[]) as st(state, zip3s)),
    ids as (select * from unnest(${sql.param(combine)}::uuid[]) as s(seller_id)),
    prim as (
      select distinct on (t.seller_id) t.seller_id, t.id, t.one_day_share as one, t.two_day_share as two, t.missing_states as missing
      from shipping_templates t
      where t.size_tier = 'standard' and t.seller_id = any(${sql.param(combine)}::uuid[]) and t.coverage_computed_at is not null
      order by t.seller_id, t.two_day_share desc, t.one_day_share desc, t.id
    ),
    other as (
      select t.seller_id, p.zip3, min(${rank('p.level')}) as best
      from shipping_templates t join template_zip3_promises p on p.template_id = t.id
      where t.size_tier = 'standard' and t.seller_id = any(${sql.param(combine)}::uuid[]) and t.id not in (select id from prim)
      group by t.seller_id, p.zip3
    ),
    gains as (
      select o.seller_id,
        sum(z.weight) filter (where o.best = 1 and coalesce(pp.best, 9) > 1) as one,
        sum(z.weight) filter (where o.best <= 2 and coalesce(pp.best, 9) > 2) as two
      from other o
      join z on z.zip3 = o.zip3
      left join prim on prim.seller_id = o.seller_id
      -- LIMIT 1 keeps this a lookup by the primary key for each ZIP3, never a scan of every template's promises.
      left join lateral (select ${rank('x.level')} as best from template_zip3_promises x where x.template_id = prim.id and x.zip3 = o.zip3 limit 1) pp on true
      group by o.seller_id
    ),
    missing as (
      select s.seller_id, array_agg(distinct st.state order by st.state) as states
      from ids s
      left join prim on prim.seller_id = s.seller_id
      join st on prim.id is null or st.state = any(prim.missing)
      left join z on z.state = st.state
      where st.zip3s = 0 or (
        not exists (select 1 from template_zip3_promises x where x.template_id = prim.id and x.zip3 = z.zip3)
        and not exists (select 1 from other o where o.seller_id = s.seller_id and o.zip3 = z.zip3))
      group by s.seller_id
    )
    select s.seller_id as "sellerId", coalesce(prim.one, 0) as "primOne", coalesce(prim.two, 0) as "primTwo", coalesce(g.one, 0) as "gainOne",
      coalesce(g.two, 0) as "gainTwo", coalesce(m.states, '{}') as missing
    from ids s left join prim on prim.seller_id = s.seller_id left join gains g on g.seller_id = s.seller_id left join missing m on m.seller_id = s.seller_id`);
  for (const r of rows<{ sellerId: string; primOne: number; primTwo: number; gainOne: number; gainTwo: number; missing: string[] }>(res)) {
    out.set(r.sellerId, {
      oneDayShare: Number(r.primOne) + (Z.total ? Number(r.gainOne) / Z.total : 0),
      twoDayShare: Number(r.primTwo) + (Z.total ? Number(r.gainTwo) / Z.total : 0),
      nationwide: r.missing.length === 0,
      missingStates: r.missing,
      standardTemplates: bySeller.get(r.sellerId)?.length ?? 0,
    });
  }

  return out;
}

// For the daily SFP evaluation (lib/prime): every seller's coverage and operations inputs as ONE SQL subquery the
// caller joins by seller_id in its own statement, so 10,000 sellers' settings never travel to the app and back. The
// same figures coverageBySeller and sellerOperationsSummary give (an integration test compares them). What takes code
// is done first, for the few sellers it concerns, and passed in as parameters: the combined coverage of sellers with
// several standard-size templates (or one not computed), the seller_operations rows of settings written without
// lib/shipping, and the days of the sellers whose week may break a rule, judged by checkHandlingDay.
// Columns: seller_id; templates (standard-size templates; null without one), one_day_share, two_day_share,
// missing_states (how many); operating_days (bitmask, bit 0 = Sunday), weekend_services (enabled services that
// deliver at weekends), cutoff_issue_days and early_pickup_days (bitmasks), all null for a seller without settings
// (no enabled service). A seller with neither has no row.
export async function evaluationShippingInputs(tx: Database): Promise<SQL> {
  const multi = rows<{ sellerId: string }>(
    await tx.execute(sql`
      select seller_id as "sellerId" from shipping_templates where size_tier = 'standard'
      group by seller_id having count(*) > 1 or bool_or(coverage_computed_at is null)`),
  ).map((r) => r.sellerId);
  const combined = multi.length ? await coverageOfSellers(tx, multi, false) : new Map<string, SellerCoverage>();
  const c = [...combined.entries()];
  await storeMissingOperations(tx);
  const policy = handlingPolicy(config().sfp, true);
  const weekendIds = (await listCarrierServices(tx)).filter((x) => isWeekendDeliveryService(x)).map((x) => x.id);
  const suspects = rows<{ sellerId: string }>(
    await tx.execute(sql`
      select s.seller_id as "sellerId" from seller_operations s
      where s.operating_days <> 0 and cardinality(s.enabled_services) > 0 and (${storedMayBreak(policy)})`),
  ).map((r) => r.sellerId);
  const judged = suspects.length ? await sellerOperationsSummary(suspects, tx) : new Map<string, OperationsSummary>();
  const mask = (days: readonly number[]) => days.reduce((m, d) => m | (1 << d), 0);
  const j = [...judged.entries()];
  return sql`
    select coalesce(t.seller_id, o.seller_id) as seller_id, t.templates, t.one_day_share, t.two_day_share, t.missing_states,
      o.operating_days, o.weekend_services, o.cutoff_issue_days, o.early_pickup_days
    from (
      -- A seller with one computed standard-size template, as this statement sees it (a second template or a recompute
      -- since the list above was taken leaves the seller out for the day rather than counting it twice).
      select t.seller_id, 1 as templates, min(t.one_day_share) as one_day_share, min(t.two_day_share) as two_day_share, min(cardinality(t.missing_states)) as missing_states
      from shipping_templates t
      where t.size_tier = 'standard' and not exists (select 1 from unnest(${sql.param(multi)}::uuid[]) m(id) where m.id = t.seller_id)
      group by t.seller_id having count(*) = 1 and bool_and(t.coverage_computed_at is not null)
      union all
      select * from unnest(${sql.param(c.map(([id]) => id))}::uuid[], ${sql.param(c.map(([, v]) => v.standardTemplates))}::int[],
        ${sql.param(c.map(([, v]) => v.oneDayShare))}::float8[], ${sql.param(c.map(([, v]) => v.twoDayShare))}::float8[],
        ${sql.param(c.map(([, v]) => v.missingStates.length))}::int[])
    ) t
    full join (
      -- A judged seller's operating days are the ones its issue days were judged with (taken with them).
      select s.seller_id, coalesce(i.days, s.operating_days::int) as operating_days,
        (select count(*) from unnest(s.enabled_services) e where e = any(${sql.param(weekendIds)}::text[]))::int as weekend_services,
        coalesce(i.cutoff, 0) as cutoff_issue_days, coalesce(i.pickup, 0) as early_pickup_days
      from seller_operations s
      left join unnest(${sql.param(j.map(([id]) => id))}::uuid[], ${sql.param(j.map(([, v]) => mask(v.operatingDays)))}::int[],
        ${sql.param(j.map(([, v]) => mask(v.cutoffIssueDays)))}::int[], ${sql.param(j.map(([, v]) => mask(v.earlyPickupDays)))}::int[])
        as i(seller_id, days, cutoff, pickup) on i.seller_id = s.seller_id
      where cardinality(s.enabled_services) > 0
    ) o on o.seller_id = t.seller_id`;
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

// The rows that count: an operating day of a location (its weekend days only if it operates them) for a carrier the
// seller has a service of enabled. The locations are read once and hashed (as a CTE): a lookup per handling row would
// cost more at 10,000 sellers.
const operatingOf = (ids?: readonly string[]) => sql`
  with carriers as (
    select distinct e.seller_id, c.carrier from seller_carrier_services e join carrier_services c on c.id = e.carrier_service_id
    where e.enabled ${idFilter('e.seller_id', ids)}
  ), locations as materialized (
    select id, name, saturday_operations, sunday_operations from ship_from_locations where true ${idFilter('seller_id', ids)}
  )
  select h.seller_id, h.weekday, h.carrier, h.order_cutoff, h.last_pickup, l.name as location
  from order_handling_cutoffs h
  join locations l on l.id = h.ship_from_id
  join carriers k on k.seller_id = h.seller_id and k.carrier = h.carrier
  where h.operating and (h.weekday between 1 and 5 or (h.weekday = 6 and l.saturday_operations) or (h.weekday = 0 and l.sunday_operations))
    ${idFilter('h.seller_id', ids)}`;

// After a location, a handling week or a service changed (in that transaction), or for sellers with no stored row yet:
// what seller_operations keeps of their settings, computed from the rows that count (one row per seller, no sort) and
// stored. Without sellerIds: every seller with settings. `withSettingsOnly`: store no row for a seller without any (a
// read must not leave an empty row that a seed's later insert would contradict).
export async function refreshSellerOperations(tx: Database, sellerIds?: readonly string[], { withSettingsOnly = false } = {}) {
  if (sellerIds && sellerIds.length === 0) return;
  // One after the other on the caller's connection (queuing a query behind another on one client is deprecated).
  const enabled = await tx.execute(sql`
      select e.seller_id as "sellerId", array_agg(e.carrier_service_id order by e.carrier_service_id) as services
      from seller_carrier_services e where e.enabled ${idFilter('e.seller_id', sellerIds)} group by e.seller_id`);
  const handling = await tx.execute(sql`
      select o.seller_id as "sellerId", bit_or(1 << o.weekday) as days,
        min(o.order_cutoff) filter (where o.weekday between 1 and 5)::text as "weekdayCutoff", min(o.order_cutoff) filter (where o.weekday in (0, 6))::text as "weekendCutoff",
        min(o.last_pickup)::text as pickup, bool_or(o.last_pickup < o.order_cutoff) as "pickupBeforeCutoff"
      from (${operatingOf(sellerIds)}) o group by o.seller_id`);
  const servicesOf = new Map(rows<{ sellerId: string; services: string[] }>(enabled).map((r) => [r.sellerId, r.services]));
  type Week = { sellerId: string; days: number; weekdayCutoff: string | null; weekendCutoff: string | null; pickup: string | null; pickupBeforeCutoff: boolean };
  const weekOf = new Map(rows<Week>(handling).map((r) => [r.sellerId, r]));
  const ids = (sellerIds ? [...new Set(sellerIds)] : [...new Set([...servicesOf.keys(), ...weekOf.keys()])]).filter((id) => !withSettingsOnly || servicesOf.has(id) || weekOf.has(id));
  if (ids.length === 0) return;
  const col = <T,>(f: (id: string) => T) => sql.param(ids.map(f));
  await tx.execute(sql`
    insert into seller_operations (seller_id, operating_days, weekday_cutoff_min, weekend_cutoff_min, pickup_min, pickup_before_cutoff, enabled_services)
    select x.seller_id, x.days, x.wk::time, x.we::time, x.pk::time, x.before, coalesce(string_to_array(nullif(x.services, ''), ','), '{}')
    from unnest(${col((id) => id)}::uuid[], ${col((id) => Number(weekOf.get(id)?.days ?? 0))}::smallint[], ${col((id) => weekOf.get(id)?.weekdayCutoff ?? null)}::text[],
      ${col((id) => weekOf.get(id)?.weekendCutoff ?? null)}::text[], ${col((id) => weekOf.get(id)?.pickup ?? null)}::text[],
      ${col((id) => weekOf.get(id)?.pickupBeforeCutoff ?? false)}::boolean[], ${col((id) => (servicesOf.get(id) ?? []).join(','))}::text[])
      as x(seller_id, days, wk, we, pk, before, services)
    on conflict (seller_id) do update set operating_days = excluded.operating_days, weekday_cutoff_min = excluded.weekday_cutoff_min,
      weekend_cutoff_min = excluded.weekend_cutoff_min, pickup_min = excluded.pickup_min, pickup_before_cutoff = excluded.pickup_before_cutoff,
      enabled_services = excluded.enabled_services, computed_at = now()`);
}

// Whether a seller's stored week may break a rule of the policy (a filter: checkHandlingDay then decides and words it).
const storedMayBreak = (policy: ReturnType<typeof handlingPolicy>) => sql`(coalesce(s.weekday_cutoff_min < ${policy.weekdayCutoffEarliest}::time, false)
  or coalesce(s.weekend_cutoff_min < ${policy.weekendCutoffEarliest}::time, false)
  or coalesce(s.pickup_min < ${policy.pickupEarliest}::time, false) or s.pickup_before_cutoff)`;

// Settings written without lib/shipping (a seed, an import, rows from before seller_operations): their row, computed
// and stored now. `candidates`: the sellers asked about without a row (all such sellers when omitted). A seller without
// settings has nothing to store and reads as no operations at all. Returns the sellers looked at.
async function storeMissingOperations(db: Database, candidates?: readonly string[]): Promise<string[]> {
  const missing =
    candidates ??
    rows<{ sellerId: string }>(
      await db.execute(sql`
        select distinct e.seller_id as "sellerId" from seller_carrier_services e
        where e.enabled and not exists (select 1 from seller_operations s where s.seller_id = e.seller_id)`),
    ).map((r) => r.sellerId);
  if (missing.length > 0) await refreshSellerOperations(db, missing, { withSettingsOnly: true });
  return [...missing];
}

// Per seller: the enabled services that deliver at weekends, the weekdays some location hands parcels to the carrier
// of an enabled service, and whether a handling row may break a rule, read from seller_operations (one row per seller;
// sellers with settings but no row yet are computed and stored first). Only for the sellers with such a row are
// those rows read and judged by the settings page's own rule (checkHandlingDay).
export async function sellerOperationsSummary(sellerIds?: string[], tx?: Database): Promise<Map<string, OperationsSummary>> {
  const db = tx ?? (await getDb());
  // The daily evaluation holds every seller it asks about to the Prime rules (it decides their eligibility).
  const policy = handlingPolicy(config().sfp, true);
  const services = await listCarrierServices(db);
  const weekendIds = new Set(services.filter((s) => isWeekendDeliveryService(s)).map((s) => s.id));
  // The conditions checkHandlingDay flags, per kind of day (a filter: the rule itself then decides and words it).
  const mayBreak = sql`(o.order_cutoff < case when o.weekday in (0, 6) then ${policy.weekendCutoffEarliest}::time else ${policy.weekdayCutoffEarliest}::time end
    or o.last_pickup < ${policy.pickupEarliest}::time or o.last_pickup < o.order_cutoff)`;
  // The services as one string (10,000 array values cost the driver more to parse than to split).
  type Stored = { sellerId: string; days: number; services: string; mayBreak: boolean };
  const read = async (ids?: readonly string[]) =>
    rows<Stored>(
      await db.execute(sql`
      select s.seller_id as "sellerId", s.operating_days as days, array_to_string(s.enabled_services, ',') as services, ${storedMayBreak(policy)} as "mayBreak"
      from seller_operations s where true ${idFilter('s.seller_id', ids)}`),
    ).map((r) => ({ ...r, services: r.services ?? '' }));
  let stored = await read(sellerIds);
  const found = new Set(stored.map((r) => r.sellerId));
  const missing = await storeMissingOperations(db, sellerIds?.filter((id) => !found.has(id)));
  if (missing.length > 0) stored = [...stored, ...(await read(missing))];
  // Asked for every seller: those with settings (an enabled service), as the rows that count need one.
  const rowOf = new Map<string, Stored>();
  for (const r of stored) if (sellerIds || r.services.length > 0) rowOf.set(r.sellerId, r);
  const handlingOf = [...rowOf.values()].filter((r) => Number(r.days) !== 0);
  // The few sellers with a row that may break a rule: those rows, judged by the settings page's own rule.
  const suspects = handlingOf.filter((r) => r.mayBreak).map((r) => r.sellerId);
  type Offending = { sellerId: string; weekday: number; carrier: string; location: string; orderCutoff: string; lastPickup: string };
  const offending = suspects.length
    ? rows<Offending>(
        await db.execute(sql`
          select o.seller_id as "sellerId", o.weekday, o.carrier, o.location, o.order_cutoff::text as "orderCutoff", o.last_pickup::text as "lastPickup"
          from (${operatingOf(suspects)}) o where ${mayBreak} order by o.seller_id, o.location, o.carrier, o.weekday`),
      )
    : [];
  const issuesOf = new Map<string, { cutoff: string[]; cutoffDays: Set<number>; pickup: string[]; pickupDays: Set<number> }>();
  for (const h of offending) {
    let mine = issuesOf.get(h.sellerId);
    if (!mine) issuesOf.set(h.sellerId, (mine = { cutoff: [], cutoffDays: new Set<number>(), pickup: [], pickupDays: new Set<number>() }));
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
  const ids = sellerIds ?? [...rowOf.keys()];
  const out = new Map<string, OperationsSummary>();
  for (const sellerId of ids) {
    const r = rowOf.get(sellerId);
    const mask = r ? Number(r.days) : 0;
    const issues = issuesOf.get(sellerId);
    const operatingDays = [0, 1, 2, 3, 4, 5, 6].filter((d) => (mask >> d) & 1);
    const weekendDeliveryServices = r && r.services ? r.services.split(',').filter((id) => weekendIds.has(id)) : [];
    out.set(sellerId, {
      operatingDays,
      // Monday-Saturday or Sunday-Friday.
      weekendOperations: (mask & 0b1111110) === 0b1111110 || (mask & 0b0111111) === 0b0111111,
      cutoffCompliant: !issues?.cutoff.length && operatingDays.length > 0,
      cutoffIssues: issues?.cutoff ?? [],
      cutoffIssueDays: issues ? [...issues.cutoffDays].sort((a, b) => a - b) : [],
      earlyPickups: issues?.pickup ?? [],
      earlyPickupDays: issues ? [...issues.pickupDays].sort((a, b) => a - b) : [],
      weekendDeliveryServices,
      weekendDelivery: weekendDeliveryServices.length > 0,
    });
  }
  return out;
}
