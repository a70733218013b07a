import { z } from 'zod';
import { contactField } from '@/lib/accounts/schemas';
import { singleLineText } from '@/lib/text';

// The sign-in form's fields, shared by the form and the sign-in action.
export const nameField = singleLineText({ label: 'Your name', max: 100, min: 1, requiredMessage: 'Tell us your name to create your account.' });

export const requestCodeInput = z.object({ contact: contactField, callbackUrl: z.string().max(2000).optional() });
export const verifyCodeInput = z.object({
  contact: contactField,
  code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your message.'),
  callbackUrl: z.string().max(2000).optional(),
});
export const nameStepInput = z.object({ contact: contactField, proof: z.string().max(1000), name: nameField, callbackUrl: z.string().max(2000).optional() });
