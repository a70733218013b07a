import { z } from 'zod';
import { US_STATES } from '@/lib/accounts/us-states';
import { clientId, singleLineText } from '@/lib/text';
import { CARRIERS } from './carriers';
import { zip3Of } from './geo';

// zod schemas shared by the shipping settings and template forms (react-hook-form on the client) and their actions.

export const US_TIME_ZONES = [
  { id: 'America/New_York', label: 'Eastern (New York)' },
  { id: 'America/Detroit', label: 'Eastern (Detroit)' },
  { id: 'America/Indiana/Indianapolis', label: 'Eastern (Indianapolis)' },
  { id: 'America/Chicago', label: 'Central (Chicago)' },
  { id: 'America/Denver', label: 'Mountain (Denver)' },
  { id: 'America/Boise', label: 'Mountain (Boise)' },
  { id: 'America/Phoenix', label: 'Arizona, no daylight saving (Phoenix)' },
  { id: 'America/Los_Angeles', label: 'Pacific (Los Angeles)' },
  { id: 'America/Anchorage', label: 'Alaska (Anchorage)' },
  { id: 'Pacific/Honolulu', label: 'Hawaii (Honolulu)' },
] as const;
const TZ_IDS = US_TIME_ZONES.map((t) => t.id) as string[];

// Checkboxes arrive as 'on' from a plain form post and as booleans from react-hook-form.
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

export const timeOfDay = (what: string) =>
  z
    .string({ error: `Enter the ${what} as HH:MM.` })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d(:00)?$/, `Enter the ${what} as a 24-hour time, e.g. 14:00.`)
    .transform((t) => t.slice(0, 5));

export const zipField = z
  .string({ error: 'Enter a 5-digit ZIP code.' })
  .trim()
  .max(10, 'Enter a 5-digit ZIP code.')
  .regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code, e.g. 80216.')
  .refine((z) => zip3Of(z) !== null, 'We don’t know that ZIP code. Check it, or use a ZIP in the 50 states or DC.');

export const shipFromSchema = z.object({
  id: z.union([clientId(), z.literal('')]).optional(),
  name: singleLineText({ label: 'Location name', max: 60, min: 1, requiredMessage: 'Name this location, e.g. “Main warehouse”.' }),
  line1: singleLineText({ label: 'Street address', max: 200, min: 1, requiredMessage: 'Enter the street address.' }),
  line2: singleLineText({ label: 'Apartment, suite', max: 200 }).optional(),
  city: singleLineText({ label: 'City', max: 100, min: 1, requiredMessage: 'Enter the city.' }),
  state: z
    .string({ error: 'Choose a US state.' })
    .trim()
    .toUpperCase()
    .refine((s) => (US_STATES as readonly string[]).includes(s), 'Choose a US state.'),
  zip: zipField,
  // Empty: derived from the ZIP.
  timeZone: z
    .string()
    .optional()
    .refine((t) => !t || TZ_IDS.includes(t), 'Choose a US time zone from the list.'),
  saturdayOperations: checkbox,
  sundayOperations: checkbox,
});
export type ShipFromInput = z.input<typeof shipFromSchema>;

export const handlingDaySchema = z.object({
  weekday: z.coerce.number().int().min(0).max(6),
  operating: checkbox,
  orderCutoff: timeOfDay('order cut-off'),
  lastPickup: timeOfDay('last pickup'),
});

export const handlingSchema = z.object({
  shipFromId: clientId('Choose one of your ship-from locations.'),
  carrier: z.enum(CARRIERS, { error: 'Choose a carrier.' }),
  days: z.array(handlingDaySchema).length(7, 'Give all seven weekdays.'),
});
export type HandlingInput = z.input<typeof handlingSchema>;

export const servicesSchema = z.object({
  services: z
    .array(
      z.object({
        serviceId: z.string().min(1).max(60),
        enabled: checkbox,
        maxZone: z.coerce.number({ error: 'Choose a zone limit from 1 to 8.' }).int().min(1, 'Choose a zone limit from 1 to 8.').max(8, 'Choose a zone limit from 1 to 8.'),
      }),
    )
    .max(50),
});
export type ServicesInput = z.input<typeof servicesSchema>;

export const regionSchema = z.object({
  kind: z.enum(['state', 'zip3']),
  code: z.string().trim().toUpperCase().regex(/^([A-Z]{2}|\d{3})$/, 'A region is a state (CA) or a ZIP3 (941).'),
  level: z.enum(['one_day', 'two_day', 'standard']),
});

