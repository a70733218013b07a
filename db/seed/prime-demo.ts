import { randomInt, randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Database } from '../index';
import { offers, sellers, sfpOrderFacts, shipFromLocations, users } from '../schema';
import { localDateOf, zonedInstant } from '../../lib/calendar';
import { applyPrimeStatusChanges, getSellerPrimeState } from '../../lib/catalog/prime-status';
import { evaluateDay, recordStatusChanges } from '../../lib/prime/evaluation';
import { recordCancellationFacts, recordPromiseFacts, recordScanFacts, recordShipmentFacts } from '../../lib/prime/facts';
import { approvePlan, listSellerPlans, submitPlan } from '../../lib/prime/plans';
import { addDays, evaluationInstant, utcDay } from '../../lib/prime/rules';
import { deriveShipmentState, type Scenario } from '../../lib/shipments/rules';
import { planCarrierEvents, type Place } from '../../lib/shipments/simulator';
import { CARRIER_SERVICES } from '../../lib/shipping/carriers';
import { zip3Row } from '../../lib/shipping/geo';
import { promiseForOffer } from '../../lib/shipping/promise';
import { zoneFor } from '../../lib/shipping/rules';
import { setUpPrimeShipping } from './prime';

// Seller Fulfilled Prime demo history: 120 days of real orders for the four demo sellers (orders, lines, destinations
// and promises as checkout records them), labels bought on the ship-by day (a few late or bought elsewhere), the
// carrier simulator's tracking events for each parcel (planCarrierEvents at carrier pace: past events stored, the
// rest queued for the simulator job), the per-order facts recorded through lib/prime/facts.ts, and then the real daily
// evaluation run for each of the past 90 days, so the program states, the status history, the emails and the
// dashboard's trends all come from it:
// - seller@demo.test, Northwind: eligible. A bad spell 78-72 days ago (late shipments, labels bought elsewhere) got it
//   revoked by the evaluation; its plan of action was approved twelve days later and it has met every metric since.
// - seller2@demo.test, Harbor: revoked by the evaluation about twelve days ago (labels outside Buy Shipping, late
//   deliveries, parcels never scanned); its plan of action, submitted three days ago, waits for ops.
// - seller3@demo.test, Greenleaf: not enrolled, pre-qualified for the trial.
// - seller4@demo.test, Cascade Crafts: day 12 of its 30-day trial.
// Set-based: the orders are planned in memory and written in a handful of multi-row statements; the evaluation is 90
// calls of the daily job's own function. Skips itself when Northwind already has facts.

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 120;
const EVALUATED_DAYS = 90;

// A late delivery on a Buy Shipping label shipped on time is claims-protected (not the seller's); 'external_late' is
// a label bought elsewhere that also arrives late, which counts.
type Outcome = 'good' | 'late_ship' | 'late_delivery' | 'attempted' | 'no_scan' | 'external' | 'external_late' | 'seller_cancel' | 'buyer_cancel';
// A seller's habits: what happens to the j-th order of the day `back` days ago. Deterministic, so the demo's figures
// are the same on every fresh database; the defects of good spells are spread out (one every week or so) so that a
// short window (a trial, a reinstatement) is never failed by a single late parcel.
type Habit = (back: number, j: number) => Outcome;

