import { multiplyCents } from '@/lib/money';

export const MAX_QUANTITY = 5;
export const STANDARD_SHIPPING_CENTS = 599;
export const FREE_SHIPPING_THRESHOLD_CENTS = 3500;

// Prime-badged offers ship free (SPEC S2); others ship free above a threshold.
export function priceOrder(input: { unitPriceCents: number; quantity: number; primeOffer: boolean }) {
  const subtotalCents = multiplyCents(input.unitPriceCents, input.quantity);
  const shippingCents = input.primeOffer || subtotalCents >= FREE_SHIPPING_THRESHOLD_CENTS ? 0 : STANDARD_SHIPPING_CENTS;
  return { subtotalCents, shippingCents, totalCents: subtotalCents + shippingCents };
}

// How much of a total the buyer's gift card balance pays; the card pays the rest.
export function splitPayment(totalCents: number, balanceCents: number, useBalance: boolean) {
  const giftCardCents = useBalance ? Math.max(0, Math.min(totalCents, balanceCents)) : 0;
  return { giftCardCents, cardCents: totalCents - giftCardCents };
}

export type OrderStatus = 'awaiting_recipient' | 'placed' | 'shipped' | 'delivered' | 'closed' | 'cancelled';

export const orderStatusLabel: Record<OrderStatus, string> = {
  awaiting_recipient: 'Gift sent',
  placed: 'Ordered',
  shipped: 'Shipped',
  delivered: 'Delivered',
  closed: 'Completed',
  cancelled: 'Cancelled',
};

// How an order is named in messages and lists: its first line's title, then "and N more" for the other lines.
export function summarizeTitles(titles: readonly string[]): string {
  if (titles.length === 0) return '';
  return titles.length === 1 ? titles[0] : `${titles[0]} and ${titles.length - 1} more`;
}
