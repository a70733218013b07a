import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/db';
import { orderPromises } from '@/db/schema';
import { getOfferById } from '@/lib/catalog/queries';
import { getDestinationZips } from '@/lib/fulfilment/destination';
import { getOrderLineOffers } from '@/lib/orders/queries';
import { recordPromiseFact } from '@/lib/prime/facts';
import type { CarrierService } from './carriers';
import { zip3Of, zip3Row } from './geo';
import { deliveryEstimate, hhmm, showsPrimeBadge, zoneFor, type DeliveryEstimate, type HandlingDay, type PromiseLevel } from './rules';
import { carrierServiceMap } from './services';

// The delivery promise: on the product page and at checkout (a lookup in the template's precomputed ZIP3 promises,
// then a few date operations), and recorded on each order for its seller.

// The stated default when a buyer has given no ZIP and has no saved address.
export const DEFAULT_DESTINATION_ZIP = '10001';
// What a seller with no shipping settings yet is held to: weekdays, 14:00 cut-off, 17:00 pickup in New York,
// USPS Ground Advantage at the longest zone. Conservative on purpose: it never promises more than any seller can do.
const FALLBACK = { tz: 'America/New_York', serviceId: 'usps-ground-advantage', zone: 8, cutoff: '14:00', pickup: '17:00' };

export type PromisePlan = {
  level: PromiseLevel;
  covered: boolean; // the template promises this ZIP3 (false: standard delivery outside the template's regions)
  zone: number;
  transitDays: number;
  service: CarrierService;
  shipFromId: string | null;
  tz: string;
  cutoffs: HandlingDay[];
  destinationZip3: string;
  destinationTz: string;
};

type PlanRow = {
  ship_from_id: string | null;
  time_zone: string | null;
  from_zip3: string | null;
  level: PromiseLevel | null;
  zone: number | null;
  transit_days: number | null;
  carrier_service_id: string | null;
  enabled: { id: string; maxZone: number }[] | null;
  cutoffs: { carrier: string; weekday: number; operating: boolean; orderCutoff: string; lastPickup: string }[] | null;
};

// One indexed read of lib/shipping's own tables: the offer's template of its size tier (its own, or the seller's
// default for the tier; a template of the other tier is never used, so an oversize parcel with no oversize template
// gets standard delivery from the default ship-from and no Prime promise), the precomputed promise for the ZIP3, the
// ship-from's handling days, and the seller's enabled services (for destinations outside the template's regions).
// The size tier is the catalog offer's (offers.size_class, set from the parcel by saveOfferProfile): callers pass it.
async function loadPlan(db: Database, p: { sellerId: string; offerId: string; sizeTier: 'standard' | 'oversize'; zip3: string }): Promise<PromisePlan> {
  const res = await db.execute(sql`
    with tpl as (
      select t.id, t.ship_from_id from shipping_templates t
      where t.seller_id = ${p.sellerId} and t.size_tier = ${p.sizeTier}
        and t.id = coalesce(
          (select o.template_id from offer_shipping_profiles o join shipping_templates ot on ot.id = o.template_id and ot.size_tier = ${p.sizeTier}
            where o.offer_id = ${p.offerId} and o.seller_id = ${p.sellerId}),
          (select id from shipping_templates where seller_id = ${p.sellerId} and size_tier = ${p.sizeTier} and is_default order by created_at limit 1))
    ), loc as (
      select s.* from ship_from_locations s
      where s.seller_id = ${p.sellerId}
        and s.id = coalesce((select ship_from_id from tpl), (select id from ship_from_locations where seller_id = ${p.sellerId} order by is_default desc, created_at limit 1))
    )
    select loc.id as ship_from_id, loc.time_zone, loc.zip3 as from_zip3,
      z.level, z.zone, z.transit_days, z.carrier_service_id,
      (select json_agg(json_build_object('id', e.carrier_service_id, 'maxZone', e.max_zone)) from seller_carrier_services e where e.seller_id = ${p.sellerId} and e.enabled) as enabled,
      (select json_agg(json_build_object('carrier', h.carrier, 'weekday', h.weekday,
          'operating', h.operating and (h.weekday between 1 and 5 or (h.weekday = 6 and loc.saturday_operations) or (h.weekday = 0 and loc.sunday_operations)),
          'orderCutoff', h.order_cutoff, 'lastPickup', h.last_pickup))
        from order_handling_cutoffs h where h.ship_from_id = loc.id) as cutoffs
    from (select 1) one
    left join loc on true
    left join template_zip3_promises z on z.template_id = (select id from tpl) and z.zip3 = ${p.zip3}
  `);
  const r = rows<PlanRow>(res)[0];
  const services = await carrierServiceMap(db);
  const dest = zip3Row(p.zip3);
  const destinationTz = dest?.tz ?? FALLBACK.tz;
  const handlingFor = (carrier: string): HandlingDay[] => {
    const own = (r?.cutoffs ?? []).filter((c) => c.carrier === carrier).map((c) => ({ weekday: c.weekday, operating: c.operating, orderCutoff: hhmm(c.orderCutoff), lastPickup: hhmm(c.lastPickup) }));
    if (own.length > 0) return own;
    return [1, 2, 3, 4, 5].map((weekday) => ({ weekday, operating: true, orderCutoff: FALLBACK.cutoff, lastPickup: FALLBACK.pickup }));
  };

  if (r?.ship_from_id && r.level && r.carrier_service_id && services.has(r.carrier_service_id)) {
    const service = services.get(r.carrier_service_id)!;
    return { level: r.level, covered: true, zone: r.zone!, transitDays: r.transit_days!, service, shipFromId: r.ship_from_id, tz: r.time_zone!, cutoffs: handlingFor(service.carrier), destinationZip3: p.zip3, destinationTz };
  }
  // Outside the template's regions (or no template): standard delivery with the cheapest enabled service, whatever its
  // zone limit (a limit shapes Prime regions, not whether the seller ships there).
  const zone = r?.from_zip3 ? (zoneFor(r.from_zip3, p.zip3, zip3Row) ?? FALLBACK.zone) : FALLBACK.zone;
  const enabled = (r?.enabled ?? []).map((e) => services.get(e.id)).filter((s): s is CarrierService => !!s);
  const rate = (s: CarrierService) => s.rateBaseCents + s.ratePerZoneCents * (zone - 1);
  const service = [...enabled].sort((a, b) => rate(a) - rate(b))[0] ?? services.get(FALLBACK.serviceId)!;
  return {
    level: 'standard',
    covered: false,
    zone,
    transitDays: service.transitDays[zone - 1],
    service,
    shipFromId: r?.ship_from_id ?? null,
    tz: r?.time_zone ?? FALLBACK.tz,
    cutoffs: handlingFor(service.carrier),
    destinationZip3: p.zip3,
    destinationTz,
  };
}

