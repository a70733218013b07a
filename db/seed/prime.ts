import { sql } from 'drizzle-orm';
import type { Database } from '../index';
import { sfpOrderFacts } from '../schema';

// Seller Fulfilled Prime factories for tests, e2e and the benchmark: per-order facts (promise, label, scans,
// clock-stop, cancellation) written set-based, and a seller's Prime shipping set-up. Day strings are UTC YYYY-MM-DD.
// The demo's history (real orders, shipments and tracking) is db/seed/prime-demo.ts.

export type FactInput = Partial<typeof sfpOrderFacts.$inferInsert> & { sellerId: string };

// A seller's Prime shipping set-up, as the shipping settings pages would save it: a warehouse (Denver unless given)
// open Monday-Saturday, enabled services (by default UPS Ground, 2nd Day Air and Next Day Air and USPS Priority Mail,
// no zone limit), each carrier's week of cut-offs and pickups, and an automated standard-size default template whose
// ZIP3 promises and coverage are computed by lib/shipping's pure rules (what recomputeTemplate stores). Rows are
// written directly, like the other factories, so Playwright specs can use it too (no server-only module). Any times
// are stored, even ones the Prime rules refuse (what the daily evaluation must then catch). Each call sets up the
// seller it is given.
export async function setUpPrimeShipping(
  sellerId: string,
  opts: {
    services?: string[];
    maxZone?: number;
    cutoff?: string;
    saturdayCutoff?: string;
    pickup?: string;
    saturdayPickup?: string;
    // true: computed here with lib/shipping's pure rules; 'uncomputed': the template row only, for the app to compute
    // when the seller next saves their services (Playwright can't load the rules' ZIP3 JSON); false: none.
    template?: boolean | 'uncomputed';
    location?: { name: string; line1: string; city: string; state: string; zip: string; timeZone: string };
  } = {},
) {
  const { getDb } = await import('../index');
  const { carrierServices, orderHandlingCutoffs, sellerCarrierServices, shipFromLocations, shippingTemplates, templateZip3Promises } = await import('../schema');
  const { CARRIER_SERVICES } = await import('../../lib/shipping/carriers');
  const db = await getDb();
  for (const c of CARRIER_SERVICES) await db.insert(carrierServices).values(c).onConflictDoNothing();
  const location = opts.location ?? { name: 'Main warehouse', line1: '4800 Dahlia St', city: 'Denver', state: 'CO', zip: '80216', timeZone: 'America/Denver' };
  const zip3 = location.zip.slice(0, 3);
  const ids = opts.services ?? ['ups-ground', 'ups-2nd-day-air', 'ups-next-day-air', 'usps-priority-mail'];
  const services = ids.map((id) => CARRIER_SERVICES.find((c) => c.id === id)!);
  const maxZone = opts.maxZone ?? 8;
  return db.transaction(async (tx) => {
    const [loc] = await tx
      .insert(shipFromLocations)
      .values({ sellerId, ...location, zip3, saturdayOperations: true, sundayOperations: false, isDefault: true })
      .returning({ id: shipFromLocations.id });
    await tx.insert(sellerCarrierServices).values(services.map((s) => ({ sellerId, carrierServiceId: s.id, enabled: true, maxZone })));
    const week = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
      weekday,
      operating: weekday !== 0,
      orderCutoff: weekday === 6 ? (opts.saturdayCutoff ?? '11:00') : (opts.cutoff ?? '15:00'),
      lastPickup: weekday === 6 ? (opts.saturdayPickup ?? opts.pickup ?? '17:00') : (opts.pickup ?? '17:00'),
    }));
    const carriers = [...new Set(services.map((s) => s.carrier))];
    await tx.insert(orderHandlingCutoffs).values(carriers.flatMap((carrier) => week.map((d) => ({ shipFromId: loc.id, sellerId, carrier, ...d }))));
    if (opts.template === false) return { shipFromId: loc.id, templateId: null };
    const template = { sellerId, name: 'Standard-size Prime (automated)', sizeTier: 'standard' as const, shipFromId: loc.id, automated: true, isDefault: true };
    if (opts.template === 'uncomputed') {
      const [t] = await tx.insert(shippingTemplates).values(template).returning({ id: shippingTemplates.id });
      return { shipFromId: loc.id, templateId: t.id };
    }
    const { ZIP3_TABLE } = await import('../../lib/shipping/geo');
    const { automateRegions, coverageOf } = await import('../../lib/shipping/rules');
    const promises = automateRegions(
      services.map((s) => ({ id: s.id, transitDays: s.transitDays, maxZone, rateBaseCents: s.rateBaseCents, ratePerZoneCents: s.ratePerZoneCents })),
      zip3,
      ZIP3_TABLE,
    );
    const cov = coverageOf(promises, ZIP3_TABLE);
    const [t] = await tx
      .insert(shippingTemplates)
      .values({
        ...template,
        oneDayShare: cov.oneDayShare,
        twoDayShare: cov.twoDayShare,
        nationwide: cov.nationwide,
        missingStates: cov.missingStates,
        coverageComputedAt: new Date(),
      })
      .returning({ id: shippingTemplates.id });
    const values = [...promises.values()].map((p) => ({ templateId: t.id, zip3: p.zip3, level: p.level, carrierServiceId: p.serviceId, zone: p.zone, transitDays: p.transitDays }));
    for (let i = 0; i < values.length; i += 500) await tx.insert(templateZip3Promises).values(values.slice(i, i + 500));
    return { shipFromId: loc.id, templateId: t.id };
  });
}

