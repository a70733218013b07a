'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/auth/action';
import { askAboutOffer, messageSellerAboutOrder, sellerReply, staffMessageSeller } from './commands';
import { offerQuestionSchema, orderMessageSchema, replySchema } from './schemas';

export const messageSellerAction = defineAction(orderMessageSchema, 'any', async ({ orderId, body }, user) => {
  const t = await messageSellerAboutOrder(user.id, orderId, body);
  revalidatePath(`/orders/${orderId}`);
  revalidatePath(`/account/received/${orderId}`);
  return { threadId: t.id };
});

// Buyers only: a seller or staff account has no business asking a seller before buying.
export const askAboutOfferAction = defineAction(offerQuestionSchema, ['buyer'], async ({ offerId, body }, user) => {
  const t = await askAboutOffer(user.id, offerId, body);
  revalidatePath('/products/[slug]', 'page');
  return { threadId: t.id };
});

export const sellerReplyAction = defineAction(replySchema, ['seller'], async ({ threadId, body }, user) => {
  await sellerReply(user.id, threadId, body);
  revalidatePath(`/seller/messages/${threadId}`);
  revalidatePath('/seller/messages');
  return { threadId };
});

export const staffMessageSellerAction = defineAction(orderMessageSchema, ['ops'], async ({ orderId, body }, user) => {
  await staffMessageSeller(user.id, orderId, body);
  revalidatePath(`/ops/cases/${orderId}`);
  return { orderId };
});