// The product page is hot: plans are kept per (offer, ZIP3) for a short while. A seller's change clears this
// process's copies at once (invalidatePromiseCache); other instances catch up within the TTL.
const PLAN_TTL_MS = 30_000;
const planCache = new Map<string, { at: number; plan: PromisePlan }>();
export function invalidatePromiseCache() {
  planCache.clear();
}

export type BuyerPromise = DeliveryEstimate & { level: PromiseLevel; covered: boolean; prime: boolean; zip: string; serviceName: string; cutoffAt: Date | null };

// The promise a buyer sees for an offer and a destination ZIP. Null when the ZIP is not one we deliver to.
export async function promiseForOffer(p: { offerId: string; sellerId: string; sizeTier: 'standard' | 'oversize'; sellerPrimeEligible: boolean; zip: string; now?: Date }): Promise<BuyerPromise | null> {
  const zip3 = zip3Of(p.zip);
  if (!zip3) return null;
  const key = `${p.offerId}|${p.sizeTier}|${zip3}`;
  let hit = planCache.get(key);
  if (!hit || Date.now() - hit.at > PLAN_TTL_MS) {
    const plan = await loadPlan(await getDb(), { sellerId: p.sellerId, offerId: p.offerId, sizeTier: p.sizeTier, zip3 });
    hit = { at: Date.now(), plan };
    if (planCache.size > 20_000) planCache.clear();
    planCache.set(key, hit);
  }
  const now = p.now ?? new Date();
  const e = estimate(hit.plan, now);
  if (!e) return null;
  return {
    ...e,
    level: hit.plan.level,
    covered: hit.plan.covered,
    // Prime offers ship free (lib/orders priceOrder), so the badge needs eligibility and a promise of two days or less.
    prime: showsPrimeBadge({ sellerEligible: p.sellerPrimeEligible, level: hit.plan.level, freeShipping: p.sellerPrimeEligible }),
    zip: p.zip.trim().slice(0, 5),
    serviceName: hit.plan.service.name,
    // "Order within …": only when the order would still ship today.
    cutoffAt: e.shipDate === localDay(now, hit.plan.tz) ? e.pickupWindow.start : null,
  };
}

