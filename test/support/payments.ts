import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/index';
import { createUser } from '@/db/seed/factories';
import { orders } from '@/db/schema';
import type { CardInput } from '@/lib/payments/processor';
import { SANDBOX_CARDS } from '@/lib/payments/sandbox';
import { authorizeCard, recordAuthorizedPayment } from '@/lib/payments/service';

// Test helpers for code that needs a payment: an order row of its own, and a real sandbox hold recorded against it.

export const testCard = (number: string = SANDBOX_CARDS.success, overrides: Partial<CardInput> = {}): CardInput => ({
  number,
  expMonth: 12,
  expYear: new Date().getUTCFullYear() + 3,
  cvc: '123',
  ...overrides,
});

/** A minimal order (an unanswered gift) to hang a payment on. */
export async function createOrderForPayment(totalCents = 2500) {
  const db = await getDb();
  const buyer = await createUser();
  const [order] = await db
    .insert(orders)
    .values({
      buyerId: buyer.id,
      checkoutKey: randomUUID(),
      status: 'awaiting_recipient',
      shippingChoice: 'recipient_provides',
      subtotalCents: totalCents,
      totalCents,
    })
    .returning();
  return order;
}

/** An order whose card is held for amountCents in the sandbox, with its payment recorded as checkout does. */
export async function createAuthorizedPayment({ amountCents = 2500 }: { amountCents?: number } = {}) {
  const order = await createOrderForPayment(amountCents);
  const auth = await authorizeCard({ amountCents, currency: 'USD', card: testCard(), idempotencyKey: `test-auth:${randomUUID()}` });
  if (!auth.ok) throw new Error(`sandbox refused the test card: ${auth.code}`);
  const db = await getDb();
  const { paymentId } = await db.transaction((tx) =>
    recordAuthorizedPayment(tx, { orderId: order.id, amountCents, currency: 'USD', ...auth.value }),
  );
  return { order, orderId: order.id, paymentId, authorizationId: auth.value.authorizationId };
}
