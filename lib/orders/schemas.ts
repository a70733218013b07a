import { z } from 'zod';
import { contactField, addressSchema } from '@/lib/accounts/schemas';
import { GIFT_MESSAGE_MAX } from '@/lib/gifts/rules';
import { MAX_QUANTITY } from './rules';

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

export const cardSchema = z.object({
  cardNumber: z
    .string()
    .trim()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{13,19}$/, 'Enter the card number.')),
  cardExpiry: z
    .string()
    .trim()
    .regex(/^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/, 'Enter the expiry as MM/YY.'),
  cardCvc: z.string().trim().regex(/^\d{3,4}$/, 'Enter the 3 or 4 digit security code.'),
});

// One schema for the checkout form and the server action.
export const checkoutSchema = z
  .object({
    offerId: z.uuid(),
    checkoutKey: z.uuid(),
    quantity: z.coerce.number().int().min(1).max(MAX_QUANTITY),
    shippingChoice: z.enum(['ship_to_address', 'recipient_provides']),
    addressId: z.string().optional(),
    newAddress: z.record(z.string(), z.string().optional()).optional(),
    giftReceipt: checkbox,
    recipient: z.string().optional(),
    giftMessage: z.string().trim().max(GIFT_MESSAGE_MAX, `Keep the message under ${GIFT_MESSAGE_MAX} characters.`).optional(),
    useGiftCardBalance: checkbox,
    cardNumber: z.string().optional(),
    cardExpiry: z.string().optional(),
    cardCvc: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.shippingChoice === 'recipient_provides') {
      if (!v.giftReceipt)
        ctx.addIssue({ code: 'custom', path: ['giftReceipt'], message: 'Add a gift receipt to let the recipient provide their address.' });
      const parsed = contactField.safeParse(v.recipient ?? '');
      if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['recipient'], message: parsed.error.issues[0]?.message ?? 'Enter the recipient’s email or mobile number.' });
    } else if (!v.addressId || v.addressId === 'new') {
      const a = addressSchema.safeParse(v.newAddress ?? {});
      if (!a.success) for (const i of a.error.issues) ctx.addIssue({ code: 'custom', path: ['newAddress', ...i.path], message: i.message });
    }
  });

export type CheckoutInput = z.output<typeof checkoutSchema>;

export function parseCardExpiry(raw: string) {
  const m = /^(\d{2})\s*\/\s*(\d{2})$/.exec(raw.trim());
  if (!m) return null;
  return { expMonth: Number(m[1]), expYear: 2000 + Number(m[2]) };
}