const HABITS: Record<string, Habit> = {
  Northwind: (back, j) => {
    if (back >= 72 && back <= 78) {
      if (j % 3 === 0) return 'external';
      if (j % 5 === 1) return 'late_ship';
      if (j % 4 === 2) return 'late_delivery';
    }
    if (back % 8 === 3 && j === 5) return 'late_delivery';
    if (back % 6 === 1 && j === 2) return 'attempted';
    if (back % 9 === 4 && j === 6) return 'buyer_cancel';
    return 'good';
  },
  Harbor: (back, j) => {
    if (back >= 4 && back <= 12) {
      if (j % 2 === 0) return 'external';
      if (j % 4 === 1) return 'external_late';
      if (j === 3 && back % 2 === 0) return 'no_scan';
    }
    if (back % 10 === 2 && j === 3) return 'late_delivery';
    if (back % 7 === 1 && j === 1) return 'attempted';
    if (back % 11 === 5 && j === 4) return 'buyer_cancel';
    if (back === 45 && j === 2) return 'external';
    return 'good';
  },
  Greenleaf: (back, j) => {
    if (back % 8 === 1 && j === 0) return 'late_delivery';
    if (back % 13 === 2 && j === 1) return 'late_ship';
    if (back % 5 === 0 && j === 2) return 'external';
    if (back % 40 === 7 && j === 0) return 'seller_cancel';
    if (back % 50 === 11 && j === 2) return 'no_scan';
    return 'good';
  },
  Cascade: (back, j) => {
    if (back % 20 === 13 && j === 1) return 'late_delivery';
    if (back % 15 === 2 && j === 3) return 'attempted';
    return 'good';
  },
};

const SCENARIO: Partial<Record<Outcome, Scenario>> = { good: 'on_time', external: 'on_time', external_late: 'late', late_ship: 'on_time', late_delivery: 'late', attempted: 'attempted', no_scan: 'no_scan' };

// Where the demo's shoppers live (real ZIPs, across the country).
const DESTINATIONS: (Place & { line1: string })[] = [
  { line1: '350 5th Ave', city: 'New York', state: 'NY', zip: '10118' },
  { line1: '200 N Spring St', city: 'Los Angeles', state: 'CA', zip: '90012' },
  { line1: '121 N LaSalle St', city: 'Chicago', state: 'IL', zip: '60602' },
  { line1: '901 Bagby St', city: 'Houston', state: 'TX', zip: '77002' },
  { line1: '200 W Washington St', city: 'Phoenix', state: 'AZ', zip: '85003' },
  { line1: '1400 JFK Blvd', city: 'Philadelphia', state: 'PA', zip: '19107' },
  { line1: '100 Military Plaza', city: 'San Antonio', state: 'TX', zip: '78205' },
  { line1: '1600 Pacific Hwy', city: 'San Diego', state: 'CA', zip: '92101' },
  { line1: '1500 Marilla St', city: 'Dallas', state: 'TX', zip: '75201' },
  { line1: '600 4th Ave', city: 'Seattle', state: 'WA', zip: '98104' },
  { line1: '3500 Pan American Dr', city: 'Miami', state: 'FL', zip: '33133' },
  { line1: '55 Trinity Ave SW', city: 'Atlanta', state: 'GA', zip: '30303' },
  { line1: '1 City Hall Sq', city: 'Boston', state: 'MA', zip: '02201' },
  { line1: '1437 Bannock St', city: 'Denver', state: 'CO', zip: '80202' },
  { line1: '350 S 5th St', city: 'Minneapolis', state: 'MN', zip: '55415' },
  { line1: '1221 SW 4th Ave', city: 'Portland', state: 'OR', zip: '97204' },
  { line1: '1 Public Sq', city: 'Nashville', state: 'TN', zip: '37201' },
  { line1: '414 E 12th St', city: 'Kansas City', state: 'MO', zip: '64106' },
  { line1: '451 S State St', city: 'Salt Lake City', state: 'UT', zip: '84111' },
  { line1: '2 E Wells St', city: 'Milwaukee', state: 'WI', zip: '53202' },
];

const serviceByName = new Map(CARRIER_SERVICES.map((s) => [s.name, s]));

type DemoSeller = {
  key: keyof typeof HABITS;
  id: string;
  userId: string;
  perDay: number;
  tz: string;
  shipFrom: Place & { name: string; line1: string };
  shipFromId: string;
  shipFromZip3: string;
  offers: { id: string; title: string; priceCents: number; weightOz: number }[];
};

// Whether checkout showed the seller's offers as Prime on a day of the history (the promise's Prime flag), following
// the story; the program states themselves are the evaluation's decisions (runHistory).
const primeAt = (key: string, back: number) => (key === 'Northwind' ? !(back <= 78 && back >= 66) : key === 'Harbor' ? back > 12 : false);

