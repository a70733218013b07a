import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../index';
import { carrierServices, offerShippingProfiles, offers, orderHandlingCutoffs, sellerCarrierServices, sellers, shipFromLocations, shippingTemplates } from '../schema';
import { CARRIER_SERVICES } from '../../lib/shipping/carriers';

// Carriers and services are reference data: every start upserts them, so a changed transit table reaches the database.
export async function seedCarrierServices(tx: Database) {
  for (const s of CARRIER_SERVICES) {
    await tx.insert(carrierServices).values(s).onConflictDoUpdate({ target: carrierServices.id, set: s });
  }
}

type DemoShipping = {
  displayName: string;
  location: { name: string; line1: string; city: string; state: string; zip: string; timeZone: string; saturdayOperations: boolean; sundayOperations: boolean };
  services: { id: string; maxZone: number }[];
  cutoff: string; // weekday order cut-off
  weekendCutoff: string;
  pickup: string;
};

// The demo sellers' warehouses and handling: Northwind ships from Denver six days a week with UPS and USPS;
// Harbor from Newark with FedEx and USPS; Greenleaf from Sacramento, weekdays only, ground services (no Prime).
const DEMO: DemoShipping[] = [
  {
    displayName: 'Northwind Outfitters',
    location: { name: 'Denver warehouse', line1: '4800 Dahlia St', city: 'Denver', state: 'CO', zip: '80216', timeZone: 'America/Denver', saturdayOperations: true, sundayOperations: false },
    services: [{ id: 'ups-ground', maxZone: 8 }, { id: 'ups-2nd-day-air', maxZone: 8 }, { id: 'usps-priority-mail', maxZone: 8 }, { id: 'usps-ground-advantage', maxZone: 8 }, { id: 'ups-next-day-air', maxZone: 5 }],
    cutoff: '15:00',
    weekendCutoff: '11:00',
    pickup: '17:00',
  },
  {
    displayName: 'Harbor Electronics',
    location: { name: 'Newark fulfilment centre', line1: '200 Port St', city: 'Newark', state: 'NJ', zip: '07114', timeZone: 'America/New_York', saturdayOperations: true, sundayOperations: false },
    services: [{ id: 'fedex-ground', maxZone: 8 }, { id: 'fedex-2day', maxZone: 8 }, { id: 'usps-priority-mail', maxZone: 8 }, { id: 'fedex-standard-overnight', maxZone: 4 }],
    cutoff: '16:00',
    weekendCutoff: '12:00',
    pickup: '18:00',
  },
  {
    displayName: 'Greenleaf Home',
    location: { name: 'Sacramento shop', line1: '1200 R St', city: 'Sacramento', state: 'CA', zip: '95811', timeZone: 'America/Los_Angeles', saturdayOperations: false, sundayOperations: false },
    services: [{ id: 'usps-ground-advantage', maxZone: 8 }, { id: 'fedex-home-delivery', maxZone: 8 }],
    cutoff: '13:00',
    weekendCutoff: '10:00',
    pickup: '15:30',
  },
];

// The demo sellers' shipping settings and one automated standard-size template each. Idempotent: a seller that
// already has a ship-from location is left alone. `recompute` (lib/shipping) fills the templates' lookup and coverage.
export async function seedDemoShipping(tx: Database, recompute: (tx: Database, templateId: string) => Promise<void>) {
  const rows = await tx.select({ id: sellers.id, displayName: sellers.displayName }).from(sellers).where(inArray(sellers.displayName, DEMO.map((d) => d.displayName)));
  for (const d of DEMO) {
    const seller = rows.find((r) => r.displayName === d.displayName);
    if (!seller) continue;
    const [existing] = await tx.select({ id: shipFromLocations.id }).from(shipFromLocations).where(eq(shipFromLocations.sellerId, seller.id)).limit(1);
    if (existing) continue;
    const [loc] = await tx
      .insert(shipFromLocations)
      .values({ sellerId: seller.id, ...d.location, zip3: d.location.zip.slice(0, 3), isDefault: true })
      .returning({ id: shipFromLocations.id });
    await tx.insert(sellerCarrierServices).values(d.services.map((s) => ({ sellerId: seller.id, carrierServiceId: s.id, maxZone: s.maxZone, enabled: true })));
    const carriers = [...new Set(d.services.map((s) => CARRIER_SERVICES.find((c) => c.id === s.id)!.carrier))];
    const cutoffRows = carriers.flatMap((carrier) =>
      [0, 1, 2, 3, 4, 5, 6].map((weekday) => {
        const weekend = weekday === 0 || weekday === 6;
        const operating = weekday === 6 ? d.location.saturdayOperations : weekday === 0 ? d.location.sundayOperations : true;
        return { shipFromId: loc.id, sellerId: seller.id, carrier, weekday, operating, orderCutoff: weekend ? d.weekendCutoff : d.cutoff, lastPickup: d.pickup };
      }),
    );
    await tx.insert(orderHandlingCutoffs).values(cutoffRows);
    const [tpl] = await tx
      .insert(shippingTemplates)
      .values({ sellerId: seller.id, name: 'Standard-size Prime (automated)', sizeTier: 'standard', shipFromId: loc.id, automated: true, isDefault: true })
      .returning({ id: shippingTemplates.id });
    await recompute(tx, tpl.id);
    // Every offer of the seller ships under it, with demo dimensions well inside the standard size tier (the tier
    // itself is the catalog offer's size_class, standard by default).
    const sellerOffers = await tx.select({ id: offers.id }).from(offers).where(and(eq(offers.sellerId, seller.id), eq(offers.sizeClass, 'standard')));
    if (sellerOffers.length > 0) {
      await tx
        .insert(offerShippingProfiles)
        .values(sellerOffers.map((o) => ({ offerId: o.id, sellerId: seller.id, lengthIn: 12, widthIn: 9, heightIn: 6, templateId: tpl.id })))
        .onConflictDoNothing();
    }
  }
}
