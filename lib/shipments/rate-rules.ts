import type { LocalDate } from '@/lib/calendar';
import type { CarrierService } from '@/lib/shipping/carriers';
import { deliveryEstimate, type HandlingDay } from '@/lib/shipping/rules';

// Pure: which carrier services can ship an order and what each would cost and promise (the getRates answer). The
// delivery arithmetic is lib/shipping's deliveryEstimate (cut-offs, operating days, carrier pickup and delivery days,
// holidays), so a label's promise is computed the way the buyer's promise was.

export const INELIGIBILITY_CODES = ['NO_COVERAGE', 'PICKUP_SLOT_RESTRICTION', 'SIZE_RESTRICTIONS', 'WEIGHT_RESTRICTIONS', 'LATE_DELIVERY', 'PROGRAM_CONSTRAINTS', 'UNKNOWN'] as const;
export type IneligibilityCode = (typeof INELIGIBILITY_CODES)[number];

export type Rate = {
  rateId: string; // the service id: unique within one quote
  carrierId: string; // 'UPS' | 'FEDEX' | 'USPS'
  carrierName: string;
  serviceId: string;
  serviceName: string;
  totalChargeCents: number;
  billedWeightOz: number;
  shipDate: LocalDate;
  transitDays: number;
  pickupWindow: { start: string; end: string };
  deliveryWindow: { start: string; end: string };
  deliveryDate: LocalDate;
  // Amazon's benefit: a label bought here, shipped on time and delivered late, is not held against the seller.
  claimsProtected: boolean;
};

export type IneligibleRate = { serviceId: string; serviceName: string; carrierId: string; carrierName: string; ineligibilityReasons: { code: IneligibilityCode; message: string }[] };

export type OrderPromiseInput = { expectedShipDate: LocalDate; promisedDeliveryDate: LocalDate; promisedDeliveryBy: Date } | null;

export type RatesInput = {
  now: Date;
  services: CarrierService[];
  // The seller's handling days per carrier at the ship-from (lib/shipping's settings); a carrier missing here falls
  // back to `defaultHandling` (Monday-Friday, cut-off 14:00, pickup 17:00) so a seller who has not set up a carrier
  // still gets honest dates for it.
  handlingByCarrier: Map<string, HandlingDay[]>;
  tz: string;
  destinationTz: string;
  zone: number | null;
  weightOz: number;
  promise: OrderPromiseInput;
};

const day = (d: LocalDate) => new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));

export const carrierIdOf = (carrier: string) => carrier.toUpperCase();

export const defaultHandling: HandlingDay[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, operating: true, orderCutoff: '14:00', lastPickup: '17:00' }));

export function labelPriceCents(s: Pick<CarrierService, 'rateBaseCents' | 'ratePerZoneCents' | 'ratePerLbCents'>, zone: number, weightOz: number): number {
  if (!Number.isInteger(zone) || zone < 1 || zone > 8) throw new RangeError(`Bad zone ${zone}`);
  if (!Number.isInteger(weightOz) || weightOz <= 0) throw new RangeError(`Bad weight ${weightOz}`);
  const lbs = Math.ceil(weightOz / 16);
  return s.rateBaseCents + s.ratePerZoneCents * (zone - 1) + s.ratePerLbCents * (lbs - 1);
}

export function computeRates(input: RatesInput): { rates: Rate[]; ineligibleRates: IneligibleRate[] } {
  const eligible: Rate[] = [];
  const late: Rate[] = [];
  const ineligible: IneligibleRate[] = [];
  const no = (s: CarrierService, code: IneligibilityCode, message: string) =>
    ineligible.push({ serviceId: s.id, serviceName: s.name, carrierId: carrierIdOf(s.carrier), carrierName: s.carrier, ineligibilityReasons: [{ code, message }] });

  for (const s of input.services) {
    if (s.specialOperatingPlan) {
      no(s, 'PROGRAM_CONSTRAINTS', 'Under a special operating plan: not sold through Buy Shipping (record its tracking with “Ship without Buy Shipping”).');
      continue;
    }
    if (input.zone === null) {
      no(s, 'NO_COVERAGE', 'The carrier does not serve this destination ZIP code.');
      continue;
    }
    if (input.weightOz > s.maxWeightLb * 16) {
      no(s, 'WEIGHT_RESTRICTIONS', `Parcels over ${s.maxWeightLb} lb are not accepted by this service.`);
      continue;
    }
    const est = deliveryEstimate({
      orderedAt: input.now,
      tz: input.tz,
      cutoffs: input.handlingByCarrier.get(s.carrier) ?? defaultHandling,
      service: s,
      zone: input.zone,
      destinationTz: input.destinationTz,
    });
    if (!est) {
      no(s, 'PICKUP_SLOT_RESTRICTION', 'No pickup with this carrier in the next three weeks on your operating days.');
      continue;
    }
    const meets = input.promise ? est.deliveryDate <= input.promise.promisedDeliveryDate : true;
    const shipsOnTime = input.promise ? est.shipDate <= input.promise.expectedShipDate : true;
    const rate: Rate = {
      rateId: s.id,
      carrierId: carrierIdOf(s.carrier),
      carrierName: s.carrier,
      serviceId: s.id,
      serviceName: s.name,
      totalChargeCents: labelPriceCents(s, input.zone, input.weightOz),
      billedWeightOz: Math.ceil(input.weightOz / 16) * 16,
      shipDate: est.shipDate,
      transitDays: est.transitDays,
      pickupWindow: { start: est.pickupWindow.start.toISOString(), end: est.pickupWindow.end.toISOString() },
      deliveryWindow: { start: est.deliveryWindow.start.toISOString(), end: est.deliveryWindow.end.toISOString() },
      deliveryDate: est.deliveryDate,
      claimsProtected: Boolean(input.promise) && meets && shipsOnTime,
    };
    (meets ? eligible : late).push(rate);
  }
  // Services that would deliver after the promise are not offered while another meets it. When none can (the order
  // is already late), the seller may still buy one, marked "Late delivery risk" (no claims protection).
  let rates = eligible;
  if (eligible.length > 0) {
    for (const r of late) {
      ineligible.push({
        serviceId: r.serviceId,
        serviceName: r.serviceName,
        carrierId: r.carrierId,
        carrierName: r.carrierName,
        ineligibilityReasons: [{ code: 'LATE_DELIVERY', message: `Would arrive ${day(r.deliveryDate)}, after the promised delivery date (${day(input.promise!.promisedDeliveryDate)}).` }],
      });
    }
  } else rates = late;
  // Protected rates cheapest first; when every rate is late, the one that arrives soonest first (the buyer is waiting).
  rates.sort((a, b) =>
    Number(b.claimsProtected) - Number(a.claimsProtected) ||
    (a.claimsProtected ? a.totalChargeCents - b.totalChargeCents : a.deliveryDate.localeCompare(b.deliveryDate)) ||
    a.totalChargeCents - b.totalChargeCents,
  );
  return { rates, ineligibleRates: ineligible };
}
