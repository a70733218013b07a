import { z } from 'zod';
import { clientId, multiLineText } from '@/lib/text';

const body = multiLineText({ label: 'Message', max: 2000, min: 2, requiredMessage: 'Write your message.' });

export const orderMessageSchema = z.object({ orderId: clientId(), body });
export const offerQuestionSchema = z.object({ offerId: clientId(), body });
export const replySchema = z.object({ threadId: clientId(), body });
