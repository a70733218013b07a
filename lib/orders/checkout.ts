import { createHmac, randomUUID } from 'node:crypto';
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { orderLines, orders } from '@/db/schema';
import type { AppUser } from '@/lib/accounts/queries';
import { getAddress, saveAddress } from '@/lib/accounts/queries';
import { formatPhone, giftingEligibility, parseContact } from '@/lib/accounts/rules';
import { authSecret } from '@/lib/auth/secret';
import { addressSchema } from '@/lib/accounts/schemas';
import { getOfferById } from '@/lib/catalog/queries';
import { AppError } from '@/lib/errors';
import { debitGiftCardBalance, getGiftCardBalance } from '@/lib/gift-cards/ledger';
import { assertMayGiftTo } from '@/lib/gifts/blocks';
import { createGiftOffer } from '@/lib/gifts/create';
import { recordDestination } from '@/lib/fulfilment/destination';
import { recordOrderPromise } from '@/lib/shipping/promise';
import { enqueueMessage } from '@/lib/notifications/outbox';
import { authorizationReleased, authorizeCard, recordAuthorizedPayment, voidAuthorization, voidPaymentsForOrders } from '@/lib/payments/service';
import { formatMoney } from '@/lib/money';
import { priceOrder, splitPayment, summarizeTitles } from './rules';
import { cardSchema, parseCardExpiry, type CheckoutInput } from './schemas';
import { reserveStock } from './stock';

class DuplicateSubmit extends Error {}

// Keyed: a plain hash of a card number and expiry can be reversed by enumerating the few digits not shown (PCI DSS 3.5.1).
const cardFingerprint = (number: string, expiry: string) => createHmac('sha256', authSecret()).update(`${number}|${expiry}`).digest('hex').slice(0, 16);

async function findByCheckoutKey(buyerId: string, checkoutKey: string) {
  const db = await getDb();
  const [o] = await db.select({ id: orders.id }).from(orders).where(and(eq(orders.buyerId, buyerId), eq(orders.checkoutKey, checkoutKey))).limit(1);
  return o ?? null;
}

