import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { getDb } from '../db/index';
import { carrierServices, orderDestinations, orderHandlingCutoffs, orderLines, orderPromises, orders, sellerCarrierServices, shipFromLocations } from '../db/schema';
import { createOffer, createPrimeMember, createSeller } from '../db/seed/factories';
import { seedCarrierServices } from '../db/seed/shipping';
import { expect, test } from './fixtures/test';

// A seller with a warehouse in Newark, a buyer's paid order to Austin due to ship today, seeded as rows (the checkout
// is covered by its own specs). The promise row is what lib/shipping records at checkout.
async function seedOrderToShip() {
  const db = await getDb();
  await seedCarrierServices(db);
  const { user: sellerUser, seller } = await createSeller({ displayName: `Buy Shipping Co ${Date.now().toString(36)}`, timeZone: 'America/New_York' });
  const [loc] = await db
    .insert(shipFromLocations)
    .values({ sellerId: seller.id, name: 'Newark warehouse', line1: '200 Port St', city: 'Newark', state: 'NJ', zip: '07114', zip3: '071', timeZone: 'America/New_York', isDefault: true, saturdayOperations: true, sundayOperations: true })
    .returning();
  // Every service enabled, open every day until midnight for every carrier, so some service can still ship today whenever the test runs (the
  // default week stops at 14:00 on weekdays: run later, or at a weekend, no rate could ship on time or be protected).
  const services = await db.select({ id: carrierServices.id }).from(carrierServices);
  await db.insert(sellerCarrierServices).values(services.map((c) => ({ sellerId: seller.id, carrierServiceId: c.id, enabled: true, maxZone: 8 })));
  await db.insert(orderHandlingCutoffs).values(
    ['FedEx', 'OnTrac', 'UPS', 'USPS'].flatMap((carrier) => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ shipFromId: loc.id, sellerId: seller.id, carrier, weekday, operating: true, orderCutoff: '23:59', lastPickup: '23:59' }))),
  );
  const offer = await createOffer({ sellerId: seller.id, title: `Trail Lantern ${Date.now().toString(36)}`, priceCents: 4200, weightOz: 28, imageUrl: '/products/lamp.svg' });
  const buyer = await createPrimeMember({ name: 'Bea Buyer' });
  const now = new Date();
  const [order] = await db
    .insert(orders)
    .values({ buyerId: buyer.id, checkoutKey: randomUUID(), status: 'placed', shippingChoice: 'ship_to_address', subtotalCents: 4200, totalCents: 4200, placedAt: now })
    .returning();
  await db.insert(orderLines).values({ orderId: order.id, offerId: offer.id, sellerId: seller.id, title: offer.title, unitPriceCents: 4200, quantity: 1 });
  await db.insert(orderDestinations).values({ orderId: order.id, recipientUserId: buyer.id, fullName: 'Bea Buyer', line1: '7 Oak Avenue', city: 'Austin', state: 'TX', zip: '78701' });
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
  await db.insert(orderPromises).values({
    orderId: order.id,
    sellerId: seller.id,
    shipFromId: loc.id,
    level: 'two_day',
    zone: 6,
    destinationZip3: '787',
    expectedShipDate: day(0),
    latestShipAt: new Date(now.getTime() + 6 * 3600_000),
    // Six days: room for the two-day services even when the order comes on a Friday evening and the first pickup is on
    // Monday (with four, a weekend run found every service late and nothing claims-protected).
    promisedDeliveryDate: day(6),
    promisedDeliveryBy: new Date(now.getTime() + 6 * 86_400_000),
    isPrime: true,
    orderedAt: now,
  });
  // An older order, overdue, so the list shows both highlights.
  const [late] = await db
    .insert(orders)
    .values({ buyerId: buyer.id, checkoutKey: randomUUID(), status: 'placed', shippingChoice: 'ship_to_address', subtotalCents: 4200, totalCents: 4200, placedAt: new Date(now.getTime() - 3 * 86_400_000) })
    .returning();
  await db.insert(orderLines).values({ orderId: late.id, offerId: offer.id, sellerId: seller.id, title: offer.title, unitPriceCents: 4200, quantity: 2 });
  await db.insert(orderDestinations).values({ orderId: late.id, recipientUserId: buyer.id, fullName: 'Bea Buyer', line1: '7 Oak Avenue', city: 'Austin', state: 'TX', zip: '78701' });
  await db.insert(orderPromises).values({ orderId: late.id, sellerId: seller.id, shipFromId: loc.id, level: 'two_day', zone: 6, destinationZip3: '787', expectedShipDate: day(-2), latestShipAt: new Date(now.getTime() - 2 * 86_400_000), promisedDeliveryDate: day(0), promisedDeliveryBy: new Date(now.getTime() + 3600_000), isPrime: true, orderedAt: late.placedAt! });
  return { sellerUser, seller, buyer, orderId: order.id, lateOrderId: late.id };
}

