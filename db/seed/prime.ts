import { sql } from 'drizzle-orm';
import type { Database } from '../index';
import { sfpOrderFacts } from '../schema';

// Seller Fulfilled Prime history for demo data, tests and the benchmark: per-order facts (promise, label, scans,
// clock-stop, cancellation) written set-based. Day strings are UTC YYYY-MM-DD.

export type FactInput = Partial<typeof sfpOrderFacts.$inferInsert> & { sellerId: string };

// A seller's Prime shipping set-up, through lib/shipping's own functions as the shipping settings pages save them: a
// Denver warehouse open Monday-Saturday, enabled services (by default UPS Ground, 2nd Day Air and Next Day Air and
// USPS Priority Mail, no zone limit), each carrier's week of cut-offs and pickups, and an automated standard-size
// template (S20).
// Handling is saved as for a seller outside the program, so a time the Prime rules refuse can still be stored (what
// the daily evaluation must then catch). For tests and e2e; each call sets up the seller it is given.
export async function setUpPrimeShipping(
  sellerId: string,
  opts: { services?: string[]; maxZone?: number; cutoff?: string; saturdayCutoff?: string; pickup?: string; saturdayPickup?: string; template?: boolean } = {},
) {
  const { getDb } = await import('../index');
  const { seedCarrierServices } = await import('./shipping');
  const { CARRIER_SERVICES } = await import('../../lib/shipping/carriers');
  const { saveHandling, saveServices, saveShipFrom } = await import('../../lib/shipping/settings');
  const { createTemplate } = await import('../../lib/shipping/templates');
  await seedCarrierServices(await getDb());
  const { id: shipFromId } = await saveShipFrom(sellerId, { name: 'Main warehouse', line1: '4800 Dahlia St', city: 'Denver', state: 'CO', zip: '80216', timeZone: 'America/Denver', saturdayOperations: true, sundayOperations: false });
  const services = opts.services ?? ['ups-ground', 'ups-2nd-day-air', 'ups-next-day-air', 'usps-priority-mail'];
  await saveServices(sellerId, { services: services.map((serviceId) => ({ serviceId, enabled: true, maxZone: opts.maxZone ?? 8 })) });
  const days = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
    weekday,
    operating: weekday !== 0,
    orderCutoff: weekday === 6 ? (opts.saturdayCutoff ?? '11:00') : (opts.cutoff ?? '15:00'),
    lastPickup: weekday === 6 ? (opts.saturdayPickup ?? opts.pickup ?? '17:00') : (opts.pickup ?? '17:00'),
  }));
  const carriers = [...new Set(services.map((id) => CARRIER_SERVICES.find((c) => c.id === id)!.carrier))] as ('UPS' | 'FedEx' | 'USPS' | 'OnTrac')[];
  for (const carrier of carriers) await saveHandling(sellerId, 'not_enrolled', { shipFromId, carrier, days });
  const template = opts.template === false ? null : await createTemplate(sellerId, { name: 'Standard-size Prime (automated)', sizeTier: 'standard', shipFromId, automated: true, regions: [] });
  return { shipFromId, templateId: template?.id ?? null };
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

const DAY_MS = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

