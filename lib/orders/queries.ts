import 'server-only';
import { and, count, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { giftOffers, offers, orderLines, orders } from '@/db/schema';
import { giverStatus, type GiftOfferStatus } from '@/lib/gifts/rules';
import { maskContact } from '@/lib/accounts/rules';

// The buyer's orders. For gifts, only what a giver may see: never the recipient's address or how they settled it.
export async function listBuyerOrders(buyerId: string, { page, pageSize = 10 }: { page: number; pageSize?: number }) {
  const db = await getDb();
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: orders.id,
        status: orders.status,
        isGift: orders.isGift,
        totalCents: orders.totalCents,
        currency: orders.currency,
        createdAt: orders.createdAt,
        title: orderLines.title,
        quantity: orderLines.quantity,
        imageUrl: offers.imageUrl,
        giftStatus: giftOffers.status,
      })
      .from(orders)
      .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
      .innerJoin(offers, eq(offers.id, orderLines.offerId))
      .leftJoin(giftOffers, eq(giftOffers.orderId, orders.id))
      .where(eq(orders.buyerId, buyerId))
      .orderBy(desc(orders.createdAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(orders).where(eq(orders.buyerId, buyerId)),
  ]);
  return {
    items: rows.map(({ giftStatus, status, ...r }) => ({
      ...r,
      // A gift's order status would reveal how it was settled: the giver sees the gift's status instead.
      status: r.isGift ? null : status,
      giftStatus: giftStatus ? giverStatus(giftStatus as GiftOfferStatus) : null,
    })),
    total,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

export async function getBuyerOrder(buyerId: string, orderId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: orders.id,
      status: orders.status,
      isGift: orders.isGift,
      giftReceipt: orders.giftReceipt,
      subtotalCents: orders.subtotalCents,
      shippingCents: orders.shippingCents,
      giftCardCents: orders.giftCardCents,
      totalCents: orders.totalCents,
      currency: orders.currency,
      createdAt: orders.createdAt,
      shipToName: orders.shipToName,
      shipToLine1: orders.shipToLine1,
      shipToLine2: orders.shipToLine2,
      shipToCity: orders.shipToCity,
      shipToState: orders.shipToState,
      shipToZip: orders.shipToZip,
      title: orderLines.title,
      quantity: orderLines.quantity,
      unitPriceCents: orderLines.unitPriceCents,
      imageUrl: offers.imageUrl,
      slug: offers.slug,
      gift: {
        status: giftOffers.status,
        channel: giftOffers.recipientChannel,
        contact: giftOffers.recipientContact,
        message: giftOffers.giftMessage,
        expiresAt: giftOffers.expiresAt,
      },
    })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .innerJoin(offers, eq(offers.id, orderLines.offerId))
    .leftJoin(giftOffers, eq(giftOffers.orderId, orders.id))
    .where(and(eq(orders.id, orderId), eq(orders.buyerId, buyerId)))
    .limit(1);
  if (!row) return null;
  if (!row.isGift || !row.gift?.status) {
    const { gift: _gift, ...own } = row;
    return { ...own, gift: null };
  }
  // Strip everything the giver must not learn: ship-to (the recipient's), the order's own status, the settlement.
  const { shipToName: _n, shipToLine1: _l1, shipToLine2: _l2, shipToCity: _c, shipToState: _s, shipToZip: _z, status: _st, gift, ...rest } = row;
  const status = giverStatus(gift.status as GiftOfferStatus);
  return {
    ...rest,
    status: null,
    shipToName: null,
    shipToLine1: null,
    shipToLine2: null,
    shipToCity: null,
    shipToState: null,
    shipToZip: null,
    gift: {
      status,
      sentTo: maskContact(gift.contact!),
      channel: gift.channel!,
      message: gift.message,
      expiresAt: status === 'waiting' ? gift.expiresAt : null,
    },
  };
}