export const templateSchema = z
  .object({
    id: z.union([clientId(), z.literal('')]).optional(),
    name: singleLineText({ label: 'Template name', max: 80, min: 1, requiredMessage: 'Name the template.' }),
    sizeTier: z.enum(['standard', 'oversize'], { error: 'Choose a size tier.' }),
    shipFromId: clientId('Choose one of your ship-from locations.'),
    automated: checkbox,
    isDefault: checkbox,
    regions: z.array(regionSchema).max(2000).default([]),
  })
  .superRefine((t, ctx) => {
    if (!t.automated && t.regions.length === 0) ctx.addIssue({ code: 'custom', path: ['regions'], message: 'Add at least one region, or let region automation compute them.' });
    for (const [i, r] of t.regions.entries()) {
      if (r.kind === 'state' && !(US_STATES as readonly string[]).includes(r.code)) ctx.addIssue({ code: 'custom', path: ['regions', i, 'code'], message: `${r.code} is not a US state.` });
      if (r.kind === 'zip3' && !/^\d{3}$/.test(r.code)) ctx.addIssue({ code: 'custom', path: ['regions', i, 'code'], message: `${r.code} is not a ZIP3.` });
    }
  });
export type TemplateInput = z.input<typeof templateSchema>;

export const offerProfileSchema = z.object({
  offerId: clientId(),
  lengthIn: z.coerce.number({ error: 'Enter the length in inches.' }).positive('Enter the length in inches.').max(200, 'That is longer than any parcel service takes.'),
  widthIn: z.coerce.number({ error: 'Enter the width in inches.' }).positive('Enter the width in inches.').max(200, 'That is wider than any parcel service takes.'),
  heightIn: z.coerce.number({ error: 'Enter the height in inches.' }).positive('Enter the height in inches.').max(200, 'That is taller than any parcel service takes.'),
  weightLb: z.coerce.number({ error: 'Enter the weight in pounds.' }).positive('Enter the weight in pounds.').max(150, 'Parcels over 150 lb ship as freight.'),
  templateId: z.union([clientId(), z.literal('')]).optional(),
});

export const zipLookupSchema = z.object({ zip: zipField });

// Checkout: the promise for the ZIP of the new address the buyer is typing.
export const promiseForZipSchema = zipLookupSchema.extend({ offerId: clientId() });

// The template page's form: a promise per state from a grid, ZIP3 exceptions as lines "941 one_day", turned into the
// regions the action takes. Validated on the client with the same messages as the server.
const levelOrNone = z.enum(['none', 'one_day', 'two_day', 'standard']);
export const templateFormSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().trim().min(1, 'Name the template.').max(80, 'Keep the name under 80 characters.'),
    sizeTier: z.enum(['standard', 'oversize'], { error: 'Choose a size tier.' }),
    shipFromId: z.string().min(1, 'Choose one of your ship-from locations.'),
    automated: z.boolean(),
    isDefault: z.boolean(),
    states: z.record(z.string(), levelOrNone),
    zip3Lines: z.string().max(20_000),
  })
  .superRefine((f, ctx) => {
    if (f.automated) return;
    const lines = parseZip3Lines(f.zip3Lines);
    if (lines.error) ctx.addIssue({ code: 'custom', path: ['zip3Lines'], message: lines.error });
    if (!Object.values(f.states).some((l) => l !== 'none') && lines.regions.length === 0) ctx.addIssue({ code: 'custom', path: ['states'], message: 'Give at least one state a promise, or let region automation compute them.' });
  });
export type TemplateFormValues = z.infer<typeof templateFormSchema>;

const LEVEL_WORDS: Record<string, 'one_day' | 'two_day' | 'standard'> = { one_day: 'one_day', 'one-day': 'one_day', '1': 'one_day', two_day: 'two_day', 'two-day': 'two_day', '2': 'two_day', standard: 'standard' };

export function parseZip3Lines(text: string): { regions: { kind: 'zip3'; code: string; level: 'one_day' | 'two_day' | 'standard' }[]; error: string | null } {
  const regions: { kind: 'zip3'; code: string; level: 'one_day' | 'two_day' | 'standard' }[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{3})[\s,:]+([\w-]+)$/.exec(line);
    const level = m && LEVEL_WORDS[m[2].toLowerCase()];
    if (!m || !level) return { regions, error: `Line ${i + 1} (“${line.slice(0, 30)}”): write a ZIP3 and a promise, e.g. “941 one-day”, “100 two-day” or “995 standard”.` };
    regions.push({ kind: 'zip3', code: m[1], level });
  }
  return { regions, error: null };
}

export function templateFormToInput(f: TemplateFormValues): TemplateInput {
  const states = Object.entries(f.states)
    .filter(([, l]) => l !== 'none')
    .map(([code, level]) => ({ kind: 'state' as const, code, level: level as 'one_day' | 'two_day' | 'standard' }));
  return { id: f.id || undefined, name: f.name, sizeTier: f.sizeTier, shipFromId: f.shipFromId, automated: f.automated, isDefault: f.isDefault, regions: f.automated ? [] : [...states, ...parseZip3Lines(f.zip3Lines).regions] };
}
