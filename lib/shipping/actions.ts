'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/auth/action';
import { AppError } from '@/lib/errors';
import { getSellerForUser } from '@/lib/prime/queries';
import { getOfferById } from '@/lib/catalog/queries';
import { buyerPromiseView } from './buyer';
import { handlingSchema, offerProfileSchema, promiseForZipSchema, servicesSchema, shipFromSchema, templateSchema } from './schemas';
import { saveHandling, saveOfferProfile, saveServices, saveShipFrom } from './settings';
import { createTemplate, updateTemplate } from './templates';

// Seller shipping settings and templates. The seller is always the signed-in user's own: never a form field.
async function sellerOf(userId: string) {
  const seller = await getSellerForUser(userId);
  if (!seller) throw new AppError('FORBIDDEN', 'Your account has no seller profile.');
  return seller;
}

export const saveShipFromAction = defineAction(shipFromSchema, ['seller'], async (input, user) => {
  const seller = await sellerOf(user.id);
  const r = await saveShipFrom(seller.id, input);
  revalidatePath('/seller/settings/shipping');
  return r;
});

export const saveHandlingAction = defineAction(handlingSchema, ['seller'], async (input, user) => {
  const seller = await sellerOf(user.id);
  const r = await saveHandling(seller.id, seller.primeStatus, input);
  revalidatePath('/seller/settings/shipping');
  return r;
});

export const saveServicesAction = defineAction(servicesSchema, ['seller'], async (input, user) => {
  const seller = await sellerOf(user.id);
  await saveServices(seller.id, input);
  revalidatePath('/seller/settings/shipping');
  revalidatePath('/seller/templates');
  return { saved: input.services.length };
});

export const saveTemplateAction = defineAction(templateSchema, ['seller'], async (input, user) => {
  const seller = await sellerOf(user.id);
  const r = input.id
    ? await updateTemplate(seller.id, input.id, { name: input.name, shipFromId: input.shipFromId, automated: input.automated, regions: input.regions, isDefault: input.isDefault })
    : await createTemplate(seller.id, { name: input.name, sizeTier: input.sizeTier, shipFromId: input.shipFromId, automated: input.automated, regions: input.regions });
  revalidatePath('/seller/templates');
  return r;
});

export const saveOfferProfileAction = defineAction(offerProfileSchema, ['seller'], async (input, user) => {
  const seller = await sellerOf(user.id);
  const r = await saveOfferProfile(seller.id, input);
  revalidatePath('/seller/templates');
  return r;
});

// Checkout: the delivery promise for the ZIP of a new address, as the buyer types it (the saved addresses' promises
// come with the page). Read-only; any signed-in account may ask, for an offer on sale.
export const promiseForZipAction = defineAction(promiseForZipSchema, 'any', async (input) => {
  const offer = await getOfferById(input.offerId);
  if (!offer || !offer.active) throw new AppError('NOT_FOUND', 'That item is no longer for sale.');
  return buyerPromiseView(offer, input.zip, 'entered');
});
