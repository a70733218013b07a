'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/auth/action';
import { AppError } from '@/lib/errors';
import { approvePlan, rejectPlan, startTrial, submitPlan } from './plans';
import { getSellerForUser } from './queries';
import { approvePlanSchema, emptySchema, planSchema, rejectPlanSchema } from './schemas';
import { projectCoverage, whatIfSchema } from './what-if';

async function mySellerId(userId: string) {
  const seller = await getSellerForUser(userId);
  if (!seller) throw new AppError('NOT_FOUND', 'Your seller profile could not be found.');
  return seller.id;
}

export const submitPlanAction = defineAction(planSchema, ['seller'], async (input, user) => {
  await submitPlan(await mySellerId(user.id), input);
  revalidatePath('/seller/prime');
  redirect('/seller/prime?plan=submitted');
});

export const startTrialAction = defineAction(emptySchema, ['seller'], async (_input, user) => {
  await startTrial(await mySellerId(user.id), user.id);
  revalidatePath('/seller/prime');
  return { started: true };
});

export const approvePlanAction = defineAction(approvePlanSchema, ['ops'], async ({ planId, note }, user) => {
  await approvePlan(planId, user.id, note);
  revalidatePath('/ops/plans');
  redirect('/ops/plans?decided=approved');
});

export const rejectPlanAction = defineAction(rejectPlanSchema, ['ops'], async ({ planId, reasons }, user) => {
  await rejectPlan(planId, user.id, reasons);
  revalidatePath('/ops/plans');
  redirect('/ops/plans?decided=rejected');
});

// The what-if panel: numbers only, nothing saved.
export const whatIfAction = defineAction(whatIfSchema, ['seller'], async (input, user) => {
  return projectCoverage(await mySellerId(user.id), input);
});