test.describe('seller: Buy Shipping to delivery', () => {
  test('the seller buys a label, downloads the PDF, the simulator delivers it and the buyer sees Delivered', async ({ page, browser, signIn, sql }, testInfo) => {
    test.setTimeout(420_000); // about 2.5 min on a quiet machine; the margin is for a loaded CI box
    const s = await seedOrderToShip();
    await signIn(page, s.sellerUser.email!);

    await page.goto('/seller/orders');
    const rows = page.getByTestId('seller-order-row');
    await expect(rows).toHaveCount(2);
    // Most urgent first: the overdue one, then the one due today.
    await expect(rows.nth(0)).toContainText('Overdue');
    await expect(rows.nth(1)).toContainText('Due today');
    await page.screenshot({ path: testInfo.outputPath('seller-orders-desktop.png'), fullPage: true });
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await rows.nth(1).getByRole('link', { name: /Buy shipping/ }).click();
    await expect(page).toHaveURL(new RegExp(`/seller/orders/${s.orderId}$`));
    const options = page.getByTestId('rate-option');
    await expect(options.first()).toBeVisible();
    await expect(options.first()).toContainText('Claims protected');
    await page.getByText(/Services that don’t qualify/).click();
    await expect(page.getByTestId('ineligible-rate').filter({ hasText: 'Not in Buy Shipping' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('buy-shipping-desktop.png'), fullPage: true });
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

    // A double click buys one label.
    const buy = page.getByRole('button', { name: /^Buy label/ });
    await buy.dblclick();
    await expect(page.getByRole('heading', { name: 'Label bought' })).toBeVisible();
    const trackingId = (await page.getByTestId('tracking-id').textContent())!;
    expect(trackingId).toMatch(/^EZ1\d{9}$/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download label/ }).click()]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toBe(`label-${trackingId}.pdf`);

    // The seller was charged once.
    const { rows: entries } = await sql.query('select kind, amount_cents from seller_account_entries where seller_id = $1', [s.seller.id]);
    expect(entries).toHaveLength(1);
    expect(entries[0].kind).toBe('label_purchase');
    // The order left "To ship" (only the overdue one is left there).
    await page.goto('/seller/orders');
    await expect(page.getByTestId('seller-order-row')).toHaveCount(1);
    await expect(page.getByTestId('seller-order-row')).toContainText('Overdue');

    // The carrier simulator plays the label's events through the signed webhook; the buyer follows it.
    const buyerContext = await browser.newContext();
    const buyerPage = await buyerContext.newPage();
    await signIn(buyerPage, s.buyer.email!);
    await expect(async () => {
      await buyerPage.goto(`/orders/${s.orderId}`);
      await expect(buyerPage.getByTestId('order-tracking').getByRole('heading', { level: 2 })).toHaveText('Delivered', { timeout: 1000 });
    }).toPass({ timeout: 90_000, intervals: [2000] });
    await expect(buyerPage.getByTestId('order-tracking')).toContainText('Picked up by the carrier');
    await expect(buyerPage.getByTestId('order-tracking')).toContainText(trackingId);
    await buyerPage.screenshot({ path: testInfo.outputPath('buyer-tracking-desktop.png'), fullPage: true });
    expect((await new AxeBuilder({ page: buyerPage }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await buyerPage.setViewportSize({ width: 375, height: 800 });
    await buyerPage.screenshot({ path: testInfo.outputPath('buyer-tracking-375.png'), fullPage: true });
    await buyerContext.close();

    // The seller's page shows the delivered parcel; the label can no longer be voided.
    await page.goto(`/seller/orders/${s.orderId}`);
    await expect(page.getByText('Delivered').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Void label' })).toHaveCount(0);

    // API keys: created and shown once, usable by shipping software, then revoked.
    await page.goto('/seller/settings/api-keys');
    await page.getByLabel('Name').fill('ShipStation');
    await page.getByRole('button', { name: 'Create key' }).click();
    const token = (await page.getByTestId('new-api-key').textContent())!.trim();
    expect(token).toMatch(/^pmship_[0-9a-f]{8}_/);
    // The label's own carrier answers with the delivered parcel; another carrier has no such parcel of this seller.
    const { rows: bought } = await sql.query<{ carrier_id: string }>('select carrier_id from shipments where tracking_id = $1', [trackingId]);
    const carrierId = bought[0].carrier_id;
    const api = await page.request.get(`/api/shipping/v2/tracking?trackingId=${trackingId}&carrierId=${carrierId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status()).toBe(200);
    expect((await api.json()).payload).toMatchObject({ trackingId, summary: { status: 'Delivered' } });
    const otherCarrier = carrierId === 'USPS' ? 'UPS' : 'USPS';
    expect((await page.request.get(`/api/shipping/v2/tracking?trackingId=${trackingId}&carrierId=${otherCarrier}`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(404);
    const openapi = await (await page.request.get('/api/shipping/v2/openapi.json')).json();
    expect(Object.keys(openapi.paths)).toEqual(['/shipments/rates', '/shipments', '/shipments/{shipmentId}/cancel', '/tracking']);
    await page.reload();
    await expect(page.getByTestId('new-api-key')).toHaveCount(0);
    await expect(page.getByTestId('api-key')).toContainText('ShipStation');
    await page.getByRole('button', { name: 'Revoke ShipStation' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(page.getByTestId('api-key')).toContainText('Revoked');
    const refused = await page.request.get(`/api/shipping/v2/tracking?trackingId=${trackingId}&carrierId=${carrierId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status()).toBe(401);
    await page.screenshot({ path: testInfo.outputPath('api-keys-desktop.png'), fullPage: true });

    // Phone width: the list and the Buy Shipping page of the overdue order.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/seller/orders');
    await page.screenshot({ path: testInfo.outputPath('seller-orders-375.png'), fullPage: true });
    await page.goto(`/seller/orders/${s.lateOrderId}`);
    await expect(page.getByTestId('rate-option').first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('buy-shipping-375.png'), fullPage: true });
  });
});
