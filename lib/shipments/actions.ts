'use server';

import { z } from 'zod';
import type { AppUser } from '@/lib/accounts/queries';
import { defineAction } from '@/lib/auth/action';
import { AppError } from '@/lib/errors';
import { getSellerForUser } from '@/lib/prime/queries';
import { createApiKey, revokeApiKey } from './api-keys';
import { getRatesForOrder, purchaseLabel, recordExternalShipment, voidLabel } from './labels';
import { SCENARIOS } from './rules';
import { CARRIERS } from './secrets';

// The seller's Buy Shipping and API-key actions. The seller comes from the session, never from the form.

async function sellerOf(user: AppUser) {
  const seller = await getSellerForUser(user.id);
  if (!seller) throw new AppError('FORBIDDEN', 'Your account has no seller profile.');
  return seller;
}

export const getRatesAction = defineAction(z.object({ orderId: z.uuid() }), ['seller'], async ({ orderId }, user) => {
  const seller = await sellerOf(user);
  const q = await getRatesForOrder(seller.id, orderId);
  return { requestToken: q.requestToken, expiresAt: q.expiresAt.toISOString(), rates: q.rates, ineligibleRates: q.ineligibleRates, hasPromise: Boolean(q.promise) };
});

export const buyLabelAction = defineAction(
  z.object({ requestToken: z.uuid('Get rates again.'), rateId: z.string().min(1, 'Choose a service.').max(100), scenario: z.enum(SCENARIOS).optional() }),
  ['seller'],
  async (input, user) => {
    const seller = await sellerOf(user);
    const { shipment } = await purchaseLabel(seller.id, user.id, input);
    return { shipmentId: shipment.id, trackingId: shipment.trackingId };
  },
);

export const voidLabelAction = defineAction(z.object({ shipmentId: z.uuid() }), ['seller'], async ({ shipmentId }, user) => {
  const seller = await sellerOf(user);
  const { alreadyVoided } = await voidLabel(seller.id, shipmentId);
  return { alreadyVoided };
});

export const recordExternalShipmentAction = defineAction(
  z.object({
    orderId: z.uuid(),
    carrierId: z.enum(CARRIERS, 'Choose a carrier.'),
    carrierServiceId: z.string().max(60).optional().transform((v) => v || null),
    trackingId: z
      .string()
      .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
      .pipe(z.string().regex(/^[A-Z0-9]{8,40}$/, 'A tracking number is 8 to 40 letters and digits.')),
  }),
  ['seller'],
  async (input, user) => {
    const seller = await sellerOf(user);
    const s = await recordExternalShipment(seller.id, user.id, { ...input, serviceName: input.carrierServiceId ?? `${input.carrierId} (service not given)` });
    return { shipmentId: s.id };
  },
);

export const createApiKeyAction = defineAction(
  z.object({ name: z.string().trim().min(1, 'Give the key a name, e.g. the software that will use it.').max(60, 'At most 60 characters.') }),
  ['seller'],
  async ({ name }, user) => {
    const seller = await sellerOf(user);
    const key = await createApiKey(seller.id, user.id, name);
    return { token: key.token, prefix: key.prefix };
  },
);

export const revokeApiKeyAction = defineAction(z.object({ keyId: z.uuid() }), ['seller'], async ({ keyId }, user) => {
  const seller = await sellerOf(user);
  await revokeApiKey(seller.id, keyId);
  return { revoked: true };
});
