import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { sellerCarrierServices, shipFromLocations, shippingTemplateRegions, shippingTemplates, templateZip3Promises } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { ZIP3_TABLE } from './geo';
import { refreshCombinedCoverage } from './operations';
import { invalidatePromiseCache } from './promise';
import { automateRegions, coverageOf, resolveManualRegions, type EnabledService, type ManualRegion, type Zip3Promise } from './rules';
import { listCarrierServices } from './services';

// Prime templates: regions (by hand or automated, S20), their precomputed ZIP3 promises (the product page's lookup)
// and coverage. Every reader takes the seller id and puts it in the WHERE: another seller's template is "not found".

export async function enabledServicesOf(tx: Database, sellerId: string): Promise<EnabledService[]> {
  const [rows, all] = await Promise.all([
    tx.select().from(sellerCarrierServices).where(and(eq(sellerCarrierServices.sellerId, sellerId), eq(sellerCarrierServices.enabled, true))),
    listCarrierServices(tx),
  ]);
  const byId = new Map(all.map((s) => [s.id, s]));
  return rows.flatMap((r) => {
    const s = byId.get(r.carrierServiceId);
    return s ? [{ id: s.id, transitDays: s.transitDays, maxZone: r.maxZone, rateBaseCents: s.rateBaseCents, ratePerZoneCents: s.ratePerZoneCents }] : [];
  });
}

// Recomputes one template's ZIP3 promises and coverage from its regions (or, automated, from the enabled services).
// Called in the transaction that changed the regions, a service or a zone limit.
export async function recomputeTemplate(tx: Database, templateId: string): Promise<{ promises: Map<string, Zip3Promise>; unreachable: string[] }> {
  const [t] = await tx
    .select({ id: shippingTemplates.id, sellerId: shippingTemplates.sellerId, automated: shippingTemplates.automated, shipFromZip3: shipFromLocations.zip3 })
    .from(shippingTemplates)
    .innerJoin(shipFromLocations, eq(shipFromLocations.id, shippingTemplates.shipFromId))
    .where(eq(shippingTemplates.id, templateId));
  if (!t) throw new AppError('NOT_FOUND', 'That template could not be found.');
  const services = await enabledServicesOf(tx, t.sellerId);
  let result: { promises: Map<string, Zip3Promise>; unreachable: string[] };
  if (t.automated) {
    result = { promises: automateRegions(services, t.shipFromZip3, ZIP3_TABLE), unreachable: [] };
  } else {
    const regions = await tx.select({ kind: shippingTemplateRegions.kind, code: shippingTemplateRegions.code, level: shippingTemplateRegions.level }).from(shippingTemplateRegions).where(eq(shippingTemplateRegions.templateId, templateId));
    result = resolveManualRegions(regions as ManualRegion[], services, t.shipFromZip3, ZIP3_TABLE);
  }
  const cov = coverageOf(result.promises, ZIP3_TABLE);
  await tx.delete(templateZip3Promises).where(eq(templateZip3Promises.templateId, templateId));
  const values = [...result.promises.values()].map((p) => ({ templateId, zip3: p.zip3, level: p.level, carrierServiceId: p.serviceId, zone: p.zone, transitDays: p.transitDays }));
  for (let i = 0; i < values.length; i += 500) await tx.insert(templateZip3Promises).values(values.slice(i, i + 500));
  await tx
    .update(shippingTemplates)
    .set({ oneDayShare: cov.oneDayShare, twoDayShare: cov.twoDayShare, nationwide: cov.nationwide, missingStates: cov.missingStates, coverageComputedAt: new Date(), updatedAt: new Date() })
    .where(eq(shippingTemplates.id, templateId));
  // A seller with several standard-size templates keeps their combined coverage (what the daily evaluation reads).
  await refreshCombinedCoverage(tx, t.sellerId);
  return result;
}

// After a service or a zone limit changes (S20): every template of the seller depends on the enabled services.
export async function recomputeSellerTemplates(tx: Database, sellerId: string) {
  const ts = await tx.select({ id: shippingTemplates.id }).from(shippingTemplates).where(eq(shippingTemplates.sellerId, sellerId));
  for (const t of ts) await recomputeTemplate(tx, t.id);
}

export type TemplateSummary = typeof shippingTemplates.$inferSelect & { shipFromName: string };

export async function listTemplates(sellerId: string): Promise<TemplateSummary[]> {
  const db = await getDb();
  return db
    .select({ ...tableColumns(), shipFromName: shipFromLocations.name })
    .from(shippingTemplates)
    .innerJoin(shipFromLocations, eq(shipFromLocations.id, shippingTemplates.shipFromId))
    .where(eq(shippingTemplates.sellerId, sellerId))
    .orderBy(asc(shippingTemplates.sizeTier), asc(shippingTemplates.createdAt))
    .limit(100);
}

function tableColumns() {
  const { id, sellerId, name, sizeTier, shipFromId, automated, isDefault, oneDayShare, twoDayShare, nationwide, missingStates, coverageComputedAt, createdAt, updatedAt } = shippingTemplates;
  return { id, sellerId, name, sizeTier, shipFromId, automated, isDefault, oneDayShare, twoDayShare, nationwide, missingStates, coverageComputedAt, createdAt, updatedAt };
}

