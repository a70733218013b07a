import { z } from 'zod';
import { addressSchema } from '@/lib/accounts/schemas';

export const giftRefSchema = z.object({ giftOfferId: z.uuid() });

export const acceptGiftSchema = z.discriminatedUnion('addressChoice', [
  z.object({ giftOfferId: z.uuid(), addressChoice: z.literal('saved'), addressId: z.uuid({ message: 'Choose an address.' }) }),
  z.object({ giftOfferId: z.uuid(), addressChoice: z.literal('new'), saveAddress: z.preprocess((v) => v === 'on' || v === true, z.boolean()) }).extend(addressSchema.shape),
]);

export const giftRetrySchema = z.object({ giftOfferId: z.uuid(), decision: z.enum(['accept', 'convert']) });

export const unblockSchema = z.object({ giverId: z.uuid({ message: 'Reload the page and try again.' }) });
