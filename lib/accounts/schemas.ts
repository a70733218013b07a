import { z } from 'zod';
import { singleLineText, textProblem, textProblemMessage } from '@/lib/text';
import { checkContact, EMAIL_MAX } from './rules';
import { US_STATES } from './us-states';

export const NAME_MAX = 100;

export const contactField = z
  .string({ error: 'Enter an email address or a US mobile number.' })
  .transform((raw, ctx) => {
    const value = raw.trim();
    if (value === '') {
      ctx.addIssue({ code: 'custom', message: 'Enter an email address or a US mobile number.' });
      return z.NEVER;
    }
    if (value.length > EMAIL_MAX) {
      ctx.addIssue({ code: 'custom', message: `An email address can be at most ${EMAIL_MAX} characters (this one has ${value.length}).` });
      return z.NEVER;
    }
    const problem = textProblem(value, false);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: textProblemMessage(problem, 'The address') });
      return z.NEVER;
    }
    const c = checkContact(value);
    if (!c.ok) {
      ctx.addIssue({ code: 'custom', message: c.reason });
      return z.NEVER;
    }
    return c.contact;
  });

const optionalLine = (label: string, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v))
    .pipe(singleLineText({ label, max }).optional());

export const addressSchema = z.object({
  fullName: singleLineText({ label: 'Full name', max: NAME_MAX, min: 1, requiredMessage: 'Enter the recipient’s full name.' }),
  line1: singleLineText({ label: 'Street address', max: 200, min: 1, requiredMessage: 'Enter the street address.' }),
  line2: optionalLine('Apartment, suite', 200),
  city: singleLineText({ label: 'City', max: 100, min: 1, requiredMessage: 'Enter the city.' }),
  state: z
    .string({ error: 'Choose a US state.' })
    .max(10, 'Choose a US state.')
    .trim()
    .toUpperCase()
    .refine((s) => (US_STATES as readonly string[]).includes(s), 'Choose a US state.'),
  zip: z
    .string({ error: 'Enter a 5-digit ZIP code (or ZIP+4).' })
    .max(20, 'Enter a 5-digit ZIP code (or ZIP+4).')
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code (or ZIP+4).'),
});
export type AddressInput = z.infer<typeof addressSchema>;
