import { z } from 'zod';
import { clientId, multiLineText } from '@/lib/text';

export const planSchema = z.object({
  problem: multiLineText({ label: 'The problem', min: 20, max: 4000, requiredMessage: 'Describe the problem in at least 20 characters.' }),
  rootCause: multiLineText({ label: 'The root cause', min: 20, max: 4000, requiredMessage: 'Explain the root cause in at least 20 characters.' }),
  preventiveSteps: multiLineText({ label: 'The preventive steps', min: 20, max: 4000, requiredMessage: 'List the steps you are taking, in at least 20 characters.' }),
});
export type PlanInput = z.output<typeof planSchema>;

export const approvePlanSchema = z.object({
  planId: clientId(),
  note: multiLineText({ label: 'The note to the seller', min: 3, max: 2000, requiredMessage: 'Write a short note to the seller.' }),
});
export const rejectPlanSchema = z.object({
  planId: clientId(),
  reasons: multiLineText({ label: 'The reasons', min: 10, max: 2000, requiredMessage: 'Tell the seller why, in at least 10 characters.' }),
});

export const emptySchema = z.object({});