// Places an order: for the buyer's own address, or as a gift whose recipient gives the address (G2-G4).
// The card is only authorized (a hold). A retried submission with the same checkout key returns the same order.
export async function placeOrder(user: AppUser, input: CheckoutInput): Promise<{ orderId: string }> {
  const existing = await findByCheckoutKey(user.id, input.checkoutKey);
  if (existing) return { orderId: existing.id };

  const db0 = await getDb();
  const offer = await getOfferById(input.offerId);
  if (!offer || !offer.active) throw new AppError('NOT_FOUND', 'This item is no longer available.');
  if (offer.stock < input.quantity) throw new AppError('CONFLICT', offer.stock === 0 ? 'Sorry, this item is out of stock.' : 'There aren’t enough in stock for that quantity. Try fewer.');

  const isGift = input.shippingChoice === 'recipient_provides';
  if (isGift) {
    const eligibility = giftingEligibility(user);
    if (!eligibility.eligible) throw new AppError('FORBIDDEN', eligibility.reason);
    // The seller ships to the address: a seller gifting their own offer would learn where the recipient lives.
    if (offer.sellerUserId === user.id) throw new AppError('FORBIDDEN', 'You can’t send your own offer as a gift whose recipient gives the address: you would see it when you ship.');
  }
  const recipient = isGift ? parseContact(input.recipient ?? '') : null;
  if (isGift && !recipient) throw new AppError('VALIDATION', 'Enter the recipient’s email or mobile number.', { fieldErrors: { recipient: ['Enter the recipient’s email or mobile number.'] } });
  // Anti-phishing: only so many new recipients an hour (checked again, under a lock, when the offer is created).
  if (recipient) await assertMayGiftTo(db0, user.id, recipient.value);

  // Resolve the ship-to address before any money moves.
  let shipTo: { fullName: string; line1: string; line2?: string | null; city: string; state: string; zip: string } | null = null;
  if (!isGift) {
    if (input.addressId && input.addressId !== 'new') {
      shipTo = await getAddress(user.id, input.addressId);
      if (!shipTo) throw new AppError('VALIDATION', 'Choose a shipping address.', { fieldErrors: { addressId: ['Choose a shipping address.'] } });
    } else {
      shipTo = await saveAddress(user.id, addressSchema.parse(input.newAddress));
    }
  }

  const price = priceOrder({ unitPriceCents: offer.priceCents, quantity: input.quantity, primeOffer: offer.prime });
  // A gift may be declined or expire, so only the card pays for it; balance pays own orders.
  const balance = !isGift && input.useGiftCardBalance ? await getGiftCardBalance(user.id) : 0;
  const split = splitPayment(price.totalCents, balance, !isGift && input.useGiftCardBalance);

  let authorization: { authorizationId: string; expiresAt: Date; brand: string; last4: string } | null = null;
  if (split.cardCents > 0) {
    const card = cardSchema.safeParse(input);
    if (!card.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const i of card.error.issues) (fieldErrors[String(i.path[0])] ??= []).push(i.message);
      throw new AppError('VALIDATION', 'Check your card details.', { fieldErrors });
    }
    const exp = parseCardExpiry(card.data.cardExpiry)!;
    const request = { amountCents: split.cardCents, currency: offer.currency, card: { number: card.data.cardNumber, cvc: card.data.cardCvc, ...exp } };
    // Same submission and same card: the processor replays the hold. A corrected card is a new attempt.
    const idempotencyKey = `checkout:${user.id}:${input.checkoutKey}:${cardFingerprint(card.data.cardNumber, card.data.cardExpiry)}`;
    let auth = await authorizeCard({ ...request, idempotencyKey });
    // This card was tried on this form with other details (a corrected security code, which the key leaves out, or a
    // new amount). That attempt left nothing an order uses (its order would have been found above): try afresh.
    if (!auth.ok && auth.code === 'idempotency_mismatch') auth = await authorizeCard({ ...request, idempotencyKey: `${idempotencyKey}:${randomUUID()}` });
    // An earlier try of this form got a hold that was then given back (its order failed, e.g. out of stock): the
    // processor replays that approval, but the hold is gone. Ask for a new one, under a key derived from the old.
    // Each retry's key names the released hold it replaces, so twin submissions still converge on one hold.
    for (let tries = 0; auth.ok && tries < 3 && (await authorizationReleased(auth.value.authorizationId)); tries++) {
      auth = await authorizeCard({ ...request, idempotencyKey: `${idempotencyKey}:after:${auth.value.authorizationId}` });
    }
    if (auth.ok && (await authorizationReleased(auth.value.authorizationId))) throw new AppError('CONFLICT', 'Please reload the page and try again.');
    if (!auth.ok) throw new AppError('PAYMENT_FAILED', auth.message, { fieldErrors: { cardNumber: [auth.message] } });
    authorization = auth.value;
  }

  const db = await getDb();
  let declinedAtOnce = false;
  try {
    const orderId = await db.transaction(async (tx) => {
      await reserveStock(tx, offer.id, input.quantity);
      const [order] = await tx
        .insert(orders)
        .values({
          buyerId: user.id,
          checkoutKey: input.checkoutKey,
          status: isGift ? 'awaiting_recipient' : 'placed',
          shippingChoice: input.shippingChoice,
          isGift,
          giftReceipt: input.giftReceipt,
          ...price,
          giftCardCents: split.giftCardCents,
          currency: offer.currency,
          placedAt: isGift ? null : new Date(),
        })
        .onConflictDoNothing()
        .returning({ id: orders.id });
      // Another submission with the same key won the race: it owns the hold and the stock.
      if (!order) throw new DuplicateSubmit();
      await tx.insert(orderLines).values({ orderId: order.id, offerId: offer.id, sellerId: offer.sellerId, title: offer.title, unitPriceCents: offer.priceCents, quantity: input.quantity });
      // The buyer's own order ships to the buyer: its destination record is theirs (lib/fulfilment).
      if (shipTo) {
        await recordDestination(tx, {
          orderId: order.id,
          recipientUserId: user.id,
          address: { fullName: shipTo.fullName, line1: shipTo.line1, line2: shipTo.line2 ?? undefined, city: shipTo.city, state: shipTo.state, zip: shipTo.zip },
        });
        // The delivery promise the buyer was shown, recorded with the order (lib/shipping; feeds the SFP metrics).
        await recordOrderPromise(tx, { orderId: order.id, sellerId: offer.sellerId, offerId: offer.id, destinationZip: shipTo.zip, orderedAt: new Date(), sellerPrimeEligible: offer.prime, sizeTier: offer.sizeClass });
      }
      if (authorization) {
        await recordAuthorizedPayment(tx, { orderId: order.id, amountCents: split.cardCents, currency: offer.currency, ...authorization });
      }
      await debitGiftCardBalance(tx, user.id, order.id, split.giftCardCents);
      if (user.email) {
        // Said per channel: a gift sent by text did not go to anyone's inbox.
        const told = recipient?.channel === 'sms' ? `We’re texting the recipient at ${formatPhone(recipient.value)}` : `We’re emailing the recipient at ${recipient?.value}`;
        await enqueueMessage(tx, {
          channel: 'email',
          recipient: user.email,
          template: isGift ? 'gift_order_confirmation' : 'order_confirmation',
          subject: isGift ? `Your gift is on its way: ${offer.title}` : `Order confirmed: ${offer.title}`,
          body: isGift
            ? `${told} about your gift (${offer.title}). Your card has a hold of ${formatMoney(split.cardCents)} and is charged only if they accept.`
            : `Thanks for your order of ${offer.title} (${formatMoney(price.totalCents)}). We'll let you know when it ships.`,
        });
      }
      if (isGift && recipient) {
        // A gift is always paid by card (no balance), so there is a hold whose end bounds the offer.
        const created = await createGiftOffer(tx, { orderId: order.id, giverId: user.id, giverName: user.name, itemTitle: summarizeTitles([offer.title]), itemImageUrl: offer.imageUrl, itemQuantity: input.quantity, recipient, giftMessage: input.giftMessage, holdExpiresAt: authorization!.expiresAt });
        // The recipient blocked this sender: declined at once, as a refusal; its hold is released after commit.
        declinedAtOnce = created.blocked;
      }
      return order.id;
    });
    // If this fails the hold sweeper releases it (a hold on a cancelled order), as after any refusal.
    if (declinedAtOnce) await voidPaymentsForOrders([orderId]).catch((e: unknown) => console.error(`[checkout] could not release the hold of order ${orderId}`, e instanceof Error ? e.message : e));
    return { orderId };
  } catch (e) {
    // A twin submission with the same key may have won: at the unique key (DuplicateSubmit), or by taking the
    // last unit first (a CONFLICT from reserveStock). Either way this submission is that order.
    const winner = e instanceof DuplicateSubmit || (e instanceof AppError && e.code === 'CONFLICT') ? await findByCheckoutKey(user.id, input.checkoutKey) : null;
    // Nothing of ours was written: give the hold back so the buyer's card is not left holding money. When the winner
    // used the same card the hold is its own, and the processor refuses to void a hold an order owns.
    if (authorization) await voidAuthorization({ authorizationId: authorization.authorizationId, idempotencyKey: `checkout-abandon:${authorization.authorizationId}` });
    if (winner) return { orderId: winner.id };
    throw e;
  }
}