// Demo: a seller in each program state with 90 days of orders (facts), the daily evaluation history behind the
// dashboard's trends, and a plan of action waiting for ops. Seller accounts: seller@demo.test (Northwind, eligible,
// with a bad spell 40-60 days ago that the trend shows), seller2@demo.test (Harbor, revoked 5 days ago, plan waiting),
// seller3@demo.test (Greenleaf, not enrolled, pre-qualified), seller4@demo.test (Cascade Crafts, day 12 of the trial).
// Set-based: a handful of statements whatever the number of orders. Skips itself when Northwind already has facts.
export async function seedPrimeDemo(now = new Date()) {
  const { getDb } = await import('../index');
  const { eq } = await import('drizzle-orm');
  const { users, sellers, sfpOrderFacts: facts, primeEvaluations } = await import('../schema');
  const { applyPrimeStatusChanges, listSellerPrimeStates } = await import('../../lib/catalog/prime-status');
  const { writeEvaluations, recordStatusChanges } = await import('../../lib/prime/evaluation');
  const { submitPlan } = await import('../../lib/prime/plans');
  const { metricName } = await import('../../lib/prime/rules');
  const db = await getDb();
  const byEmail = async (email: string) => (await db.select({ id: sellers.id }).from(sellers).innerJoin(users, eq(users.id, sellers.userId)).where(eq(users.email, email)))[0]?.id;
  const northwind = await byEmail('seller@demo.test');
  const harbor = await byEmail('seller2@demo.test');
  const greenleaf = await byEmail('seller3@demo.test');
  if (!northwind || !harbor || !greenleaf) return;
  if ((await db.select({ id: facts.orderId }).from(facts).where(eq(facts.sellerId, northwind)).limit(1)).length) return;

  let cascade = await byEmail('seller4@demo.test');
  if (!cascade) {
    const [u] = await db.insert(users).values({ name: 'Cascade Crafts', email: 'seller4@demo.test', emailVerifiedAt: now, role: 'seller' }).onConflictDoNothing().returning({ id: users.id });
    const userId = u?.id ?? (await db.select({ id: users.id }).from(users).where(eq(users.email, 'seller4@demo.test')))[0].id;
    const [s] = await db.insert(sellers).values({ userId, displayName: 'Cascade Crafts', timeZone: 'America/Chicago' }).returning({ id: sellers.id });
    cascade = s.id;
  }

  const at = (days: number) => new Date(now.getTime() - days * DAY_MS);
  await db.transaction(async (tx) => {
    // Program states, through the catalog's one way to set them (the dates they carry are the demo's history).
    await applyPrimeStatusChanges(tx, [{ sellerId: northwind, from: 'enrolled', to: 'enrolled' }], at(200));
    await applyPrimeStatusChanges(tx, [{ sellerId: harbor, from: 'enrolled', to: 'enrolled' }], at(200));
    await applyPrimeStatusChanges(tx, [{ sellerId: harbor, from: 'enrolled', to: 'ineligible' }], at(5));
    await applyPrimeStatusChanges(tx, [{ sellerId: cascade!, from: 'not_enrolled', to: 'trial' }], at(12));
    await tx.update(sellers).set({ primeStatus: 'not_enrolled', primeEligible: false }).where(eq(sellers.id, greenleaf));
  });

  const today = dayOf(now);
  const yesterday = dayOf(at(1));
  await generateFacts(
    db,
    [
      { sellerId: northwind, profile: { perDay: 14, lateShipPerMille: 2, lateDeliveryPerMille: 15, noScanPerMille: 1, externalLabelPerMille: 4, sellerCancelPerMille: 1, giftDeclinedPerMille: 12 } },
      { sellerId: harbor, profile: { perDay: 9, lateShipPerMille: 30, lateDeliveryPerMille: 70, noScanPerMille: 8, externalLabelPerMille: 90, sellerCancelPerMille: 4, giftDeclinedPerMille: 8 } },
      { sellerId: greenleaf, profile: { perDay: 3, lateShipPerMille: 10, lateDeliveryPerMille: 20, noScanPerMille: 5, externalLabelPerMille: 30, sellerCancelPerMille: 8, giftDeclinedPerMille: 5 } },
      { sellerId: cascade, profile: { perDay: 5, lateShipPerMille: 0, lateDeliveryPerMille: 10, noScanPerMille: 0, externalLabelPerMille: 0, sellerCancelPerMille: 0, giftDeclinedPerMille: 10 } },
    ],
    { toDay: today, days: 120, now },
  );
  // Northwind's bad spell (60 to 40 days ago): late ships and labels bought elsewhere, since fixed.
  await generateFacts(db, [{ sellerId: northwind, profile: { perDay: 6, lateShipPerMille: 150, lateDeliveryPerMille: 200, noScanPerMille: 20, externalLabelPerMille: 120 } }], {
    toDay: dayOf(at(40)),
    days: 20,
    now,
  });

  // The daily rows behind the 90-day trends, up to the day before yesterday (the job evaluates yesterday for real).
  const states = (await listSellerPrimeStates(db)).filter((s) => [northwind, harbor, greenleaf, cascade].includes(s.sellerId));
  const days = Array.from({ length: 89 }, (_, i) => dayOf(at(90 - i))).filter((d) => d < yesterday);
  await writeEvaluations(db, states, days);

  // Harbor's revocation, caused by the evaluation of 5 days ago, and its plan of action waiting for ops.
  const [e] = await db.select().from(primeEvaluations).where(eq(primeEvaluations.sellerId, harbor)).orderBy(primeEvaluations.evaluatedOn);
  const revokedOn = (await db.select().from(primeEvaluations).where(eq(primeEvaluations.sellerId, harbor))).find((r) => r.evaluatedOn === dayOf(at(6))) ?? e;
  await recordStatusChanges(db, [
    { sellerId: harbor, from: 'enrolled', to: 'ineligible', cause: 'revoked', evaluationId: revokedOn?.id ?? null, failing: revokedOn?.failing ?? ['on_time_delivery', 'buy_shipping'], note: `Below the requirements on: ${(revokedOn?.failing ?? []).map(metricName).join(', ')}`, at: at(5) },
  ]);
  await recordStatusChanges(db, [{ sellerId: cascade!, from: 'not_enrolled', to: 'trial', cause: 'trial_started', note: 'Pre-qualified with 412 packages in 90 days.', at: at(12) }]);
  await submitPlan(
    harbor,
    {
      problem: 'Our on-time delivery and Buy Shipping usage fell below the requirements: many orders went out on labels bought on our own carrier account and arrived late.',
      rootCause: 'A new warehouse lead printed labels from our old carrier account instead of Buy Shipping, with a ground service that could not meet two-day promises to the West Coast.',
      preventiveSteps: 'We disabled the old carrier account, buy every label through Buy Shipping with the service it proposes, and check the defect report every morning.',
    },
    at(2),
  );
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
    values (${opts.sellerId}::uuid, 'enrolled', 'ineligible', 'revoked', ${sql.param(opts.failing ?? ['buy_shipping'])}::prime_metric[], 'Below the requirements', ${now}::timestamptz)`);
}