// Hand-built facts (tests): one INSERT.
export async function insertFacts(db: Database, facts: readonly FactInput[]) {
  if (facts.length === 0) return [];
  return db
    .insert(sfpOrderFacts)
    .values(facts.map((f) => ({ orderId: f.orderId ?? crypto.randomUUID(), purchasedAt: f.purchasedAt ?? new Date(), ...f })))
    .returning({ orderId: sfpOrderFacts.orderId });
}

// How a generated seller performs, in parts per thousand of their orders.
export type FactProfile = {
  perDay: number; // orders per day
  lateShipPerMille?: number; // first scan the day after the ship-by
  lateDeliveryPerMille?: number; // delivered a day after the promise
  noScanPerMille?: number; // label bought, never scanned
  externalLabelPerMille?: number; // label bought outside Buy Shipping
  sellerCancelPerMille?: number; // cancelled by the seller (out of stock)
  giftDeclinedPerMille?: number; // a gift its recipient declined (never the seller's)
};

const CARRIERS = sql.raw(`(array['UPS','USPS','FedEx'])[1 + (x.i % 3)]`);
const METHODS = sql.raw(`(array['UPS 2nd Day Air','USPS Priority Mail','FedEx Express 2Day'])[1 + (x.i % 3)]`);
const SERVICES = sql.raw(`(array['ups-2nd-day-air','usps-priority-mail','fedex-2day'])[1 + (x.i % 3)]`);

