'use server';

import { redirect } from 'next/navigation';
import { getAddress, saveAddress } from '@/lib/accounts/queries';
import { defineAction } from '@/lib/auth/action';
import { AppError } from '@/lib/errors';
import { blockSenderOfGift, unblockSender } from './blocks';
import { decideGift, declineGift } from './commands';
import { acceptGiftSchema, giftRefSchema, giftRetrySchema, unblockSchema } from './schemas';


export const acceptGiftAction = defineAction(acceptGiftSchema, 'any', async (input, user) => {
  let address;
  if (input.addressChoice === 'saved') {
    const saved = await getAddress(user.id, input.addressId);
    if (!saved) throw new AppError('VALIDATION', 'Choose an address.', { fieldErrors: { addressId: ['Choose an address.'] } });
    address = { fullName: saved.fullName, line1: saved.line1, line2: saved.line2 ?? undefined, city: saved.city, state: saved.state, zip: saved.zip };
  } else {
    const { giftOfferId: _g, addressChoice: _c, saveAddress: _s, ...fields } = input;
    address = fields;
  }
  const result = await decideGift(user, input.giftOfferId, 'accept', address);
  // Only once the gift is theirs does the address go to the address book (a failed try saves nothing).
  if (input.addressChoice === 'new' && input.saveAddress) await saveAddress(user.id, address);
  if (result.outcome === 'accepted') redirect(`/account/received/${result.orderId}?just=accepted`);
  return null;
});

export const convertGiftAction = defineAction(giftRefSchema, 'any', async ({ giftOfferId }, user) => {
  const result = await decideGift(user, giftOfferId, 'convert');
  if (result.outcome === 'accepted') redirect(`/account?just=gift-card`);
  return null;
});

export const declineGiftAction = defineAction(giftRefSchema, 'any', async ({ giftOfferId }, user) => {
  await declineGift(user, giftOfferId);
  redirect('/gift/declined');
});

// After a processor hiccup the offer stays claimed with the recipient's decision; this carries it through.
export const retryGiftDecisionAction = defineAction(giftRetrySchema, 'any', async ({ giftOfferId, decision }, user) => {
  const result = await decideGift(user, giftOfferId, decision);
  if (result.outcome === 'accepted') redirect(result.settlement === 'ship' ? `/account/received/${result.orderId}?just=accepted` : '/account?just=gift-card');
  return null;
});

// "Don't show me gifts from this person": declines this gift and every later one from its sender (not all gifts, G10).
export const blockSenderAction = defineAction(giftRefSchema, 'any', async ({ giftOfferId }, user) => {
  await blockSenderOfGift(user, giftOfferId);
  redirect('/gift/declined?blocked=1');
});

export const unblockSenderAction = defineAction(unblockSchema, 'any', async ({ giverId }, user) => {
  await unblockSender(user.id, giverId);
  redirect('/account?just=unblocked');
});
