import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures/test';
import { seedGiftScenario } from './fixtures/seed';

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