const localDay = (now: Date, tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

function estimate(plan: PromisePlan, orderedAt: Date) {
  return deliveryEstimate({ orderedAt, tz: plan.tz, cutoffs: plan.cutoffs, service: plan.service, zone: plan.zone, transitDays: plan.transitDays, destinationTz: plan.destinationTz, handlingDays: 0 });
}

export type OrderPromise = typeof orderPromises.$inferSelect;

// Records the promise of one seller's part of an order, in the caller's transaction: at checkout for the buyer's own
// order, at a gift's acceptance for its recipient's address. Also feeds the SFP metrics (lib/prime recordPromiseFact).
// Idempotent: a retried call keeps the first promise. Reads only lib/shipping's tables, through the same transaction.
export async function recordOrderPromise(
  tx: Database,
  p: { orderId: string; sellerId: string; offerId: string; destinationZip: string; orderedAt: Date; sellerPrimeEligible: boolean; sizeTier: 'standard' | 'oversize' },
): Promise<OrderPromise | null> {
  const zip3 = zip3Of(p.destinationZip) ?? p.destinationZip.trim().slice(0, 3);
  const plan = await loadPlan(tx, { sellerId: p.sellerId, offerId: p.offerId, sizeTier: p.sizeTier, zip3 });
  const e = estimate(plan, p.orderedAt) ?? estimate({ ...plan, cutoffs: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, operating: true, orderCutoff: FALLBACK.cutoff, lastPickup: FALLBACK.pickup })) }, p.orderedAt)!;
  const isPrime = showsPrimeBadge({ sellerEligible: p.sellerPrimeEligible, level: plan.level, freeShipping: p.sellerPrimeEligible });
  const [row] = await tx
    .insert(orderPromises)
    .values({
      orderId: p.orderId,
      sellerId: p.sellerId,
      shipFromId: plan.shipFromId,
      level: plan.level,
      carrierServiceId: plan.service.id,
      zone: plan.zone,
      destinationZip3: plan.destinationZip3,
      expectedShipDate: e.shipDate,
      latestShipAt: e.latestShipAt,
      promisedDeliveryDate: e.deliveryDate,
      promisedDeliveryBy: e.promisedDeliveryBy,
      isPrime,
      orderedAt: p.orderedAt,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const [existing] = await tx.select().from(orderPromises).where(and(eq(orderPromises.orderId, p.orderId), eq(orderPromises.sellerId, p.sellerId)));
    return existing ?? null;
  }
  await recordPromiseFact(tx, {
    orderId: p.orderId,
    sellerId: p.sellerId,
    purchasedAt: p.orderedAt,
    isPrime,
    sizeTier: p.sizeTier,
    expectedShipDate: e.shipDate,
    promisedDeliveryDate: e.deliveryDate,
    latestShipAt: e.latestShipAt,
    promisedDeliveryBy: e.promisedDeliveryBy,
    carrierServiceId: plan.service.id,
  });
  return row;
}

// The promise of one seller's part of an order. Callers authorize first (the seller owns a line of the order, or the
// reader is the account the parcel goes to): this answers "what was promised", never "who may see it".
export async function getOrderPromise(orderId: string, sellerId: string): Promise<OrderPromise | null> {
  const db = await getDb();
  const [row] = await db.select().from(orderPromises).where(and(eq(orderPromises.orderId, orderId), eq(orderPromises.sellerId, sellerId)));
  return row ?? null;
}

// Set-based: every recorded promise of these orders (all their sellers), for lists and jobs.
export async function getOrderPromises(orderIds: string[]): Promise<OrderPromise[]> {
  if (orderIds.length === 0) return [];
  const db = await getDb();
  return db.select().from(orderPromises).where(inArray(orderPromises.orderId, [...new Set(orderIds)]));
}

// What recordOrderPromise needs for each seller of an order that now has a destination (a gift just accepted with the
// recipient's address). Read before the caller's transaction; one entry per line's seller.
export async function orderPromiseInputs(orderId: string): Promise<{ orderId: string; sellerId: string; offerId: string; destinationZip: string; sellerPrimeEligible: boolean; sizeTier: 'standard' | 'oversize' }[]> {
  const [lines, zips] = await Promise.all([getOrderLineOffers(orderId), getDestinationZips([orderId])]);
  const zip = zips.get(orderId);
  if (!zip) return [];
  const seen = new Set<string>();
  const out = [];
  for (const l of lines) {
    if (seen.has(l.sellerId)) continue;
    seen.add(l.sellerId);
    const offer = await getOfferById(l.offerId);
    out.push({ orderId, sellerId: l.sellerId, offerId: l.offerId, destinationZip: zip, sellerPrimeEligible: offer?.prime ?? false, sizeTier: offer?.sizeClass ?? 'standard' });
  }
  return out;
}
