'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/auth/action';
import { markReturnReceived, refundReturnBySeller, requestReturn } from './commands';
import { requestReturnSchema, returnIdSchema } from './schemas';

export const requestReturnAction = defineAction(requestReturnSchema, 'any', async (input, user) => {
  const r = await requestReturn(user.id, input);
  revalidatePath(`/orders/${input.orderId}`);
  revalidatePath(`/account/received/${input.orderId}`);
  return { returnId: r.id };
});

export const markReturnReceivedAction = defineAction(returnIdSchema, ['seller'], async ({ returnId }, user) => {
  const r = await markReturnReceived(user.id, returnId);
  revalidatePath('/seller/returns');
  return { refundDueAt: r.refundDueAt?.toISOString() ?? null };
});

export const refundReturnAction = defineAction(returnIdSchema, ['seller'], async ({ returnId }, user) => {
  const r = await refundReturnBySeller(user.id, returnId);
  revalidatePath('/seller/returns');
  revalidatePath('/seller/account');
  return { refundId: r.id, status: r.status };
});
