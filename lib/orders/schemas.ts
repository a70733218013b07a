import { z } from 'zod';
import { contactField, addressSchema } from '@/lib/accounts/schemas';
import { GIFT_MESSAGE_MAX } from '@/lib/gifts/rules';
import { clientId, multiLineText } from '@/lib/text';
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
    offerId: clientId('This item could not be found. Reload the page and try again.'),
    checkoutKey: clientId('Reload the page and try again.'),
    quantity: z.coerce.number({ error: 'Choose a quantity.' }).int('Choose a quantity.').min(1, 'Choose a quantity.').max(MAX_QUANTITY, `At most ${MAX_QUANTITY} at a time.`),
    shippingChoice: z.enum(['ship_to_address', 'recipient_provides'], { error: 'Choose how the order ships.' }),
    // A saved address's id, or "new": any other value never reaches a query.
    addressId: z.union([z.literal('new'), clientId('Choose a shipping address.')], { error: 'Choose a shipping address.' }).optional(),
    newAddress: z.record(z.string().max(50), z.string().max(1000, 'This field is too long.').optional()).optional(),
    giftReceipt: checkbox,
    recipient: z.string().max(1000, 'That is too long to be an email address or a phone number.').optional(),
    giftMessage: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === '' ? undefined : v))
      .pipe(multiLineText({ label: 'The gift message', max: GIFT_MESSAGE_MAX }).optional()),
    useGiftCardBalance: checkbox,
    cardNumber: z.string().max(100, 'Enter the card number.').optional(),
    cardExpiry: z.string().max(100, 'Enter the expiry as MM/YY.').optional(),
    cardCvc: z.string().max(100, 'Enter the 3 or 4 digit security code.').optional(),
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