export async function seedPrimeDemo(now = new Date()) {
  const db = await getDb();
  const byEmail = async (email: string) =>
    (await db.select({ id: sellers.id, userId: sellers.userId, tz: sellers.timeZone }).from(sellers).innerJoin(users, eq(users.id, sellers.userId)).where(eq(users.email, email)))[0];
  const northwind = await byEmail('seller@demo.test');
  const harbor = await byEmail('seller2@demo.test');
  const greenleaf = await byEmail('seller3@demo.test');
  const ops = (await db.select({ id: users.id }).from(users).where(eq(users.email, 'ops@demo.test')))[0];
  if (!northwind || !harbor || !greenleaf || !ops) return;
  if ((await db.select({ id: sfpOrderFacts.orderId }).from(sfpOrderFacts).where(eq(sfpOrderFacts.sellerId, northwind.id)).limit(1)).length) return;
  const at = (days: number) => new Date(now.getTime() - days * DAY_MS);

  // Cascade Crafts: the fourth demo seller (a trial), with two offers and its Minneapolis workshop's shipping settings.
  let cascade = await byEmail('seller4@demo.test');
  if (!cascade) {
    const [u] = await db.insert(users).values({ name: 'Cascade Crafts', email: 'seller4@demo.test', emailVerifiedAt: now, role: 'seller' }).onConflictDoNothing().returning({ id: users.id });
    const userId = u?.id ?? (await db.select({ id: users.id }).from(users).where(eq(users.email, 'seller4@demo.test')))[0].id;
    await db.insert(sellers).values({ userId, displayName: 'Cascade Crafts', timeZone: 'America/Chicago', primeStatus: 'not_enrolled', primeEligible: false }).onConflictDoNothing();
    cascade = (await byEmail('seller4@demo.test'))!;
    await db.insert(offers).values([
      { sellerId: cascade.id, slug: 'hand-thrown-planter', title: 'Hand-thrown Planter', description: 'Stoneware planter with a drainage hole, 5 in.', imageUrl: '/products/plant.svg', priceCents: 3200, stock: 30, shipFromTimeZone: 'America/Chicago' },
      { sellerId: cascade.id, slug: 'cedar-cutting-board', title: 'Cedar Cutting Board', description: 'End-grain cedar, 12 × 9 in., oiled.', imageUrl: '/products/book.svg', priceCents: 4500, stock: 20, shipFromTimeZone: 'America/Chicago' },
    ]).onConflictDoNothing();
  }
  if ((await db.select({ id: shipFromLocations.id }).from(shipFromLocations).where(eq(shipFromLocations.sellerId, cascade.id)).limit(1)).length === 0) {
    await setUpPrimeShipping(cascade.id, { location: { name: 'Minneapolis workshop', line1: '700 Washington Ave N', city: 'Minneapolis', state: 'MN', zip: '55401', timeZone: 'America/Chicago' }, cutoff: '15:00', pickup: '17:30' });
  }

  // Program states at the start of the history: Northwind and Harbor enrolled long ago, the others not enrolled.
  await db.transaction(async (tx) => {
    await applyPrimeStatusChanges(tx, [{ sellerId: northwind.id, from: 'enrolled', to: 'enrolled' }, { sellerId: harbor.id, from: 'enrolled', to: 'enrolled' }], at(400));
    await tx.update(sellers).set({ primeStatus: 'not_enrolled', primeEligible: false }).where(inArray(sellers.id, [greenleaf.id, cascade!.id]));
  });

  // The demo's shoppers (not the sign-in accounts, whose order pages stay short).
  const shopperEmails = Array.from({ length: 24 }, (_, i) => `shopper${String(i + 1).padStart(2, '0')}@demo.test`);
  await db
    .insert(users)
    .values(shopperEmails.map((email, i) => ({ name: `Demo Shopper ${i + 1}`, email, emailVerifiedAt: now, role: 'buyer' as const, primeMember: true, countryCode: 'US' })))
    .onConflictDoNothing();
  const shoppers = (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.email, shopperEmails))).sort((a, b) => a.name.localeCompare(b.name));

  const demo: DemoSeller[] = [];
  for (const [key, s, perDay] of [
    ['Northwind', northwind, 8],
    ['Harbor', harbor, 6],
    ['Greenleaf', greenleaf, 3],
    ['Cascade', cascade, 4],
  ] as const) {
    const [loc] = await db.select().from(shipFromLocations).where(and(eq(shipFromLocations.sellerId, s.id), eq(shipFromLocations.isDefault, true))).limit(1);
    const own = await db.select({ id: offers.id, title: offers.title, priceCents: offers.priceCents, weightOz: offers.weightOz }).from(offers).where(eq(offers.sellerId, s.id));
    if (!loc || own.length === 0) return;
    demo.push({ key, id: s.id, userId: s.userId, perDay, tz: loc.timeZone, shipFrom: { name: loc.name, line1: loc.line1, city: loc.city, state: loc.state, zip: loc.zip }, shipFromId: loc.id, shipFromZip3: loc.zip3, offers: own });
  }

  const planned = await planOrders(demo, shoppers, now);
  await writeOrders(db, planned);
  await runHistory(db, { northwind: northwind.id, harbor: harbor.id, cascade: cascade.id, cascadeUser: cascade.userId, ops: ops.id }, now);
}

