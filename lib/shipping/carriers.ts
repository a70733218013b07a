// Carriers and services as data (seeded into carrier_services by db/seed/shipping.ts; the table is the source the app
// reads). Pure: rules and tests use these shapes directly.
//
// Transit: the carrier's published ground/air day counts by zone (1..8), in the days the service delivers.
// Weekend capabilities: SPEC S17 (the seed table) per service family:
//   UPS Ground / FedEx Ground: Saturday pickup limited, no Saturday drop-off, Sunday pickup limited, no Sunday drop-off.
//   UPS Air and FedEx Express: Saturday pickup and drop-off yes, Sunday no. FedEx Home Delivery: no weekend service.
//   USPS (all services): Saturday pickup and drop-off yes, Sunday pickup and drop-off limited.
// Rates (cents) are quote parameters for the Buy Shipping simulator: base + per zone above 1 + per pound above the first.

export type WeekendCapability = 'yes' | 'limited' | 'no';
export type CarrierService = {
  id: string;
  carrier: string;
  name: string;
  transitDays: number[]; // index 0 = zone 1
  deliveryWeekdays: number[]; // 0 = Sunday .. 6 = Saturday
  saturdayPickup: WeekendCapability;
  saturdayDropOff: WeekendCapability;
  sundayPickup: WeekendCapability;
  sundayDropOff: WeekendCapability;
  specialOperatingPlan: boolean;
  rateBaseCents: number;
  ratePerZoneCents: number;
  ratePerLbCents: number;
  maxWeightLb: number;
  sortOrder: number;
};

export const CARRIERS = ['UPS', 'FedEx', 'USPS', 'OnTrac'] as const;
export type Carrier = (typeof CARRIERS)[number];

const MON_FRI = [1, 2, 3, 4, 5];
const MON_SAT = [1, 2, 3, 4, 5, 6];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

const groundWeekend = { saturdayPickup: 'limited', saturdayDropOff: 'no', sundayPickup: 'limited', sundayDropOff: 'no' } as const;
const expressWeekend = { saturdayPickup: 'yes', saturdayDropOff: 'yes', sundayPickup: 'no', sundayDropOff: 'no' } as const;
const noWeekend = { saturdayPickup: 'no', saturdayDropOff: 'no', sundayPickup: 'no', sundayDropOff: 'no' } as const;
const uspsWeekend = { saturdayPickup: 'yes', saturdayDropOff: 'yes', sundayPickup: 'limited', sundayDropOff: 'limited' } as const;

export const CARRIER_SERVICES: CarrierService[] = [
  { id: 'ups-ground', carrier: 'UPS', name: 'UPS Ground', transitDays: [1, 1, 2, 3, 3, 4, 4, 5], deliveryWeekdays: MON_FRI, ...groundWeekend, specialOperatingPlan: false, rateBaseCents: 895, ratePerZoneCents: 85, ratePerLbCents: 60, maxWeightLb: 150, sortOrder: 10 },
  { id: 'ups-2nd-day-air', carrier: 'UPS', name: 'UPS 2nd Day Air', transitDays: [2, 2, 2, 2, 2, 2, 2, 2], deliveryWeekdays: MON_SAT, ...expressWeekend, specialOperatingPlan: false, rateBaseCents: 1895, ratePerZoneCents: 240, ratePerLbCents: 190, maxWeightLb: 150, sortOrder: 11 },
  { id: 'ups-next-day-air', carrier: 'UPS', name: 'UPS Next Day Air', transitDays: [1, 1, 1, 1, 1, 1, 1, 1], deliveryWeekdays: MON_SAT, ...expressWeekend, specialOperatingPlan: false, rateBaseCents: 3495, ratePerZoneCents: 420, ratePerLbCents: 310, maxWeightLb: 150, sortOrder: 12 },
  { id: 'fedex-ground', carrier: 'FedEx', name: 'FedEx Ground', transitDays: [1, 1, 2, 3, 3, 4, 4, 5], deliveryWeekdays: MON_FRI, ...groundWeekend, specialOperatingPlan: false, rateBaseCents: 885, ratePerZoneCents: 85, ratePerLbCents: 58, maxWeightLb: 150, sortOrder: 20 },
  { id: 'fedex-home-delivery', carrier: 'FedEx', name: 'FedEx Home Delivery', transitDays: [1, 1, 2, 3, 3, 4, 4, 5], deliveryWeekdays: MON_FRI, ...noWeekend, specialOperatingPlan: false, rateBaseCents: 925, ratePerZoneCents: 90, ratePerLbCents: 62, maxWeightLb: 70, sortOrder: 21 },
  { id: 'fedex-2day', carrier: 'FedEx', name: 'FedEx 2Day', transitDays: [2, 2, 2, 2, 2, 2, 2, 2], deliveryWeekdays: MON_SAT, ...expressWeekend, specialOperatingPlan: false, rateBaseCents: 1875, ratePerZoneCents: 235, ratePerLbCents: 185, maxWeightLb: 150, sortOrder: 22 },
  { id: 'fedex-standard-overnight', carrier: 'FedEx', name: 'FedEx Standard Overnight', transitDays: [1, 1, 1, 1, 1, 1, 1, 1], deliveryWeekdays: MON_SAT, ...expressWeekend, specialOperatingPlan: false, rateBaseCents: 3395, ratePerZoneCents: 410, ratePerLbCents: 300, maxWeightLb: 150, sortOrder: 23 },
  { id: 'usps-ground-advantage', carrier: 'USPS', name: 'USPS Ground Advantage', transitDays: [2, 2, 3, 3, 4, 4, 5, 5], deliveryWeekdays: MON_SAT, ...uspsWeekend, specialOperatingPlan: false, rateBaseCents: 545, ratePerZoneCents: 45, ratePerLbCents: 75, maxWeightLb: 70, sortOrder: 30 },
  { id: 'usps-priority-mail', carrier: 'USPS', name: 'USPS Priority Mail', transitDays: [1, 1, 2, 2, 2, 3, 3, 3], deliveryWeekdays: MON_SAT, ...uspsWeekend, specialOperatingPlan: false, rateBaseCents: 895, ratePerZoneCents: 110, ratePerLbCents: 95, maxWeightLb: 70, sortOrder: 31 },
  // A regional carrier the seller contracts directly, under a special operating plan: it can carry Prime orders but
  // is not sold through Buy Shipping, and its packages are exempt from the Buy Shipping requirement.
  { id: 'ontrac-ground', carrier: 'OnTrac', name: 'OnTrac Ground (special operating plan)', transitDays: [1, 1, 1, 2, 2, 3, 3, 4], deliveryWeekdays: MON_SAT, ...noWeekend, specialOperatingPlan: true, rateBaseCents: 795, ratePerZoneCents: 70, ratePerLbCents: 50, maxWeightLb: 150, sortOrder: 40 },
  { id: 'usps-priority-mail-express', carrier: 'USPS', name: 'USPS Priority Mail Express', transitDays: [1, 1, 1, 1, 2, 2, 2, 2], deliveryWeekdays: EVERY_DAY, ...uspsWeekend, specialOperatingPlan: false, rateBaseCents: 2995, ratePerZoneCents: 320, ratePerLbCents: 210, maxWeightLb: 70, sortOrder: 32 },
];

export type WeekendMatrixRow = { service: string; saturdayPickup: WeekendCapability; saturdayDropOff: WeekendCapability; sundayPickup: WeekendCapability; sundayDropOff: WeekendCapability };

export const WEEKEND_LABEL: Record<WeekendCapability, string> = { yes: 'Yes', limited: 'Limited', no: 'No' };
