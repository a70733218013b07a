import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { offerShippingProfiles, orderHandlingCutoffs, sellerCarrierServices, shipFromLocations, shippingTemplates } from '@/db/schema';
import { setOfferParcel } from '@/lib/catalog/parcel';
import { getSellerPrimeState, type PrimeProgramStatus } from '@/lib/catalog/prime-status';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import type { CarrierService } from './carriers';
import { timeZoneForZip, zip3Of } from './geo';
import { refreshSellerOperations } from './operations';
import { invalidatePromiseCache } from './promise';
import { checkHandlingWeek, handlingPolicy, hhmm, primeRulesApply, sizeTierOf, type HandlingDay, type HandlingIssue } from './rules';
import type { z } from 'zod';
import type { handlingSchema, offerProfileSchema, servicesSchema, shipFromSchema } from './schemas';
import { listCarrierServices } from './services';
import { recomputeSellerTemplates, recomputeTemplate } from './templates';

// A seller's shipping settings: ship-from locations, S7 handling days per carrier, enabled services and zone limits.
// Every query names the seller: a location, template or offer of another seller is "not found".

export type ShipFrom = typeof shipFromLocations.$inferSelect;
export type SellerService = CarrierService & { enabled: boolean; maxZone: number };

// Default handling for a carrier a location has no rows for yet: weekdays 14:00 / 17:00, weekends 10:30 / 13:00.
export function defaultHandling(loc: Pick<ShipFrom, 'saturdayOperations' | 'sundayOperations'>): HandlingDay[] {
  return [0, 1, 2, 3, 4, 5, 6].map((weekday) => {
    const weekend = weekday === 0 || weekday === 6;
    return { weekday, operating: weekday === 6 ? loc.saturdayOperations : weekday === 0 ? loc.sundayOperations : true, orderCutoff: weekend ? '10:30' : '14:00', lastPickup: weekend ? '13:00' : '17:00' };
  });
}

// The handling issues shown follow the seller's program status: Prime rules are errors ("Needs attention") only for a
// seller they bind (rules.primeRulesApply); anyone else sees them as notes naming them Prime requirements.
export async function getShippingSettings(sellerId: string) {
  const db = await getDb();
  const [locations, handling, enabled, all, primeState] = await Promise.all([
    db.select().from(shipFromLocations).where(eq(shipFromLocations.sellerId, sellerId)).orderBy(asc(shipFromLocations.createdAt)).limit(50),
    db.select().from(orderHandlingCutoffs).where(eq(orderHandlingCutoffs.sellerId, sellerId)),
    db.select().from(sellerCarrierServices).where(eq(sellerCarrierServices.sellerId, sellerId)),
    listCarrierServices(db),
    getSellerPrimeState(db, sellerId),
  ]);
  const prime = primeState ? primeRulesApply(primeState.status) : false;
  const mine = new Map(enabled.map((e) => [e.carrierServiceId, e]));
  const services: SellerService[] = all.map((s) => ({ ...s, enabled: mine.get(s.id)?.enabled ?? false, maxZone: mine.get(s.id)?.maxZone ?? 8 }));
  const carriers = [...new Set(services.filter((s) => s.enabled).map((s) => s.carrier))];
  return {
    locations: locations.map((loc) => ({
      ...loc,
      handling: carriers.map((carrier) => {
        const rows = handling.filter((h) => h.shipFromId === loc.id && h.carrier === carrier);
        const days = rows.length === 7 ? rows.sort((a, b) => a.weekday - b.weekday).map((h) => ({ weekday: h.weekday, operating: h.operating, orderCutoff: hhmm(h.orderCutoff), lastPickup: hhmm(h.lastPickup) })) : defaultHandling(loc);
        const issues = handlingIssues(days, loc, prime);
        const saved = rows.length === 7;
        return { carrier, saved, days, issues, notes: saved ? notesOf(issues) : [] };
      }),
    })),
    services,
  };
}

const DAY_NAME = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
// The issues a save keeps as notes (flags and Prime requirements of a seller outside the program), one line per day.
const notesOf = (issues: (HandlingIssue & { weekday: number })[]) => issues.filter((i) => i.level === 'warning').map((i) => `${DAY_NAME[i.weekday]}: ${i.message}`);

