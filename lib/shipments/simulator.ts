import type { EventCode, Scenario } from './rules';

// The carrier simulator: what a carrier would report for a parcel, as a timed list of events. Pure, so the demo seed
// can plan ninety days of history and tests can plan a stream; lib/shipments/simulator-job.ts plays a plan through the
// signed carrier webhook, one event when its time comes.

export type Place = { city: string; state: string; zip: string };

export type PlannedCarrierEvent = {
  eventId: string;
  trackingId: string;
  eventCode: EventCode;
  eventTime: Date;
  location: { city: string; stateOrRegion: string; postalCode: string; countryCode: 'US' };
  message?: string;
};

export type PlanInput = {
  trackingId: string;
  scenario: Scenario;
  // When the label was bought: the plan starts from here.
  labelCreatedAt: Date;
  shipFrom: Place;
  shipTo: Place;
  // Business days in transit the service quoted (1 = next day).
  transitDays?: number;
  // The order's promise (end of the promised day at the destination). With the realistic pace a 'late' parcel is
  // delivered the day after it, so it is late by the promise, not only by the transit estimate.
  promisedDeliveryBy?: Date | null;
  // 'realistic': carrier timing (pickup the same afternoon, one facility scan per day, delivery on the last day) for
  // seeds and history; { stepSeconds }: every event that many seconds after the previous one, so a person watching
  // in development sees a parcel travel within a minute or two.
  pace?: 'realistic' | { stepSeconds: number };
};

const HOUR = 3_600_000;

// Days in transit for the scenarios: where each event happens and how long after the label, in hours (realistic pace).
function steps(input: PlanInput): { code: EventCode; at: 'origin' | 'hub' | 'destination'; hours: number; message?: string }[] {
  const days = Math.max(1, input.transitDays ?? 2);
  const last = days * 24; // delivery day, roughly the same hour as the label plus one day per transit day
  const pickup = 3;
  const base: ReturnType<typeof steps> = [
    { code: 'ReadyForReceive', at: 'origin', hours: 0 },
    { code: 'PickupDone', at: 'origin', hours: pickup },
    { code: 'ArrivedAtCarrierFacility', at: 'origin', hours: pickup + 2 },
    { code: 'Departed', at: 'origin', hours: pickup + 5 },
  ];
  if (days > 1) base.push({ code: 'ArrivedAtCarrierFacility', at: 'hub', hours: Math.round(last / 2) + 2 }, { code: 'Departed', at: 'hub', hours: Math.round(last / 2) + 6 });
  base.push({ code: 'ArrivedAtCarrierFacility', at: 'destination', hours: last - 6 });
  switch (input.scenario) {
    case 'on_time':
      return [...base, { code: 'OutForDelivery', at: 'destination', hours: last - 3 }, { code: 'Delivered', at: 'destination', hours: last + 2 }];
    case 'late': {
      // A day after the transit estimate, and in any case about 14 hours after the promised day ended (the next
      // afternoon at the destination), so weekends and holidays in the promise can't make it on time.
      const promiseHours = input.promisedDeliveryBy ? (input.promisedDeliveryBy.getTime() - input.labelCreatedAt.getTime()) / HOUR : -Infinity;
      const delivered = Math.max(last + 26, Math.ceil(promiseHours) + 14);
      return [
        ...base,
        { code: 'Departed', at: 'destination', hours: last - 2, message: 'Delayed: missed the last connection' },
        { code: 'ArrivedAtCarrierFacility', at: 'destination', hours: delivered - 8 },
        { code: 'OutForDelivery', at: 'destination', hours: delivered - 5 },
        { code: 'Delivered', at: 'destination', hours: delivered },
      ];
    }
    case 'attempted':
      return [
        ...base,
        { code: 'OutForDelivery', at: 'destination', hours: last - 3 },
        { code: 'DeliveryAttempted', at: 'destination', hours: last + 2, message: 'No one available to receive the parcel' },
        { code: 'OutForDelivery', at: 'destination', hours: last + 21 },
        { code: 'Delivered', at: 'destination', hours: last + 26 },
      ];
    case 'lost':
      return [...base.slice(0, 4), { code: 'Lost', at: 'hub', hours: last + 5 * 24, message: 'The carrier could not locate the parcel' }];
    case 'returned':
      return [
        ...base,
        { code: 'OutForDelivery', at: 'destination', hours: last - 3 },
        { code: 'Undeliverable', at: 'destination', hours: last + 2, message: 'Address could not be found' },
        { code: 'ReturnInitiated', at: 'destination', hours: last + 20, message: 'Returning to sender' },
      ];
    case 'no_scan':
      return [base[0]];
  }
}

// Every event id is derived from the tracking number and the step, so planning a parcel twice yields the same events
// (and the webhook stores them once).
export function planCarrierEvents(input: PlanInput): PlannedCarrierEvent[] {
  const pace = input.pace ?? 'realistic';
  const plan = steps(input);
  const hub: Place = { city: 'Memphis', state: 'TN', zip: '38118' };
  return plan.map((s, i) => {
    const place = s.at === 'origin' ? input.shipFrom : s.at === 'destination' ? input.shipTo : hub;
    const offsetMs = pace === 'realistic' ? s.hours * HOUR : i * pace.stepSeconds * 1000;
    return {
      eventId: `${input.trackingId}-${String(i + 1).padStart(2, '0')}-${s.code}`,
      trackingId: input.trackingId,
      eventCode: s.code,
      eventTime: new Date(input.labelCreatedAt.getTime() + offsetMs),
      location: { city: place.city, stateOrRegion: place.state, postalCode: place.zip, countryCode: 'US' },
      ...(s.message ? { message: s.message } : {}),
    };
  });
}
