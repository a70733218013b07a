import { z } from 'zod';
import { parseContact } from './rules';
import { US_STATES } from './us-states';

export const contactField = z
  .string()
  .trim()
  .min(1, 'Enter an email address or a US mobile number.')
  .transform((raw, ctx) => {
    const c = parseContact(raw);
    if (!c) {
      ctx.addIssue({
        code: 'custom',
        message: raw.includes('@') ? 'Enter a valid email address.' : 'Enter a valid US mobile number, like (201) 555-0123.',
      });
      return z.NEVER;
    }
    return c;
  });

export const requestCodeSchema = z.object({ contact: contactField });

export const verifyCodeSchema = z.object({
  contact: contactField,
  code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code.'),
  name: z.string().trim().max(100).optional(),
  callbackUrl: z.string().optional(),
});

export const addressSchema = z.object({
  fullName: z.string().trim().min(1, 'Enter the recipient’s full name.').max(100),
  line1: z.string().trim().min(1, 'Enter the street address.').max(200),
  line2: z.string().trim().max(200).optional().transform((v) => v || undefined),
  city: z.string().trim().min(1, 'Enter the city.').max(100),
  state: z
    .string()
    .trim()
    .toUpperCase()
    .refine((s) => (US_STATES as readonly string[]).includes(s), 'Choose a US state.'),
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code (or ZIP+4).'),
});
export type AddressInput = z.infer<typeof addressSchema>;
