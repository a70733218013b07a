'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { cancelGiftByGiver } from '@/lib/gifts/commands';
import { placeOrder } from './checkout';
import { checkoutSchema } from './schemas';

export const placeOrderAction = defineAction(checkoutSchema, 'any', async (input, user) => placeOrder(user, input));

export const cancelGiftAction = defineAction(z.object({ orderId: z.uuid() }), 'any', async ({ orderId }, user) =>
  cancelGiftByGiver(user.id, orderId),
);