// `days` days of orders ending on `toDay` for each seller, in one INSERT … SELECT over generate_series. Orders ship the
// day they're bought (by 23:59:59 UTC) and are promised two days later by 20:00 UTC; scans and clock-stops that would
// lie after `now` are left out, as they haven't happened yet.
export async function generateFacts(db: Database, sellers: readonly { sellerId: string; profile: FactProfile }[], opts: { toDay: string; days: number; now?: Date }) {
  if (sellers.length === 0) return 0;
  const now = opts.now ?? new Date();
  const col = (f: (p: FactProfile) => number | undefined) => sql.param(sellers.map((s) => f(s.profile) ?? 0));
  const res = await db.execute(sql`
    with s as (
      select * from unnest(${sql.param(sellers.map((s) => s.sellerId))}::uuid[], ${col((p) => p.perDay)}::int[], ${col((p) => p.lateShipPerMille)}::int[],
        ${col((p) => p.lateDeliveryPerMille)}::int[], ${col((p) => p.noScanPerMille)}::int[], ${col((p) => p.externalLabelPerMille)}::int[],
        ${col((p) => p.sellerCancelPerMille)}::int[], ${col((p) => p.giftDeclinedPerMille)}::int[])
        as s(seller_id, per_day, late_ship, late_delivery, no_scan, external, seller_cancel, gift_declined)
    ),
    g as (
      select s.*, i, (${opts.toDay}::date - (i / s.per_day)) as day,
        (random() * 1000)::int as rc, (random() * 1000)::int as rl, (random() * 1000)::int as rd, (random() * 1000)::int as rn, (random() * 1000)::int as re
      from s cross join lateral generate_series(0, s.per_day * ${opts.days} - 1) as i
    ),
    o as (
      select g.*,
        ((g.day::timestamp + interval '8 hours' + (g.i % g.per_day) * (interval '9 hours' / greatest(g.per_day, 1))) at time zone 'UTC') as purchased_at,
        case when g.rc < g.seller_cancel then 'seller' when g.rc < g.seller_cancel + g.gift_declined then 'recipient' end as actor
      from g
    ),
    x as (
      select o.*,
        case when o.actor is null and o.rn >= o.no_scan then
          ((o.day::timestamp + case when o.rl < o.late_ship then interval '34 hours' else interval '17 hours' end) at time zone 'UTC') end as scan,
        case when o.actor is null then
          ((o.day::timestamp + case when o.rd < o.late_delivery then interval '3 days 14 hours' else interval '2 days 13 hours' end) at time zone 'UTC') end as stop
      from o
    )
    insert into sfp_order_facts (order_id, seller_id, purchased_at, is_prime, size_tier, expected_ship_date, promised_delivery_date,
      latest_ship_at, promised_delivery_by, carrier, carrier_service_id, ship_method, tracking_id, label_source, special_operating_plan,
      claims_protected, first_scan_at, clock_stop_at, cancelled_at, cancel_actor, cancel_reason)
    select gen_random_uuid(), x.seller_id, x.purchased_at, true, 'standard', x.day, x.day + 2,
      ((x.day::timestamp + interval '23 hours 59 minutes 59 seconds') at time zone 'UTC'),
      (((x.day + 2)::timestamp + interval '20 hours') at time zone 'UTC'),
      case when x.actor is null then ${CARRIERS} end,
      case when x.actor is null then ${SERVICES} end,
      case when x.actor is null then ${METHODS} end,
      case when x.actor is null then upper(substr(md5(x.seller_id::text || x.i), 1, 18)) end,
      case when x.actor is null then (case when x.re < x.external then 'external' else 'buy_shipping' end)::label_source end,
      false,
      x.actor is null and x.re >= x.external,
      case when x.scan <= ${now}::timestamptz then x.scan end,
      case when x.stop <= ${now}::timestamptz then x.stop end,
      case when x.actor is not null then x.purchased_at + interval '3 hours' end,
      x.actor::cancellation_actor,
      case x.actor when 'seller' then 'Out of stock' when 'recipient' then 'Gift declined by its recipient' end
    from x
    where x.purchased_at <= ${now}::timestamptz`);
  return Number((res as { rowCount?: number; affectedRows?: number }).rowCount ?? (res as { affectedRows?: number }).affectedRows ?? 0);
}

// Tests: a seller whose eligibility was revoked (badge off, status "Ineligible", the revocation in the history) on
// `failing`, with `days` days of orders whose labels are bought outside Buy Shipping at `externalPerMille`.
export async function createRevokedSeller(db: Database, opts: { sellerId: string; days?: number; perDay?: number; externalPerMille?: number; failing?: string[]; now?: Date }) {
  const now = opts.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  await generateFacts(db, [{ sellerId: opts.sellerId, profile: { perDay: opts.perDay ?? 4, externalLabelPerMille: opts.externalPerMille ?? 200 } }], { toDay: today, days: opts.days ?? 30, now });
  await db.execute(sql`update sellers set prime_status = 'ineligible', prime_eligible = false, revoked_at = ${now}::timestamptz where id = ${opts.sellerId}::uuid`);
  await db.execute(sql`
    insert into prime_status_changes (seller_id, from_status, to_status, cause, failing, note, created_at)
    values (${opts.sellerId}::uuid, 'enrolled', 'ineligible', 'revoked', ${sql.param(opts.failing ?? ['buy_shipping'])}::text[]::prime_metric[], 'Below the requirements', ${now}::timestamptz)`);
}
