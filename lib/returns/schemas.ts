import { z } from 'zod';
import { clientId } from '@/lib/text';
import { RETURN_REASONS } from './rules';

const reasons = RETURN_REASONS.map((r) => r.value) as [string, ...string[]];

export const requestReturnSchema = z.object({
  orderId: clientId(),
  reason: z.enum(reasons, { error: 'Choose why you’re returning it.' }),
});

export const returnIdSchema = z.object({ returnId: clientId() });
