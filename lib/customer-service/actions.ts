'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/auth/action';
import { setCaseOpen, staffAuthorizeLateReturn, staffCancelOrder, staffRefund } from './commands';
import { caseStateSchema, lateReturnSchema, staffRefundSchema } from './schemas';

export const staffRefundAction = defineAction(staffRefundSchema, ['ops'], async (input, user) => {
  if (input.kind === 'cancellation') {
    const c = await staffCancelOrder(user.id, { orderId: input.orderId, reason: input.reason, requestedBy: input.requestedBy, requestKey: input.requestKey });
    revalidatePath(`/ops/cases/${input.orderId}`);
    return { refundId: c.refund?.id ?? null, status: c.refund?.status ?? null, cancelled: c.cancelled };
  }
  const r = await staffRefund(user.id, { orderId: input.orderId, kind: input.kind, amountCents: input.amountCents, reason: input.reason, requestKey: input.requestKey });
  revalidatePath(`/ops/cases/${input.orderId}`);
  return { refundId: r.id, status: r.status, cancelled: false };
});

export const lateReturnAction = defineAction(lateReturnSchema, ['ops'], async (input, user) => {
  const r = await staffAuthorizeLateReturn(user.id, input);
  revalidatePath(`/ops/cases/${input.orderId}`);
  return { returnId: r.id };
});

export const caseStateAction = defineAction(caseStateSchema, ['ops'], async (input, user) => {
  await setCaseOpen(user.id, { orderId: input.orderId, open: input.open === '1', reason: input.reason });
  revalidatePath(`/ops/cases/${input.orderId}`);
  revalidatePath('/ops/cases');
  return { orderId: input.orderId };
});
