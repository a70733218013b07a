import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, rows } from '@/db';
import { US_STATES } from '@/lib/accounts/us-states';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { ZIP3_TABLE, zip3Of } from '@/lib/shipping/geo';
import { coverageBySeller } from '@/lib/shipping/operations';
import { getShippingSettings } from '@/lib/shipping/settings';
import { getTemplate, listTemplates } from '@/lib/shipping/templates';
import { addDays, utcDay } from './rules';
import { projectWhatIf, type OrderTimes, type WeekCutoffs, type WhatIfResult, type WhatIfTemplate } from './what-if-rules';

export type { WhatIfResult } from './what-if-rules';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour).');
const list = (v: unknown) => (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
export const whatIfSchema = z
  .object({
    shipFromId: z.uuid({ message: 'Choose a ship-from location.' }),
    services: z.preprocess(list, z.array(z.string().max(60)).max(30)),
    addStates: z.preprocess(
      (v) => list(v).map((s) => String(s).toUpperCase()),
      z.array(z.string().refine((s) => (US_STATES as readonly string[]).includes(s), 'Choose states from the list.')).max(60),
    ),
    addLevel: z.enum(['one_day', 'two_day'], { error: 'Choose one-day or two-day.' }).default('two_day'),
    weekdayCutoff: hhmm,
    saturdayCutoff: hhmm,
  })
  .catchall(z.unknown());
export type WhatIfInput = z.output<typeof whatIfSchema>;

const ORDER_DAYS = 30;

// The seller's orders of the last 30 days by local weekday and minute of the day (the ship-from's zone): what a
// cut-off change would have meant for them. lib/prime's own facts, one grouped statement.
async function orderTimes(sellerId: string, tz: string, now: Date): Promise<OrderTimes> {
  const db = await getDb();
  const since = addDays(utcDay(now), -ORDER_DAYS);
  const from = new Date(`${since}T00:00:00Z`);
  const res = await db.execute(sql`
    select extract(dow from f.purchased_at at time zone ${tz})::int as weekday,
      (extract(hour from f.purchased_at at time zone ${tz}) * 60 + extract(minute from f.purchased_at at time zone ${tz}))::int as minute,
      count(*)::int as n
    from sfp_order_facts f
    where f.seller_id = ${sellerId}::uuid
      and coalesce(f.expected_ship_date, (f.purchased_at at time zone 'UTC')::date) >= ${since}::date
      and f.purchased_at >= ${from}::timestamptz and f.purchased_at <= ${now}::timestamptz
    group by 1, 2`);
  return rows<{ weekday: number; minute: number; n: number }>(res).map((r) => ({ weekday: Number(r.weekday), minute: Number(r.minute), n: Number(r.n) }));
}

// What the form starts from: the location's cut-offs today and the states the templates leave out.
export async function whatIfDefaults(sellerId: string) {
  const settings = await getShippingSettings(sellerId);
  const loc = settings.locations[0];
  const coverage = (await coverageBySeller([sellerId])).get(sellerId);
  const missing = coverage && coverage.standardTemplates > 0 ? coverage.missingStates : null;
  const week = loc ? weekOf(loc) : [];
  const at = (wd: number) => week.filter((d) => d.weekday === wd && d.operating).map((d) => d.orderCutoff).sort().at(-1) ?? null;
  return { missingStates: missing, weekdayCutoff: at(2) ?? config().sfp.weekdayCutoffEarliest, saturdayCutoff: at(6) ?? config().sfp.weekendCutoffEarliest };
}

type Location = Awaited<ReturnType<typeof getShippingSettings>>['locations'][number];
const weekOf = (loc: Location): WeekCutoffs =>
  loc.handling.flatMap((h) =>
    h.days.map((d) => ({ weekday: d.weekday, operating: d.operating && (d.weekday === 6 ? loc.saturdayOperations : d.weekday === 0 ? loc.sundayOperations : true), orderCutoff: d.orderCutoff })),
  );

// "What if": the projected delivery speed, nationwide coverage, promise days and same-day share of the seller's
// standard-size Prime templates with other services, zone limits, added states and cut-offs. Reads the seller's own
// settings, templates and orders; nothing is saved.
export async function projectCoverage(sellerId: string, input: WhatIfInput, now = new Date()): Promise<WhatIfResult> {
  const settings = await getShippingSettings(sellerId);
  const loc = settings.locations.find((l) => l.id === input.shipFromId);
  if (!loc) throw new AppError('NOT_FOUND', 'That ship-from location could not be found.');
  const shipFromZip3 = zip3Of(loc.zip);
  if (!shipFromZip3) throw new AppError('VALIDATION', 'That location’s ZIP code is not one we know.');
  const known = new Set(settings.services.map((s) => s.id));
  const zones = new Map<string, number>();
  for (const s of settings.services) {
    const n = Number(input[`zone_${s.id}`]);
    if (Number.isInteger(n) && n >= 1 && n <= 8) zones.set(s.id, n);
  }
  const standard = (await listTemplates(sellerId)).filter((t) => t.sizeTier === 'standard');
  const templates: WhatIfTemplate[] = [];
  for (const t of standard) {
    const full = await getTemplate(sellerId, t.id);
    if (full) templates.push({ automated: full.automated, shipFromZip3: full.shipFromZip3, regions: full.regions, promises: full.promises });
  }
  const t = config().sfp;
  return projectWhatIf({
    zip3Table: ZIP3_TABLE,
    services: settings.services.map((s) => ({ id: s.id, transitDays: s.transitDays, maxZone: s.maxZone, rateBaseCents: s.rateBaseCents, ratePerZoneCents: s.ratePerZoneCents })),
    chosen: new Set(input.services.filter((id) => known.has(id))),
    zones,
    templates,
    shipFromZip3,
    addStates: [...new Set(input.addStates)],
    addLevel: input.addLevel,
    cutoffs: weekOf(loc),
    proposed: { weekdayCutoff: input.weekdayCutoff, saturdayCutoff: input.saturdayCutoff },
    orders: await orderTimes(sellerId, loc.timeZone, now),
    thresholds: t,
  });
}
