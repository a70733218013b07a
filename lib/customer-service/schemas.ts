import { z } from 'zod';
import { dollars } from '@/lib/safet/schemas';
import { clientId, multiLineText, singleLineText } from '@/lib/text';

const reason = multiLineText({ label: 'Reason', max: 1000, min: 3, requiredMessage: 'Give the reason: the seller is told it.' });

export const staffRefundSchema = z
  .object({
    orderId: clientId(),
    requestKey: clientId(),
    kind: z.enum(['full', 'partial', 'returnless', 'shipping_fee', 'cancellation'], { error: 'Choose what to refund.' }),
    amount: z.string().optional(),
    // For a cancellation of an order not shipped yet: who asked (the seller's metrics count only the seller's own).
    requestedBy: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['buyer', 'seller', 'marketplace'], { error: 'Say who asked for the cancellation.' }).optional()),
    reason,
  })
  .transform((v, ctx) => {
    if (v.kind !== 'partial' && v.kind !== 'returnless') return { ...v, amountCents: undefined };
    if (!v.amount?.trim()) {
      if (v.kind === 'returnless') return { ...v, amountCents: undefined };
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter the amount to refund.' });
      return z.NEVER;
    }
    const parsed = dollars('the amount').safeParse(v.amount);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: parsed.error.issues[0].message });
      return z.NEVER;
    }
    if (parsed.data <= 0) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter an amount above zero.' });
      return z.NEVER;
    }
    return { ...v, amountCents: parsed.data };
  });

export const lateReturnSchema = z.object({ orderId: clientId(), reason });
export const caseStateSchema = z.object({ orderId: clientId(), open: z.enum(['1', '0']), reason });
export const caseSearchSchema = z.object({ q: singleLineText({ label: 'Order number or email', max: 320, min: 3 }) });