type PlannedOrder = {
  id: string;
  seller: DemoSeller;
  buyerId: string;
  buyerName: string;
  offer: DemoSeller['offers'][number];
  destination: (typeof DESTINATIONS)[number];
  orderedAt: Date;
  outcome: Outcome;
  promise: NonNullable<Awaited<ReturnType<typeof promiseForOffer>>> & { isPrime: boolean; serviceId: string; zone: number };
  cancelledAt: Date | null;
  label: { at: Date; trackingId: string; carrierId: string; serviceId: string; serviceName: string; source: 'buy_shipping' | 'external'; claimsProtected: boolean; costCents: number | null } | null;
  events: ReturnType<typeof planCarrierEvents>;
};

// Every order of the history, in memory: when it was placed, what checkout promised (lib/shipping's own promise for
// the offer and the address, at that moment), and what became of it.
async function planOrders(demo: DemoSeller[], shoppers: { id: string; name: string }[], now: Date): Promise<PlannedOrder[]> {
  const out: PlannedOrder[] = [];
  const trackingBase = randomInt(0, 900_000_000);
  let tracking = 0;
  for (const [si, s] of demo.entries()) {
    let n = 0;
    for (let back = HISTORY_DAYS; back >= 0; back--) {
      const day = localDateOf(new Date(now.getTime() - back * DAY_MS), s.tz);
      for (let j = 0; j < s.perDay; j++, n++) {
        const minute = 7 * 60 + Math.floor(((j + 0.5) * 14.5 * 60) / s.perDay);
        const orderedAt = zonedInstant(day, `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`, s.tz);
        if (orderedAt > now) continue;
        const offer = s.offers[n % s.offers.length];
        const destination = DESTINATIONS[(n * 7 + si * 3) % DESTINATIONS.length];
        const shopper = shoppers[(n * 5 + si) % shoppers.length];
        const isPrime = primeAt(s.key, back);
        // Every demo offer ships under its seller's default template: the first offer's plan (cached) is theirs too.
        const p = await promiseForOffer({ offerId: s.offers[0].id, sellerId: s.id, sizeTier: 'standard', sellerPrimeEligible: isPrime, zip: destination.zip, now: orderedAt });
        if (!p) continue;
        const service = serviceByName.get(p.serviceName)!;
        const zone = zoneFor(s.shipFromZip3, destination.zip.slice(0, 3), zip3Row) ?? 8;
        const outcome = HABITS[s.key](back, j);
        const order: PlannedOrder = {
          id: randomUUID(),
          seller: s,
          buyerId: shopper.id,
          buyerName: shopper.name,
          offer,
          destination,
          orderedAt,
          outcome,
          promise: { ...p, isPrime, serviceId: service.id, zone },
          cancelledAt: null,
          label: null,
          events: [],
        };
        if (outcome === 'seller_cancel' || outcome === 'buyer_cancel') {
          const cancelledAt = new Date(orderedAt.getTime() + 3 * 3_600_000);
          if (cancelledAt <= now) order.cancelledAt = cancelledAt;
          out.push(order);
          continue;
        }
        // The label: bought on the ship-by day (noon, or half an hour after the order), or the next morning when late.
        const noon = zonedInstant(p.shipDate, '12:00', s.tz);
        const labelAt = outcome === 'late_ship' ? zonedInstant(addDays(p.shipDate, 1), '11:00', s.tz) : new Date(Math.max(noon.getTime(), orderedAt.getTime() + 30 * 60_000));
        if (labelAt <= now) {
          const scenario = SCENARIO[outcome]!;
          const trackingId = `EZ${1 + ['on_time', 'late', 'lost', 'no_scan', 'returned', 'attempted'].indexOf(scenario)}${String((trackingBase + tracking++) % 1_000_000_000).padStart(9, '0')}`;
          const external = outcome === 'external' || outcome === 'external_late';
          const weightLb = Math.max(1, Math.ceil(offer.weightOz / 16));
          order.label = {
            at: labelAt,
            trackingId,
            carrierId: service.carrier.toUpperCase(),
            serviceId: service.id,
            serviceName: service.name,
            source: external ? 'external' : 'buy_shipping',
            // Buy Shipping's claims protection: the quote met the promise and the label was bought in time.
            claimsProtected: !external && outcome !== 'late_ship',
            costCents: external ? null : service.rateBaseCents + service.ratePerZoneCents * (zone - 1) + service.ratePerLbCents * (weightLb - 1),
          };
          order.events = planCarrierEvents({ trackingId, scenario, labelCreatedAt: labelAt, shipFrom: s.shipFrom, shipTo: destination, transitDays: p.transitDays, pace: 'realistic' });
        }
        out.push(order);
      }
    }
  }
  return out;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// INSERT ... SELECT FROM unnest(one array per column): a few parameters whatever the number of rows (PGlite spends
// most of a multi-row VALUES on its parameters). Enum and jsonb columns travel as text and are cast in the SELECT.
async function insertColumns(tx: Database, table: string, columns: Record<string, { type: string; cast?: string; values: unknown[] }>) {
  const names = Object.keys(columns);
  if (names.length === 0 || columns[names[0]].values.length === 0) return;
  const arrays = names.map((n) => sql`${sql.param(columns[n].values)}::${sql.raw(columns[n].type)}[]`);
  const select = names.map((n) => sql.raw(columns[n].cast ? `x.${n}::${columns[n].cast}` : `x.${n}`));
  await tx.execute(sql`insert into ${sql.raw(table)} (${sql.raw(names.join(', '))})
    select ${sql.join(select, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as x(${sql.raw(names.join(', '))})`);
}
const column = <R,>(rows: readonly R[], type: string, f: (r: R) => unknown, cast?: string) => ({ type, cast, values: rows.map(f) });

// One transaction, a few statements: the orders as checkout and fulfilment write them, the shipments and their
// tracking as Buy Shipping and the carrier webhook do, and the facts through lib/prime/facts.ts.
async function writeOrders(db: Database, planned: PlannedOrder[]) {
  const now = Date.now();
  const rows = planned.map((o) => {
    const past = o.events.filter((e) => e.eventTime.getTime() <= now);
    const state = o.label ? deriveShipmentState(past) : null;
    return { o, past, future: o.events.filter((e) => e.eventTime.getTime() > now), state };
  });
  type Row = (typeof rows)[number];
  const statusOf = ({ o, state }: Row) => (o.cancelledAt ? 'cancelled' : state?.deliveredAt ? 'delivered' : o.label ? 'shipped' : 'placed');
  await db.transaction(async (tx) => {
    await insertColumns(tx, 'orders', {
      id: column(rows, 'uuid', (r) => r.o.id),
      buyer_id: column(rows, 'uuid', (r) => r.o.buyerId),
      checkout_key: column(rows, 'text', (r) => `demo-${r.o.id}`),
      status: column(rows, 'text', statusOf, 'order_status'),
      shipping_choice: column(rows, 'text', () => 'ship_to_address', 'shipping_choice'),
      subtotal_cents: column(rows, 'int', (r) => r.o.offer.priceCents),
      shipping_cents: column(rows, 'int', () => 0),
      total_cents: column(rows, 'int', (r) => r.o.offer.priceCents),
      created_at: column(rows, 'timestamptz', (r) => iso(r.o.orderedAt)),
      placed_at: column(rows, 'timestamptz', (r) => iso(r.o.orderedAt)),
      shipped_at: column(rows, 'timestamptz', (r) => iso(r.o.label?.at)),
      delivered_at: column(rows, 'timestamptz', (r) => iso(r.state?.deliveredAt)),
      cancelled_at: column(rows, 'timestamptz', (r) => iso(r.o.cancelledAt)),
    });
    await insertColumns(tx, 'order_lines', {
      order_id: column(rows, 'uuid', (r) => r.o.id),
      offer_id: column(rows, 'uuid', (r) => r.o.offer.id),
      seller_id: column(rows, 'uuid', (r) => r.o.seller.id),
      title: column(rows, 'text', (r) => r.o.offer.title),
      unit_price_cents: column(rows, 'int', (r) => r.o.offer.priceCents),
      quantity: column(rows, 'int', () => 1),
      stock_reserved: column(rows, 'boolean', (r) => !r.o.cancelledAt),
    });
    await insertColumns(tx, 'order_destinations', {
      order_id: column(rows, 'uuid', (r) => r.o.id),
      recipient_user_id: column(rows, 'uuid', (r) => r.o.buyerId),
      full_name: column(rows, 'text', (r) => r.o.buyerName),
      line1: column(rows, 'text', (r) => r.o.destination.line1),
      city: column(rows, 'text', (r) => r.o.destination.city),
      state: column(rows, 'text', (r) => r.o.destination.state),
      zip: column(rows, 'text', (r) => r.o.destination.zip),
      created_at: column(rows, 'timestamptz', (r) => iso(r.o.orderedAt)),
    });
    await insertColumns(tx, 'order_promises', {
      order_id: column(rows, 'uuid', (r) => r.o.id),
      seller_id: column(rows, 'uuid', (r) => r.o.seller.id),
      ship_from_id: column(rows, 'uuid', (r) => r.o.seller.shipFromId),
      level: column(rows, 'text', (r) => r.o.promise.level, 'promise_level'),
      carrier_service_id: column(rows, 'text', (r) => r.o.promise.serviceId),
      zone: column(rows, 'smallint', (r) => r.o.promise.zone),
      destination_zip3: column(rows, 'text', (r) => r.o.destination.zip.slice(0, 3)),
      expected_ship_date: column(rows, 'date', (r) => r.o.promise.shipDate),
      latest_ship_at: column(rows, 'timestamptz', (r) => iso(r.o.promise.latestShipAt)),
      promised_delivery_date: column(rows, 'date', (r) => r.o.promise.deliveryDate),
      promised_delivery_by: column(rows, 'timestamptz', (r) => iso(r.o.promise.promisedDeliveryBy)),
      is_prime: column(rows, 'boolean', (r) => r.o.promise.isPrime),
      ordered_at: column(rows, 'timestamptz', (r) => iso(r.o.orderedAt)),
      created_at: column(rows, 'timestamptz', (r) => iso(r.o.orderedAt)),
    });
    const labelled = rows.filter((r) => r.o.label);
    await insertColumns(tx, 'shipments', {
      order_id: column(labelled, 'uuid', (r) => r.o.id),
      seller_id: column(labelled, 'uuid', (r) => r.o.seller.id),
      source: column(labelled, 'text', (r) => r.o.label!.source, 'shipment_source'),
      status: column(labelled, 'text', (r) => r.state!.status, 'shipment_status'),
      carrier_id: column(labelled, 'text', (r) => r.o.label!.carrierId),
      carrier_service_id: column(labelled, 'text', (r) => r.o.label!.serviceId),
      service_name: column(labelled, 'text', (r) => r.o.label!.serviceName),
      tracking_id: column(labelled, 'text', (r) => r.o.label!.trackingId),
      label_cost_cents: column(labelled, 'int', (r) => r.o.label!.costCents),
      billed_weight_oz: column(labelled, 'int', (r) => r.o.offer.weightOz),
      claims_protected: column(labelled, 'boolean', (r) => r.o.label!.claimsProtected),
      ship_date: column(labelled, 'text', (r) => localDateOf(r.o.label!.at, r.o.seller.tz)),
      ship_from: column(labelled, 'text', (r) => JSON.stringify(r.o.seller.shipFrom), 'jsonb'),
      first_scan_at: column(labelled, 'timestamptz', (r) => iso(r.state!.firstScanAt)),
      clock_stop_at: column(labelled, 'timestamptz', (r) => iso(r.state!.clockStopAt)),
      delivered_at: column(labelled, 'timestamptz', (r) => iso(r.state!.deliveredAt)),
      status_at: column(labelled, 'timestamptz', (r) => iso(r.state!.statusAt)),
      created_by_user_id: column(labelled, 'uuid', (r) => r.o.seller.userId),
      created_at: column(labelled, 'timestamptz', (r) => iso(r.o.label!.at)),
    });
    const past = labelled.flatMap((r) => r.past.map((e) => ({ e, carrierId: r.o.label!.carrierId })));
    await insertColumns(tx, 'tracking_events', {
      carrier_id: column(past, 'text', (x) => x.carrierId),
      tracking_id: column(past, 'text', (x) => x.e.trackingId),
      event_id: column(past, 'text', (x) => x.e.eventId),
      event_code: column(past, 'text', (x) => x.e.eventCode, 'tracking_event_code'),
      event_time: column(past, 'timestamptz', (x) => iso(x.e.eventTime)),
      city: column(past, 'text', (x) => x.e.location.city),
      state_or_region: column(past, 'text', (x) => x.e.location.stateOrRegion),
      postal_code: column(past, 'text', (x) => x.e.location.postalCode),
      country_code: column(past, 'text', (x) => x.e.location.countryCode),
      message: column(past, 'text', (x) => x.e.message ?? null),
      received_at: column(past, 'timestamptz', (x) => iso(x.e.eventTime)),
    });
    // Parcels still travelling: the simulator job posts their next events to the carrier webhook when they are due.
    const future = labelled.flatMap((r) => r.future.map((e) => ({ e, r })));
    await insertColumns(tx, 'carrier_simulator_events', {
      carrier_id: column(future, 'text', (x) => x.r.o.label!.carrierId),
      tracking_id: column(future, 'text', (x) => x.e.trackingId),
      scenario: column(future, 'text', (x) => SCENARIO[x.r.o.outcome]!),
      event: column(future, 'text', (x) => JSON.stringify({ ...x.e, eventTime: x.e.eventTime.toISOString() }), 'jsonb'),
      due_at: column(future, 'timestamptz', (x) => iso(x.e.eventTime)),
    });

    // The facts, as production records them: the promise at checkout, the label, the scans, the cancellations.
    await recordPromiseFacts(
        tx,
        rows.map(({ o }) => ({
          orderId: o.id,
          sellerId: o.seller.id,
          purchasedAt: o.orderedAt,
          isPrime: o.promise.isPrime,
          sizeTier: 'standard' as const,
          expectedShipDate: o.promise.shipDate,
          promisedDeliveryDate: o.promise.deliveryDate,
          latestShipAt: o.promise.latestShipAt,
          promisedDeliveryBy: o.promise.promisedDeliveryBy,
          carrierServiceId: o.promise.serviceId,
        })),
      );
    await recordShipmentFacts(
        tx,
        labelled.map(({ o }) => ({
          orderId: o.id,
          sellerId: o.seller.id,
          carrier: o.label!.carrierId,
          carrierServiceId: o.label!.serviceId,
          shipMethod: o.label!.serviceName,
          trackingId: o.label!.trackingId,
          labelSource: o.label!.source,
          specialOperatingPlan: false,
          claimsProtected: o.label!.claimsProtected,
        })),
      );
    const scanned = labelled.filter((r) => r.state!.firstScanAt || r.state!.clockStopAt);
    await recordScanFacts(tx, scanned.map(({ o, state }) => ({ orderId: o.id, sellerId: o.seller.id, firstScanAt: state!.firstScanAt, clockStopAt: state!.clockStopAt })));
    const cancelled = rows.filter((r) => r.o.cancelledAt);
    await recordCancellationFacts(
      tx,
      cancelled.map(({ o }) => ({
        orderId: o.id,
        sellerId: o.seller.id,
        purchasedAt: o.orderedAt,
        cancelledAt: o.cancelledAt!,
        actor: o.outcome === 'seller_cancel' ? ('seller' as const) : ('buyer' as const),
        reason: o.outcome === 'seller_cancel' ? 'Out of stock' : 'The buyer asked to cancel',
      })),
    );
  });
}

// The daily evaluation for each of the past 90 days, oldest first, as the job runs it, with what people did in
// between: Cascade starts its trial 12 days ago; Northwind, once revoked, submits a plan that ops approve; Harbor,
// once revoked, submits a plan three days ago that waits for ops.
async function runHistory(db: Database, who: { northwind: string; harbor: string; cascade: string; cascadeUser: string; ops: string }, now: Date) {
  const today = utcDay(now);
  const instant = (day: string, hh: string) => new Date(`${day}T${hh}:00:00Z`);
  const status = async (sellerId: string) => (await getSellerPrimeState(db, sellerId))?.status;
  let northwindRevokedOn: string | null = null;
  for (let back = EVALUATED_DAYS; back >= 1; back--) {
    const day = addDays(today, -back);
    if (back === 12 && (await status(who.cascade)) === 'not_enrolled') {
      const at = instant(day, '15');
      await db.transaction(async (tx) => {
        await applyPrimeStatusChanges(tx, [{ sellerId: who.cascade, from: 'not_enrolled', to: 'trial' }], at);
        await recordStatusChanges(tx, [{ sellerId: who.cascade, from: 'not_enrolled', to: 'trial', cause: 'trial_started', actorUserId: who.cascadeUser, note: 'Pre-qualified for the trial.', at }]);
      });
    }
    if (northwindRevokedOn && (await status(who.northwind)) === 'ineligible') {
      const plans = await listSellerPlans(who.northwind);
      if (plans.length === 0 && day >= addDays(northwindRevokedOn, 3)) {
        await submitPlan(
          who.northwind,
          {
            problem: 'Our on-time shipment and Buy Shipping usage fell below the requirements during our move to the new Denver warehouse.',
            rootCause: 'During the move, parcels were packed a day late and the temporary staff printed labels from our old carrier account.',
            preventiveSteps: 'The move is done; every label is bought through Buy Shipping, and the shift lead checks the late-shipment report each afternoon.',
          },
          instant(day, '16'),
        );
      } else if (plans[0]?.status === 'submitted' && day >= addDays(northwindRevokedOn, 12)) {
        await approvePlan(plans[0].id, who.ops, 'Thanks: the warehouse move explains it and the label process is fixed.', instant(day, '14'));
      }
    }
    if (back === 3 && (await status(who.harbor)) === 'ineligible') {
      await submitPlan(
        who.harbor,
        {
          problem: 'Our on-time delivery and Buy Shipping usage fell below the requirements: many orders went out on labels bought on our own carrier account and arrived late.',
          rootCause: 'A new warehouse lead printed labels from our old carrier account instead of Buy Shipping, with a ground service that could not meet two-day promises.',
          preventiveSteps: 'We disabled the old carrier account, buy every label through Buy Shipping with the service it proposes, and check the defect report every morning.',
        },
        instant(day, '17'),
      );
    }
    const r = await evaluateDay(day, evaluationInstant(day));
    if (r?.changes.some((c) => c.sellerId === who.northwind && c.transition.to === 'ineligible')) northwindRevokedOn = day;
  }
}
