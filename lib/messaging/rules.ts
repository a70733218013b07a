// Buyer-seller messaging rules (S9). Pure.

export type AddressLike = { line1: string; line2: string | null; city: string; zip: string };

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Whether a message body carries a postal address: its street line, or its ZIP code next to its city. Used to keep a
 * gift recipient's address out of any thread with the gift's giver.
 */
export function mentionsAddress(body: string, a: AddressLike): boolean {
  const text = ` ${norm(body)} `;
  const street = norm(a.line1);
  if (street.length >= 4 && text.includes(` ${street} `)) return true;
  if (a.line2 && norm(a.line2).length >= 4 && text.includes(` ${norm(a.line2)} `) && text.includes(` ${norm(a.city)} `)) return true;
  const zip = a.zip.slice(0, 5);
  return text.includes(` ${zip} `) && text.includes(` ${norm(a.city)} `);
}

export const threadKeyForOrder = (orderId: string, userId: string) => `order:${orderId}:user:${userId}`;
export const threadKeyForOffer = (offerId: string, userId: string) => `offer:${offerId}:user:${userId}`;
export const threadKeyForCustomerService = (orderId: string) => `order:${orderId}:cs`;