function handlingIssues(days: HandlingDay[], loc: Pick<ShipFrom, 'saturdayOperations' | 'sundayOperations'>, prime: boolean): (HandlingIssue & { weekday: number })[] {
  return checkHandlingWeek(days, loc, handlingPolicy(config().sfp, prime));
}

export async function saveShipFrom(sellerId: string, input: z.output<typeof shipFromSchema>): Promise<{ id: string }> {
  const db = await getDb();
  const zip3 = zip3Of(input.zip)!;
  const timeZone = input.timeZone || timeZoneForZip(input.zip)!;
  const values = { name: input.name, line1: input.line1, line2: input.line2 || null, city: input.city, state: input.state, zip: input.zip.slice(0, 5), zip3, timeZone, saturdayOperations: input.saturdayOperations, sundayOperations: input.sundayOperations };
  const id = await db.transaction(async (tx) => {
    if (input.id) {
      const [row] = await tx.update(shipFromLocations).set(values).where(and(eq(shipFromLocations.id, input.id), eq(shipFromLocations.sellerId, sellerId))).returning({ id: shipFromLocations.id });
      if (!row) throw new AppError('NOT_FOUND', 'That ship-from location could not be found.');
      // The ZIP may have moved: zones change, so do the templates shipping from here.
      const ts = await tx.select({ id: shippingTemplates.id }).from(shippingTemplates).where(and(eq(shippingTemplates.sellerId, sellerId), eq(shippingTemplates.shipFromId, row.id)));
      for (const t of ts) await recomputeTemplate(tx, t.id);
      // Its weekend days may have changed: so have the rows that count for the daily evaluation.
      await refreshSellerOperations(tx, [sellerId]);
      return row.id;
    }
    const [first] = await tx.select({ id: shipFromLocations.id }).from(shipFromLocations).where(eq(shipFromLocations.sellerId, sellerId)).limit(1);
    const [row] = await tx.insert(shipFromLocations).values({ sellerId, ...values, isDefault: !first }).returning({ id: shipFromLocations.id });
    await refreshSellerOperations(tx, [sellerId]);
    return row.id;
  });
  invalidatePromiseCache();
  return { id };
}

// Saves one carrier's week at one location. For a Prime seller (trial, enrolled or working back to eligibility) an
// early cut-off is refused; a pickup before the cut-off is refused for everyone; an early pickup is saved and flagged.
export async function saveHandling(sellerId: string, primeStatus: PrimeProgramStatus, input: z.output<typeof handlingSchema>): Promise<{ warnings: string[] }> {
  const db = await getDb();
  const [loc] = await db.select().from(shipFromLocations).where(and(eq(shipFromLocations.id, input.shipFromId), eq(shipFromLocations.sellerId, sellerId)));
  if (!loc) throw new AppError('NOT_FOUND', 'That ship-from location could not be found.');
  const days = [...input.days].sort((a, b) => a.weekday - b.weekday);
  if (days.some((d, i) => d.weekday !== i)) throw new AppError('VALIDATION', 'Give each weekday once.');
  const issues = handlingIssues(days, loc, primeRulesApply(primeStatus));
  const errors = issues.filter((i) => i.level === 'error');
  if (errors.length > 0) {
    const fieldErrors: Record<string, string[]> = {};
    for (const e of errors) (fieldErrors[`days.${e.weekday}.${e.field}`] ??= []).push(e.message);
    throw new AppError('VALIDATION', errors.length === 1 ? errors[0].message : 'Some days can’t be saved as they are: see the highlighted times.', { fieldErrors });
  }
  await db.transaction(async (tx) => {
    for (const d of days) {
      const row = { shipFromId: loc.id, sellerId, carrier: input.carrier, weekday: d.weekday, operating: d.operating, orderCutoff: d.orderCutoff, lastPickup: d.lastPickup };
      await tx
        .insert(orderHandlingCutoffs)
        .values(row)
        .onConflictDoUpdate({ target: [orderHandlingCutoffs.shipFromId, orderHandlingCutoffs.carrier, orderHandlingCutoffs.weekday], set: { operating: row.operating, orderCutoff: row.orderCutoff, lastPickup: row.lastPickup } });
    }
    await refreshSellerOperations(tx, [sellerId]);
  });
  invalidatePromiseCache();
  return { warnings: notesOf(issues) };
}

