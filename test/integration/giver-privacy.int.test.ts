import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { createPrimeMember, createUser } from '@/db/seed/factories';
import { outboxMessages, shipFromLocations } from '@/db/schema';
import { getDestinationForFulfilment, getDestinationForRecipient } from '@/lib/fulfilment/destination';
import { decideGift } from '@/lib/gifts/commands';
import { giverGiftSummaries } from '@/lib/gifts/giver-view';
import { giverGiftViews, listReceivedGifts } from '@/lib/gifts/queries';
import { getMyOrderThread } from '@/lib/messaging/commands';
import { getBuyerOrder, listBuyerOrders } from '@/lib/orders/queries';
import { getRatesForOrder, purchaseLabel } from '@/lib/shipments/labels';
import { getTrackingForParcelRecipient } from '@/lib/shipments/queries';
import { ingestCarrierEvents } from '@/lib/shipments/tracking';
import { sendGift, type SentGift } from '@/test/support/gift-fixtures';

// G7 and the recipient's address: nothing a giver can see or receive (every function their order page and order list
// read, every email and text sent to them) contains any part of the address a recipient gave or of the parcel's
// tracking, and it all reads the same whether the recipient accepted (and the seller then shipped it through Buy
// Shipping and the carrier delivered it) or took a gift card.

const address = { fullName: 'Quinn Zephyrine', line1: '9187 Kestrelwood Lane', line2: 'Suite 4417', city: 'Marblehead', state: 'MA', zip: '01945' };
const addressParts = [address.fullName, address.line1, address.line2, address.city, address.zip, 'Kestrelwood', 'Zephyrine'];

async function giverMessages(giverEmail: string) {
  const db = await getDb();
  return db.select().from(outboxMessages).where(eq(outboxMessages.recipient, giverEmail)).orderBy(outboxMessages.id);
}

/**
 * Everything the giver can reach about one gift, with the parts that merely name this gift (ids, item) taken out:
 * what the order page reads (the order, the gift's summary, the destination and tracking lookups, the giver's own
 * thread with the seller), what the order list reads, and every message sent to the giver about it.
 */
async function giverWorld(sent: SentGift) {
  const order = (await getBuyerOrder(sent.giver.id, sent.orderId))!;
  const { items } = await listBuyerOrders(sent.giver.id, { page: 1, pageSize: 50 });
  const listed = items.find((i) => i.id === sent.orderId)!;
  const summary = (await giverGiftSummaries(sent.giver.id, [sent.orderId])).get(sent.orderId)!;
  const view = (await giverGiftViews(sent.giver.id, [sent.orderId])).get(sent.orderId)!;
  const mail = (await giverMessages(sent.giver.email!)).filter((m) => m.body.includes(sent.orderId) || (m.subject ?? '').includes(sent.offer.title) || m.body.includes(sent.offer.title));
  const destination = await getDestinationForRecipient(sent.giver.id, sent.orderId);
  const tracking = await getTrackingForParcelRecipient(sent.giver.id, sent.orderId);
  const thread = await getMyOrderThread(sent.giver.id, sent.orderId);
  const raw = JSON.stringify({ order, listed, summary, view, mail, destination, tracking, thread });
  const anon = (s: string) => s.replaceAll(sent.orderId, '<order>').replaceAll(sent.offer.title, '<item>').replaceAll(sent.offer.slug, '<slug>').replaceAll(sent.contact, '<recipient>');
  return {
    raw,
    comparable: JSON.parse(
      anon(
        JSON.stringify({
          order: { ...order, id: null, createdAt: null },
          listed: { ...listed, id: null, createdAt: null },
          summary: { ...summary, sentTo: null },
          view: { ...view, contact: null },
          mail: mail.map((m) => ({ channel: m.channel, template: m.template, subject: m.subject, body: m.body })),
          destination,
          tracking,
          thread,
        }),
      ),
    ),
  };
}

