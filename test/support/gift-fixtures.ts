import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq, like } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '@/db/index';
import { createOffer, createPrimeMember, createSeller } from '@/db/seed/factories';
import { giftCardLedger, giftOffers, offers, orderDestinations, orders, outboxMessages, paymentOperations, payments } from '@/db/schema';
import type { AppUser } from '@/lib/accounts/queries';
import type { AddressInput } from '@/lib/accounts/schemas';
import { AppError } from '@/lib/errors';
import { placeOrder } from '@/lib/orders/checkout';
import { checkoutSchema } from '@/lib/orders/schemas';
import { SANDBOX_CARDS } from '@/lib/payments/sandbox';

// Gift scenarios built through the same entry points a buyer and a recipient use. Every helper makes rows of its own.

export const uniqueEmail = (who = 'recipient') => `${who}-${randomBytes(5).toString('hex')}@example.test`;
/** A US mobile number in the fictional 555-01xx..555-99xx range, unique enough for one test run. */
export const uniquePhone = () => `+1${[201, 202, 646][randomInt(3)]}555${String(randomInt(100, 10_000)).padStart(4, '0')}`;

/** A card expiry about two years ahead, as a buyer types it (MM/YY). */
export function futureExpiry() {
  const d = new Date();
  return `12/${String((d.getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
}

export const card = (number: string = SANDBOX_CARDS.success) => ({ cardNumber: number, cardExpiry: futureExpiry(), cardCvc: '123' });

export const shipTo: AddressInput = { fullName: 'Robin Recipient', line1: '42 Elm Street', line2: 'Apt 3', city: 'Hoboken', state: 'NJ', zip: '07030' };

type CheckoutFields = Record<string, unknown>;

/** The checkout form for sending `offerId` as a gift to `recipient`, paid by the sandbox's good card unless overridden. */
export const giftCheckout = (offerId: string, recipient: string, overrides: CheckoutFields = {}) =>
  checkoutSchema.parse({
    offerId,
    checkoutKey: randomUUID(),
    quantity: 1,
    shippingChoice: 'recipient_provides',
    giftReceipt: true,
    recipient,
    giftMessage: 'Happy birthday!',
    useGiftCardBalance: false,
    ...card(),
    ...overrides,
  });

/** The checkout form for buying `offerId` for oneself, shipped to a new address. */
export const selfCheckout = (offerId: string, overrides: CheckoutFields = {}) =>
  checkoutSchema.parse({
    offerId,
    checkoutKey: randomUUID(),
    quantity: 1,
    shippingChoice: 'ship_to_address',
    giftReceipt: false,
    addressId: 'new',
    newAddress: { fullName: 'Sam Buyer', line1: '7 Oak Avenue', city: 'Austin', state: 'TX', zip: '78701' },
    useGiftCardBalance: false,
    ...card(),
    ...overrides,
  });

export type SentGift = Awaited<ReturnType<typeof sendGift>>;

/**
 * A US Prime member sends a gift to `recipient` (an email address unless given). Returns what each party holds:
 * the giver, the order, the gift offer, the link token from the recipient's message and the card hold's id.
 */
export async function sendGift(opts: { recipient?: string; giver?: AppUser; priceCents?: number; stock?: number; quantity?: number; primeOffer?: boolean } = {}) {
  const giver = opts.giver ?? (await createPrimeMember());
  const sellerId = opts.primeOffer === false ? (await createSeller({ primeEligible: false })).seller.id : undefined;
  const offer = await createOffer({ priceCents: opts.priceCents ?? 2500, stock: opts.stock ?? 10, ...(sellerId && { sellerId }) });
  const recipient = opts.recipient ?? uniqueEmail();
  const { orderId } = await placeOrder(giver, giftCheckout(offer.id, recipient, { quantity: opts.quantity ?? 1 }));
  const gift = await giftOfferOf(orderId);
  const [waiting] = await outboxFor(gift.recipientContact, 'gift_waiting');
  const payment = await paymentOf(orderId);
  return {
    giver,
    offer,
    orderId,
    giftOfferId: gift.id,
    contact: gift.recipientContact,
    expiresAt: gift.expiresAt,
    token: tokenOf(waiting.meta!.link),
    authorizationId: payment!.processorAuthorizationId,
  };
}

export const tokenOf = (link: string) => {
  const m = /\/gift\/([^/?#]+)$/.exec(link);
  if (!m) throw new Error(`not a gift link: ${link}`);
  return m[1];
};

export async function giftOfferOf(orderId: string) {
  const db = await getDb();
  const [row] = await db.select().from(giftOffers).where(eq(giftOffers.orderId, orderId));
  return row;
}

export async function orderOf(orderId: string) {
  const db = await getDb();
  const [row] = await db.select().from(orders).where(eq(orders.id, orderId));
  return row;
}

// The order's destination record as stored (lib/fulfilment's table), or undefined.
export async function destinationOf(orderId: string) {
  const db = await getDb();
  const [row] = await db.select().from(orderDestinations).where(eq(orderDestinations.orderId, orderId));
  return row;
}

export async function ordersOfBuyer(buyerId: string) {
  const db = await getDb();
  return db.select().from(orders).where(eq(orders.buyerId, buyerId));
}

export async function paymentOf(orderId: string) {
  const db = await getDb();
  const [row] = await db.select().from(payments).where(eq(payments.orderId, orderId));
  return row ?? null;
}

export async function stockOf(offerId: string) {
  const db = await getDb();
  const [row] = await db.select({ stock: offers.stock }).from(offers).where(eq(offers.id, offerId));
  return row.stock;
}

/** Messages queued for one recipient (an email address or E.164 phone), oldest first, optionally of one template. */
export async function outboxFor(recipient: string, template?: string) {
  const db = await getDb();
  return db
    .select()
    .from(outboxMessages)
    .where(template ? and(eq(outboxMessages.recipient, recipient), eq(outboxMessages.template, template)) : eq(outboxMessages.recipient, recipient))
    .orderBy(asc(outboxMessages.id));
}

/** Every authorization checkout attempted for one submission (its keys start with the checkout key), payment or not. */
export async function checkoutOperations(buyerId: string, checkoutKey: string) {
  const db = await getDb();
  return db
    .select()
    .from(paymentOperations)
    .where(like(paymentOperations.idempotencyKey, `checkout:${buyerId}:${checkoutKey}%`))
    .orderBy(asc(paymentOperations.id));
}

export async function ledgerOf(ownerId: string) {
  const db = await getDb();
  return db.select().from(giftCardLedger).where(eq(giftCardLedger.ownerId, ownerId)).orderBy(asc(giftCardLedger.id));
}

/** Moves a gift's expiry (the only direct write tests make, to put an offer at a deadline without waiting days). */
export async function setGiftExpiry(giftOfferId: string, expiresAt: Date) {
  const db = await getDb();
  await db.update(giftOffers).set({ expiresAt }).where(eq(giftOffers.id, giftOfferId));
}

/** The error a promise rejects with (the test fails if it resolves or rejects with anything but an AppError). */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(AppError);
  return e as AppError;
}