// Enables services and sets their zone limits; every template is recomputed (S20: automated regions follow).
export async function saveServices(sellerId: string, input: z.output<typeof servicesSchema>) {
  const db = await getDb();
  const known = new Set((await listCarrierServices(db)).map((s) => s.id));
  const unknown = input.services.find((s) => !known.has(s.serviceId));
  if (unknown) throw new AppError('VALIDATION', 'That carrier service is not one we offer. Reload the page and try again.');
  await db.transaction(async (tx) => {
    for (const s of input.services) {
      await tx
        .insert(sellerCarrierServices)
        .values({ sellerId, carrierServiceId: s.serviceId, enabled: s.enabled, maxZone: s.maxZone })
        .onConflictDoUpdate({ target: [sellerCarrierServices.sellerId, sellerCarrierServices.carrierServiceId], set: { enabled: s.enabled, maxZone: s.maxZone, updatedAt: new Date() } });
    }
    await recomputeSellerTemplates(tx, sellerId);
    await refreshSellerOperations(tx, [sellerId]);
  });
  invalidatePromiseCache();
}

// An offer's parcel dimensions and weight give its size tier. The tier and the weight are stored once, on the catalog's
// offer (lib/catalog setOfferParcel): the promise, the badge and Buy Shipping all read them there. The dimensions and
// the chosen template stay here. The template must be one of the seller's, of the parcel's tier.
export async function saveOfferProfile(sellerId: string, input: z.output<typeof offerProfileSchema>) {
  const db = await getDb();
  const weightOz = Math.max(1, Math.round(input.weightLb * 16));
  const sizeTier = sizeTierOf({ lengthIn: input.lengthIn, widthIn: input.widthIn, heightIn: input.heightIn, weightOz });
  await db.transaction(async (tx) => {
    if (!(await setOfferParcel(tx, { sellerId, offerId: input.offerId, sizeTier, weightOz }))) throw new AppError('NOT_FOUND', 'That offer could not be found.');
    let templateId: string | null = null;
    if (input.templateId) {
      const [t] = await tx.select({ id: shippingTemplates.id, sizeTier: shippingTemplates.sizeTier }).from(shippingTemplates).where(and(eq(shippingTemplates.id, input.templateId), eq(shippingTemplates.sellerId, sellerId)));
      if (!t) throw new AppError('NOT_FOUND', 'That template could not be found.');
      const wanted = sizeTier === 'standard' ? 'a standard-size' : 'an oversize';
      if (t.sizeTier !== sizeTier) throw new AppError('VALIDATION', `This parcel is ${sizeTier === 'standard' ? 'standard-size' : 'oversize'}: choose ${wanted} template.`, { fieldErrors: { templateId: [`Choose ${wanted} template.`] } });
      templateId = t.id;
    }
    const values = { sellerId, lengthIn: input.lengthIn, widthIn: input.widthIn, heightIn: input.heightIn, templateId, updatedAt: new Date() };
    await tx.insert(offerShippingProfiles).values({ offerId: input.offerId, ...values }).onConflictDoUpdate({ target: offerShippingProfiles.offerId, set: values });
  });
  invalidatePromiseCache();
  return { sizeTier };
}

// The dimensions and template of the seller's offers (their tier and weight are on the catalog's offer).
export async function listOfferProfiles(sellerId: string) {
  const db = await getDb();
  return db.select().from(offerShippingProfiles).where(eq(offerShippingProfiles.sellerId, sellerId)).limit(500);
}

export async function listShipFromLocations(sellerId: string) {
  const db = await getDb();
  return db.select().from(shipFromLocations).where(eq(shipFromLocations.sellerId, sellerId)).orderBy(asc(shipFromLocations.createdAt)).limit(50);
}