describe('the giver never reaches the recipient’s address (accept, convert, and a later shipment)', () => {
  it('keeps every giver-side view and message free of the address, and identical for accept and convert', async () => {
    const giver = await createPrimeMember();
    const accepted = await sendGift({ giver });
    const converted = await sendGift({ giver });
    const acceptor = await createUser({ email: accepted.contact });
    const converter = await createUser({ email: converted.contact });

    await decideGift(acceptor, accepted.giftOfferId, 'accept', address);
    await decideGift(converter, converted.giftOfferId, 'convert');
    // The address exists, for the people who need it: the recipient and (through fulfilment) the seller shipping it.
    expect(await getDestinationForRecipient(acceptor.id, accepted.orderId)).toMatchObject({ line1: address.line1, zip: address.zip });
    expect(await getDestinationForFulfilment(accepted.orderId)).toMatchObject({ recipientUserId: acceptor.id });

    const check = async (stage: string) => {
      const a = await giverWorld(accepted);
      const b = await giverWorld(converted);
      for (const part of addressParts) {
        expect(a.raw, `${stage}: "${part}" reached the giver`).not.toContain(part);
        expect(b.raw, `${stage}: "${part}" reached the giver`).not.toContain(part);
      }
      // The recipient's account is not the giver's business either.
      expect(a.raw).not.toContain(acceptor.id);
      expect(b.raw).not.toContain(converter.id);
      expect(a.comparable, `${stage}: the giver can tell an acceptance from a conversion`).toEqual(b.comparable);
      return a;
    };
    const afterDecision = await check('after the decisions');
    expect(afterDecision.comparable.order).toMatchObject({ status: null, gift: { status: 'accepted' } });
    expect(afterDecision.comparable.mail).toEqual([
      expect.objectContaining({ template: 'gift_order_confirmation' }),
      expect.objectContaining({ template: 'gift_accepted_giver', subject: 'Your gift was accepted' }),
    ]);

    // The seller ships the accepted gift through Buy Shipping (lib/shipments: a quote, then the label), from a
    // warehouse of theirs, and the carrier's tracking events arrive (lib/shipments/tracking) up to delivery.
    const db = await getDb();
    const sellerId = accepted.offer.sellerId;
    await db.insert(shipFromLocations).values({ sellerId, name: 'Main warehouse', line1: '200 Port St', city: 'Newark', state: 'NJ', zip: '07114', zip3: '071', timeZone: 'America/New_York', isDefault: true });
    const quote = await getRatesForOrder(sellerId, accepted.orderId);
    expect(quote.rates.length).toBeGreaterThan(0);
    const { shipment } = await purchaseLabel(sellerId, null, { requestToken: quote.requestToken, rateId: quote.rates[0].rateId });
    const afterLabel = await check('after the label was bought');
    const t0 = Date.now();
    const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
    const where = { city: 'Marblehead', stateOrRegion: 'MA', postalCode: '01945', countryCode: 'US' };
    const events = (['PickupDone', 'ArrivedAtCarrierFacility', 'Departed', 'OutForDelivery', 'Delivered'] as const).map((eventCode, i) => ({
      eventId: `${shipment.trackingId}-${i}`,
      trackingId: shipment.trackingId,
      eventCode,
      eventTime: new Date(at(10 * (i + 1))),
      location: eventCode === 'Delivered' || eventCode === 'OutForDelivery' ? where : { city: 'Newark', stateOrRegion: 'NJ', postalCode: '07114', countryCode: 'US' },
    }));
    const inTransit = await ingestCarrierEvents(shipment.carrierId, events.slice(0, 3));
    expect(inTransit.shipmentsUpdated).toBe(1);
    const afterTransit = await check('while the parcel is in transit');
    await ingestCarrierEvents(shipment.carrierId, events.slice(3));
    // The recipient follows the parcel to their door; the order is delivered.
    const theirs = await getTrackingForParcelRecipient(acceptor.id, accepted.orderId);
    expect(theirs?.parcels[0]).toMatchObject({ trackingId: shipment.trackingId, status: 'delivered' });
    const afterDelivery = await check('after delivery');
    // Nothing new reached the giver because the gift shipped, moved or arrived, and nothing of its progress shows.
    for (const later of [afterLabel, afterTransit, afterDelivery]) expect(later.comparable).toEqual(afterDecision.comparable);
    for (const part of [shipment.trackingId, shipment.serviceName, quote.requestToken]) expect(afterDelivery.raw).not.toContain(part);
    // The order page's tracking and destination lookups answer nothing for the giver; no word of the parcel's progress.
    expect(afterDelivery.comparable).toMatchObject({ tracking: null, destination: null });
    const { tracking: _none, ...shown } = afterDelivery.comparable;
    expect(JSON.stringify(shown)).not.toMatch(/shipped|tracking|delivered|in transit|label/i);

    // Every message the giver ever received, from any part of the system, is free of the address.
    for (const m of await giverMessages(giver.email!)) for (const part of addressParts) expect(`${m.subject ?? ""}\n${m.body}`).not.toContain(part);
    // And no message anywhere that is not the recipient's own carries it.
    const leaked = await db.select().from(outboxMessages).where(like(outboxMessages.body, `%${address.line1}%`));
    expect(leaked.filter((m) => m.recipient !== acceptor.email)).toEqual([]);
  });

  it('the recipient (only) sees the address; another account sees neither the gift nor the address', async () => {
    const sent = await sendGift();
    const recipient = await createUser({ email: sent.contact });
    await decideGift(recipient, sent.giftOfferId, 'accept', address);
    const stranger = await createUser();
    expect((await listReceivedGifts(recipient.id)).map((g) => g.orderId)).toEqual([sent.orderId]);
    expect(await getDestinationForRecipient(stranger.id, sent.orderId)).toBeNull();
    expect(await getBuyerOrder(stranger.id, sent.orderId)).toBeNull();
    expect(await giverGiftViews(stranger.id, [sent.orderId])).toEqual(new Map());
    const db = await getDb();
    expect(await db.select().from(outboxMessages).where(and(eq(outboxMessages.recipient, stranger.email!)))).toEqual([]);
  });
});
