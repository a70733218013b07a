import { describe, expect, it } from 'vitest';
import { createOffer } from '../../db/seed/factories';
import { getSellerForUser, listOrdersToShip, listSellerOffers } from '@/lib/prime/queries';
import { anotherOrderOf, sellerWithOrder } from '../support/shipping-fixtures';

// The seller portal's reads go through the catalog and orders domains' functions: each seller sees only their own
// profile, offers and orders to ship.
describe('seller portal reads', () => {
  it('the signed-in seller’s profile, offers and paid orders to ship, never another seller’s', async () => {
    const a = await sellerWithOrder();
    const b = await sellerWithOrder();
    const second = await anotherOrderOf(a.seller.id);
    const extra = await createOffer({ sellerId: a.seller.id, title: 'Second lantern' });

    expect(await getSellerForUser(a.sellerUser.id)).toMatchObject({ id: a.seller.id, displayName: a.seller.displayName, primeStatus: 'enrolled', primeEligible: true });
    expect(await getSellerForUser(a.buyer.id)).toBeNull();

    const offers = await listSellerOffers(a.seller.id);
    // Its first offer, the offer anotherOrderOf made for the second order, and the extra one; none of b's.
    expect(offers).toHaveLength(3);
    expect(offers.map((o) => o.id)).toEqual(expect.arrayContaining([a.offer.id, extra.id]));
    expect(offers.every((o) => o.sellerId === a.seller.id)).toBe(true);
    expect(offers[0].id).toBe(extra.id); // newest first

    const toShip = await listOrdersToShip(a.seller.id);
    expect(toShip.map((r) => r.orderId).sort()).toEqual([a.orderId, second.orderId].sort());
    expect(toShip[0]).toMatchObject({ quantity: 1, city: 'Austin', state: 'TX' });
    expect(toShip.some((r) => r.orderId === b.orderId)).toBe(false);
    // Newest first.
    expect(toShip[0].placedAt.getTime()).toBeGreaterThanOrEqual(toShip[1].placedAt.getTime());
  });
});
