import { z } from 'zod';
import { clientId, multiLineText } from '@/lib/text';
import { SAFET_REASONS } from './rules';

const reasons = SAFET_REASONS.map((r) => r.value) as [(typeof SAFET_REASONS)[number]['value'], ...(typeof SAFET_REASONS)[number]['value'][]];

/** Dollars as typed ("12", "12.5", "$1,234.56") to whole cents; anything else is a field error. */
export const dollars = (label: string) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .transform((raw, ctx) => {
      const s = raw.replace(/^\$/, '').replace(/,/g, '');
      if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: `Enter ${label} in dollars, like 25 or 25.50.` });
        return z.NEVER;
      }
      const [whole, frac = ''] = s.split('.');
      return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
    });

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export const fileClaimSchema = z.object({
  refundId: clientId(),
  reason: z.enum(reasons, { error: 'Choose the reason for your claim.' }),
  amountCents: dollars('the amount you claim'),
  evidence: multiLineText({ label: 'Evidence', max: 4000, min: 10, requiredMessage: 'Describe what happened and your evidence (at least 10 characters).' }),
  wantsReplacement: checkbox,
  attested: checkbox,
});

export const claimMessageSchema = z.object({
  claimId: clientId(),
  body: multiLineText({ label: 'Your answer', max: 4000, min: 2, requiredMessage: 'Write your answer.' }),
});

export const requestInfoSchema = z.object({
  claimId: clientId(),
  body: multiLineText({ label: 'Your question', max: 4000, min: 2, requiredMessage: 'Write what you need from the seller.' }),
});

export const decideClaimSchema = z
  .object({
    claimId: clientId(),
    outcome: z.enum(['granted_full', 'granted_partial', 'denied'], { error: 'Choose a decision.' }),
    grantedAmount: z.string().optional(),
    note: multiLineText({ label: 'Reason for the decision', max: 2000, min: 2, requiredMessage: 'Give the reason for the decision.' }),
  });