export async function getTemplate(sellerId: string, templateId: string) {
  const db = await getDb();
  const [t] = await db
    .select({ ...tableColumns(), shipFromName: shipFromLocations.name, shipFromZip3: shipFromLocations.zip3 })
    .from(shippingTemplates)
    .innerJoin(shipFromLocations, eq(shipFromLocations.id, shippingTemplates.shipFromId))
    .where(and(eq(shippingTemplates.id, templateId), eq(shippingTemplates.sellerId, sellerId)));
  if (!t) return null;
  const [regions, promises] = await Promise.all([
    db.select({ kind: shippingTemplateRegions.kind, code: shippingTemplateRegions.code, level: shippingTemplateRegions.level }).from(shippingTemplateRegions).where(eq(shippingTemplateRegions.templateId, templateId)),
    db.select({ zip3: templateZip3Promises.zip3, level: templateZip3Promises.level, serviceId: templateZip3Promises.carrierServiceId, zone: templateZip3Promises.zone, transitDays: templateZip3Promises.transitDays }).from(templateZip3Promises).where(eq(templateZip3Promises.templateId, templateId)),
  ]);
  return { ...t, regions: regions as ManualRegion[], promises };
}

// Creating or changing a template changes the promises buyers see: this process's cached plans are dropped once the
// change has committed (the product page shows the new promise at once; other instances within the cache's TTL).
export async function createTemplate(sellerId: string, input: { name: string; sizeTier: 'standard' | 'oversize'; shipFromId: string; automated: boolean; regions: ManualRegion[] }) {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [loc] = await tx.select({ id: shipFromLocations.id }).from(shipFromLocations).where(and(eq(shipFromLocations.id, input.shipFromId), eq(shipFromLocations.sellerId, sellerId)));
    if (!loc) throw new AppError('VALIDATION', 'Choose one of your ship-from locations.', { fieldErrors: { shipFromId: ['Choose one of your ship-from locations.'] } });
    const [hasDefault] = await tx.select({ id: shippingTemplates.id }).from(shippingTemplates).where(and(eq(shippingTemplates.sellerId, sellerId), eq(shippingTemplates.sizeTier, input.sizeTier), eq(shippingTemplates.isDefault, true))).limit(1);
    const [t] = await tx
      .insert(shippingTemplates)
      .values({ sellerId, name: input.name, sizeTier: input.sizeTier, shipFromId: loc.id, automated: input.automated, isDefault: !hasDefault })
      .returning({ id: shippingTemplates.id });
    if (!input.automated && input.regions.length > 0) await tx.insert(shippingTemplateRegions).values(dedupe(input.regions).map((r) => ({ templateId: t.id, ...r })));
    const r = await recomputeTemplate(tx, t.id);
    return { id: t.id, unreachable: r.unreachable };
  });
  invalidatePromiseCache();
  return result;
}

export async function updateTemplate(sellerId: string, templateId: string, input: { name: string; shipFromId: string; automated: boolean; regions: ManualRegion[]; isDefault: boolean }) {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [t] = await tx.select({ id: shippingTemplates.id, sizeTier: shippingTemplates.sizeTier }).from(shippingTemplates).where(and(eq(shippingTemplates.id, templateId), eq(shippingTemplates.sellerId, sellerId))).for('update');
    if (!t) throw new AppError('NOT_FOUND', 'That template could not be found.');
    const [loc] = await tx.select({ id: shipFromLocations.id }).from(shipFromLocations).where(and(eq(shipFromLocations.id, input.shipFromId), eq(shipFromLocations.sellerId, sellerId)));
    if (!loc) throw new AppError('VALIDATION', 'Choose one of your ship-from locations.', { fieldErrors: { shipFromId: ['Choose one of your ship-from locations.'] } });
    if (input.isDefault) {
      await tx.update(shippingTemplates).set({ isDefault: false }).where(and(eq(shippingTemplates.sellerId, sellerId), eq(shippingTemplates.sizeTier, t.sizeTier)));
    }
    await tx.update(shippingTemplates).set({ name: input.name, shipFromId: loc.id, automated: input.automated, ...(input.isDefault ? { isDefault: true } : {}), updatedAt: new Date() }).where(eq(shippingTemplates.id, t.id));
    await tx.delete(shippingTemplateRegions).where(eq(shippingTemplateRegions.templateId, t.id));
    if (!input.automated && input.regions.length > 0) await tx.insert(shippingTemplateRegions).values(dedupe(input.regions).map((r) => ({ templateId: t.id, ...r })));
    const r = await recomputeTemplate(tx, t.id);
    return { id: t.id, unreachable: r.unreachable };
  });
  invalidatePromiseCache();
  return result;
}

function dedupe(regions: ManualRegion[]): ManualRegion[] {
  const m = new Map<string, ManualRegion>();
  for (const r of regions) m.set(`${r.kind}:${r.code}`, r);
  return [...m.values()];
}

// Set-based: the standard-size Prime templates' coverage per seller (what the daily evaluation reads). A seller's
// coverage is its default standard-size template's; sellers without one get zero coverage and every state missing.
export async function templatesBySeller(sellerIds?: string[]) {
  const db = await getDb();
  return db
    .select({ sellerId: shippingTemplates.sellerId, id: shippingTemplates.id, isDefault: shippingTemplates.isDefault, oneDayShare: shippingTemplates.oneDayShare, twoDayShare: shippingTemplates.twoDayShare, nationwide: shippingTemplates.nationwide, missingStates: shippingTemplates.missingStates, sizeTier: shippingTemplates.sizeTier })
    .from(shippingTemplates)
    .where(sellerIds ? inArray(shippingTemplates.sellerId, sellerIds) : undefined);
}
