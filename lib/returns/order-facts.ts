import 'server-only';
import { findUserByContact, getUserContacts } from '@/lib/accounts/queries';
import { getOfferById } from '@/lib/catalog/queries';
import { getSellerProfile, getSellerProfileForUser, type SellerProfile } from '@/lib/catalog/sellers';
import { getParcelRecipientId } from '@/lib/fulfilment/destination';
import { getOrderForService, listOrdersOfBuyerForStaff, ordersWithSellerLine, type ServiceOrder } from '@/lib/orders/queries';

// What the post-sale domains (lib/returns, lib/refunds, lib/customer-service, lib/messaging, lib/safet) need to know
// about an order, a seller and a person, gathered in one place and read only through the owners' exported functions:
// the order and its line from lib/orders, the seller from lib/catalog, people from lib/accounts, and who a parcel goes
// to from lib/fulfilment. Nothing here decides who may see what: callers do.

export type OrderFacts = Omit<ServiceOrder, 'closedAt'> & {
  // A gift as the post-sale domains see it (never what the giver may see): whether its recipient accepted it, to be
  // shipped or as a gift card, and who they are when it ships.
  gift: { recipientUserId: string | null; status: 'waiting' | 'accepted' | 'ended'; settlement: 'ship' | 'gift_card' | null; giverId: string } | null;
};

/**
 * A gift's state follows from its order (lib/orders moves it: awaiting the recipient, placed once accepted for
 * delivery, closed when taken as a gift card, cancelled when it ended) and its recipient from the parcel's destination,
 * which lib/fulfilment records only when the recipient accepts it for delivery (kept if the order is cancelled later).
 */
function giftOf(o: ServiceOrder, recipientUserId: string | null): OrderFacts['gift'] {
  if (!o.isGift) return null;
  if (o.status === 'awaiting_recipient') return { recipientUserId: null, status: 'waiting', settlement: null, giverId: o.buyerId };
  if (o.status === 'closed') return { recipientUserId: null, status: 'accepted', settlement: 'gift_card', giverId: o.buyerId };
  if (recipientUserId) return { recipientUserId, status: 'accepted', settlement: 'ship', giverId: o.buyerId };
  return { recipientUserId: null, status: 'ended', settlement: null, giverId: o.buyerId };
}

export async function getOrderFacts(orderId: string): Promise<OrderFacts | null> {
  const o = await getOrderForService(orderId);
  if (!o) return null;
  const recipientUserId = o.isGift ? await getParcelRecipientId(o.id) : null;
  const { closedAt: _closedAt, ...facts } = o;
  return { ...facts, gift: giftOf(o, recipientUserId) };
}

/** Orders of which this seller owns the line, among the given ids (ownership check for seller pages). */
export async function ordersOfSeller(sellerId: string, orderIds: string[]): Promise<Set<string>> {
  return ordersWithSellerLine(sellerId, orderIds);
}

export type SellerFacts = SellerProfile;

export async function getSellerFacts(sellerId: string): Promise<SellerFacts | null> {
  return getSellerProfile(sellerId);
}

export async function getSellerFactsForUser(userId: string): Promise<SellerFacts | null> {
  return getSellerProfileForUser(userId);
}

export type PersonFacts = { id: string; name: string; email: string | null; phone: string | null };

export async function getPeople(ids: string[]): Promise<Map<string, PersonFacts>> {
  const unique = [...new Set(ids.filter(Boolean))];
  const contacts = await getUserContacts(unique);
  return new Map([...contacts].map(([id, c]) => [id, { id, ...c }]));
}

export async function findUserIdByEmail(email: string): Promise<string | null> {
  return (await findUserByContact({ channel: 'email', value: email.trim().toLowerCase() }))?.id ?? null;
}

/** A buyer's orders, newest first, keyset-paged (customer service's search by email). */
export async function listOrdersOfBuyer(buyerId: string, opts: { before?: { createdAt: Date; id: string }; limit?: number } = {}) {
  return listOrdersOfBuyerForStaff(buyerId, opts);
}

export async function getOfferFacts(offerId: string): Promise<{ id: string; sellerId: string; sellerUserId: string; title: string; slug: string; active: boolean } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(offerId)) return null;
  const o = await getOfferById(offerId);
  return o ? { id: o.id, sellerId: o.sellerId, sellerUserId: o.sellerUserId, title: o.title, slug: o.slug, active: o.active } : null;
}
