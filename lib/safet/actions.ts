'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/auth/action';
import { AppError } from '@/lib/errors';
import { appealClaim, decideClaim, fileClaim, getClaimForStaff, requestClaimInfo, respondToClaim } from './commands';
import { claimMessageSchema, decideClaimSchema, dollars, fileClaimSchema, requestInfoSchema } from './schemas';

export const fileClaimAction = defineAction(fileClaimSchema, ['seller'], async (input, user) => {
  const c = await fileClaim(user.id, input);
  revalidatePath('/seller/safet');
  return { claimId: c.id };
});

export const respondToClaimAction = defineAction(claimMessageSchema, ['seller'], async ({ claimId, body }, user) => {
  await respondToClaim(user.id, claimId, body);
  revalidatePath('/seller/safet');
  revalidatePath(`/seller/safet/${claimId}`);
  return { claimId };
});

export const appealClaimAction = defineAction(claimMessageSchema, ['seller'], async ({ claimId, body }, user) => {
  await appealClaim(user.id, claimId, body);
  revalidatePath('/seller/safet');
  revalidatePath(`/seller/safet/${claimId}`);
  return { claimId };
});

export const requestClaimInfoAction = defineAction(requestInfoSchema, ['ops'], async ({ claimId, body }, user) => {
  await requestClaimInfo(user.id, claimId, body);
  revalidatePath(`/ops/safet/${claimId}`);
  return { claimId };
});

export const decideClaimAction = defineAction(decideClaimSchema, ['ops'], async (input, user) => {
  const found = await getClaimForStaff(input.claimId);
  if (!found) throw new AppError('NOT_FOUND', 'That claim could not be found.');
  let grantedCents = 0;
  if (input.outcome === 'granted_full') grantedCents = found.claim.amountCents;
  if (input.outcome === 'granted_partial') {
    const parsed = dollars('the amount granted').safeParse(input.grantedAmount ?? '');
    if (!parsed.success) throw new AppError('VALIDATION', 'Enter the amount granted.', { fieldErrors: { grantedAmount: [parsed.error.issues[0].message] } });
    grantedCents = parsed.data;
  }
  await decideClaim(user.id, input.claimId, { outcome: input.outcome, grantedCents, note: input.note });
  revalidatePath(`/ops/safet/${input.claimId}`);
  revalidatePath('/ops/safet');
  return { claimId: input.claimId };
});
