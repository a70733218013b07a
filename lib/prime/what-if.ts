import 'server-only';
import { z } from 'zod';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { ZIP3_TABLE, zip3Of } from '@/lib/shipping/geo';
import { automateRegions, coverageOf, type EnabledService } from '@/lib/shipping/rules';
import { getShippingSettings } from '@/lib/shipping/settings';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour).');
export const whatIfSchema = z.object({
  shipFromId: z.uuid({ message: 'Choose a ship-from location.' }),
  services: z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').filter(Boolean) : []), z.array(z.string().max(60)).max(30)),
  weekdayCutoff: hhmm,
  saturdayCutoff: hhmm,
}).catchall(z.unknown());

export type WhatIfResult = {
  current: { oneDayShare: number; twoDayShare: number; nationwide: boolean; missingStates: string[] };
  projected: { oneDayShare: number; twoDayShare: number; nationwide: boolean; missingStates: string[] };
  cutoffs: { weekdayOk: boolean; saturdayOk: boolean };
  meets: { oneDay: boolean; twoDay: boolean; nationwide: boolean };
};

// "What if": the projected delivery speed and nationwide coverage of automated Prime regions for a set of services and
// zone limits from one ship-from, and whether cut-offs would meet the program's earliest times. Computed with the
// shipping domain's pure functions; nothing is saved.
export async function projectCoverage(sellerId: string, input: z.output<typeof whatIfSchema>, form: Record<string, unknown>): Promise<WhatIfResult> {
  const settings = await getShippingSettings(sellerId);
  const loc = settings.locations.find((l) => l.id === input.shipFromId);
  if (!loc) throw new AppError('NOT_FOUND', 'That ship-from location could not be found.');
  const zip3 = zip3Of(loc.zip);
  if (!zip3) throw new AppError('VALIDATION', 'That location’s ZIP code is not one we know.');
  const pick = (enabled: (id: string) => boolean, zone: (id: string, saved: number) => number): EnabledService[] =>
    settings.services.filter((s) => enabled(s.id)).map((s) => ({ id: s.id, transitDays: s.transitDays, maxZone: zone(s.id, s.maxZone), rateBaseCents: s.rateBaseCents, ratePerZoneCents: s.ratePerZoneCents }));
  const known = new Set(settings.services.map((s) => s.id));
  const chosen = new Set(input.services.filter((id) => known.has(id)));
  const zoneOf = (id: string, saved: number) => {
    const n = Number(form[`zone_${id}`]);
    return Number.isInteger(n) && n >= 1 && n <= 8 ? n : saved;
  };
  const cov = (svcs: EnabledService[]) => {
    const { states: _s, ...c } = coverageOf(automateRegions(svcs, zip3, ZIP3_TABLE), ZIP3_TABLE);
    return c;
  };
  const current = cov(pick((id) => settings.services.find((s) => s.id === id)!.enabled, (_id, saved) => saved));
  const projected = cov(pick((id) => chosen.has(id), zoneOf));
  const t = config().sfp;
  return {
    current,
    projected,
    cutoffs: { weekdayOk: input.weekdayCutoff >= t.weekdayCutoffEarliest, saturdayOk: input.saturdayCutoff >= t.weekendCutoffEarliest },
    meets: { oneDay: projected.oneDayShare >= t.oneDayCoverageMin, twoDay: projected.twoDayShare >= t.twoDayCoverageMin, nationwide: projected.nationwide },
  };
}
