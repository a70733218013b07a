import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures/test';
import { seedGiftScenario } from './fixtures/seed';
import { createStaff, seedDeliveredOrder } from './fixtures/service';

// Serious and critical axe findings fail the build on the pages a buyer walks through.
test('shop, product, sign-in and checkout pages have no serious accessibility violations', async ({ browser, signIn }) => {
  const { offer, giver } = await seedGiftScenario();
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const check = async (path: string) => {
    await page.goto(path);
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path}: ${v.id} (${v.nodes.length})`);
    expect(serious).toEqual([]);
  };
  await check('/');
  await check(`/products/${offer.slug}`);
  await check('/signin');
  await signIn(page, giver.email!);
  await check(`/checkout/${offer.slug}`);
  await page.getByLabel('Add a gift receipt for easy returns').check();
  await page.getByLabel('Let the recipient provide their address').check();
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await ctx.close();
});

// The same bar for the seller's and the staff's portals, on a seller with a delivered (and charged) order.
test('seller and ops portals have no serious accessibility violations', async ({ browser, signIn }) => {
  test.setTimeout(180_000); // twenty pages, each rendered and then analysed by axe: over a minute on a busy machine
  const { sellerUser, order } = await seedDeliveredOrder();
  const staff = await createStaff();
  const serious = async (page: import('@playwright/test').Page, path: string) => {
    await page.goto(path);
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path}: ${v.id} (${v.nodes.length})`);
  };
  const found: string[] = [];
  const seller = await (await browser.newContext()).newPage();
  await signIn(seller, sellerUser.email!);
  for (const path of ['/seller', '/seller/prime', '/seller/prime/defects', '/seller/prime/what-if', '/seller/orders', `/seller/orders/${order.id}`, '/seller/settings/shipping', '/seller/templates', '/seller/returns', '/seller/safet', '/seller/safet/calendar', '/seller/safet/new', '/seller/messages', '/seller/account', '/seller/settings/api-keys'])
    found.push(...(await serious(seller, path)));
  const ops = await (await browser.newContext()).newPage();
  await signIn(ops, staff.email!);
  for (const path of ['/ops', '/ops/plans', '/ops/cases', `/ops/cases/${order.id}`, '/ops/safet']) found.push(...(await serious(ops, path)));
  expect(found).toEqual([]);
  await seller.context().close();
  await ops.context().close();
});
