import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rows } from '@/db/index';
import { createOffer, createUser } from '@/db/seed/factories';
import { recordDestination, getDestinationForFulfilment, getDestinationForRecipient, getDestinationZips, getDestinationsForFulfilment } from '@/lib/fulfilment/destination';
import { decideGift } from '@/lib/gifts/commands';
import { placeOrder } from '@/lib/orders/checkout';
import { destinationOf, orderOf, selfCheckout, sendGift, shipTo } from '@/test/support/gift-fixtures';

const ownOrder = async () => {
  const buyer = await createUser();
  const offer = await createOffer({ priceCents: 1200, stock: 5 });
  const { orderId } = await placeOrder(buyer, selfCheckout(offer.id));
  return { buyer, orderId };
};

describe('order destinations (lib/fulfilment)', () => {
  it('an own order: the destination belongs to the buyer, and only the buyer reads it as recipient', async () => {
    const { buyer, orderId } = await ownOrder();
    const stranger = await createUser();
    const d = await getDestinationForRecipient(buyer.id, orderId);
    expect(d).toEqual({ orderId, recipientUserId: buyer.id, fullName: 'Sam Buyer', line1: '7 Oak Avenue', line2: null, city: 'Austin', state: 'TX', zip: '78701' });
    expect(await getDestinationForRecipient(stranger.id, orderId)).toBeNull();
    expect(await getDestinationForRecipient(buyer.id, randomUUID())).toBeNull();
    expect(await getDestinationForFulfilment(orderId)).toEqual(d);
    expect(await getDestinationForFulfilment(randomUUID())).toBeNull();
  });

  it('an accepted gift: the destination is keyed to the recipient; the giver gets nothing back', async () => {
    const sent = await sendGift();
    const recipient = await createUser({ email: sent.contact });
    await decideGift(recipient, sent.giftOfferId, 'accept', shipTo);
    expect(await getDestinationForRecipient(recipient.id, sent.orderId)).toMatchObject({ recipientUserId: recipient.id, line1: '42 Elm Street', line2: 'Apt 3', zip: '07030' });
    expect(await getDestinationForRecipient(sent.giver.id, sent.orderId)).toBeNull();
    // Nothing of the address is on the giver's order row.
    const row = JSON.stringify(await orderOf(sent.orderId));
    for (const part of ['Robin Recipient', '42 Elm Street', 'Apt 3', 'Hoboken', '07030', recipient.id]) expect(row).not.toContain(part);
  });

  it('a converted gift has no destination at all', async () => {
    const sent = await sendGift();
    const recipient = await createUser({ email: sent.contact });
    await decideGift(recipient, sent.giftOfferId, 'convert');
    expect(await destinationOf(sent.orderId)).toBeUndefined();
    expect(await getDestinationForRecipient(recipient.id, sent.orderId)).toBeNull();
  });

  it('is written once per order: a retried write keeps the first destination', async () => {
    const { buyer, orderId } = await ownOrder();
    const db = await getDb();
    await db.transaction((tx) => recordDestination(tx, { orderId, recipientUserId: buyer.id, address: { ...shipTo, line1: '1 Other Road' } }));
    expect(await destinationOf(orderId)).toMatchObject({ line1: '7 Oak Avenue' });
  });

  it('refuses a destination for an order or account that does not exist', async () => {
    const { buyer } = await ownOrder();
    const db = await getDb();
    await expect(db.transaction((tx) => recordDestination(tx, { orderId: randomUUID(), recipientUserId: buyer.id, address: shipTo }))).rejects.toThrow();
    const { orderId } = await ownOrder();
    await db.execute(sql`delete from order_destinations where order_id = ${orderId}`);
    await expect(db.transaction((tx) => recordDestination(tx, { orderId, recipientUserId: randomUUID(), address: shipTo }))).rejects.toThrow();
    expect(await destinationOf(orderId)).toBeUndefined();
  });

  it('gives ZIPs set-based, leaving out orders without a destination', async () => {
    const a = await ownOrder();
    const b = await ownOrder();
    const gift = await sendGift();
    const zips = await getDestinationZips([a.orderId, b.orderId, a.orderId, gift.orderId, randomUUID()]);
    expect(zips).toEqual(new Map([[a.orderId, '78701'], [b.orderId, '78701']]));
    expect(await getDestinationZips([])).toEqual(new Map());
    expect([...(await getDestinationsForFulfilment([a.orderId, gift.orderId])).keys()]).toEqual([a.orderId]);
  });
});

describe('migration 0005: ship-to rows copied into order_destinations', () => {
  it('copies every addressed order, keyed to the gift recipient or else the buyer, and skips the rest', async () => {
    // Run the committed data migration against tables shaped as they were before it (the old ship_to_* columns),
    // in a scratch schema, so the test exercises the real SQL without touching the migrated tables.
    const file = readFileSync(path.join(import.meta.dirname, '../../db/migrations/0005_copy_order_destinations.sql'), 'utf8');
    const db = await getDb();
    const schema = `mig_${randomUUID().replaceAll('-', '')}`;
    const buyer = randomUUID();
    const recipient = randomUUID();
    const [own, gift, waiting] = [randomUUID(), randomUUID(), randomUUID()];
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`create schema ${schema}`));
        await tx.execute(sql.raw(`set local search_path to ${schema}`));
        await tx.execute(sql.raw(`create table orders (id uuid primary key, buyer_id uuid not null, recipient_user_id uuid, created_at timestamptz not null default now(), placed_at timestamptz,
          ship_to_name text, ship_to_line1 text, ship_to_line2 text, ship_to_city text, ship_to_state char(2), ship_to_zip text)`));
        await tx.execute(sql.raw(`create table order_destinations (order_id uuid primary key, recipient_user_id uuid not null, full_name text not null, line1 text not null, line2 text,
          city text not null, state char(2) not null, zip text not null, created_at timestamptz not null default now())`));
        await tx.execute(sql.raw(`insert into orders values
          ('${own}', '${buyer}', null, now(), now(), 'Sam Buyer', '7 Oak Avenue', null, 'Austin', 'TX', '78701'),
          ('${gift}', '${buyer}', '${recipient}', now(), now(), 'Robin Recipient', '42 Elm Street', 'Apt 3', 'Hoboken', 'NJ', '07030'),
          ('${waiting}', '${buyer}', null, now(), null, null, null, null, null, null, null)`));
        for (const stmt of file.split('--> statement-breakpoint')) if (stmt.trim()) await tx.execute(sql.raw(stmt));
        // Running it twice changes nothing (ON CONFLICT DO NOTHING).
        for (const stmt of file.split('--> statement-breakpoint')) if (stmt.trim()) await tx.execute(sql.raw(stmt));
        const res = await tx.execute(sql.raw(`select order_id, recipient_user_id, full_name, line1, line2, city, state, zip from order_destinations order by full_name`));
        expect(rows(res)).toEqual([
          { order_id: gift, recipient_user_id: recipient, full_name: 'Robin Recipient', line1: '42 Elm Street', line2: 'Apt 3', city: 'Hoboken', state: 'NJ', zip: '07030' },
          { order_id: own, recipient_user_id: buyer, full_name: 'Sam Buyer', line1: '7 Oak Avenue', line2: null, city: 'Austin', state: 'TX', zip: '78701' },
        ]);
      });
    } finally {
      await db.execute(sql.raw(`drop schema if exists ${schema} cascade`));
    }
  });
});
