import { readFileSync } from 'node:fs';
import { getDb } from '../db/index';
import { createOffer, createSeller, createUser } from '../db/seed/factories';
import { createRevokedSeller, setUpPrimeShipping } from '../db/seed/prime';
import { expect, test } from './fixtures/test';

test.describe('seller: Prime performance after a revocation, plan of action, reinstatement', () => {
  test('a revoked seller finds the failing metric, its orders and CSV, submits a plan; ops approves; the badge returns', async ({ page, browser, signIn, mail }) => {
    test.setTimeout(180_000);
    const { seller, user } = await createSeller({ displayName: `E2E Prime Seller ${Date.now().toString(36)}`, primeEligible: true });
    const offer = await createOffer({ sellerId: seller.id, title: `E2E Prime Kettle ${Date.now().toString(36)}`, imageUrl: '/products/mug.svg' });
    // A Denver warehouse with two-day air services and an automated Prime template, which the app computes when the
    // seller saves their services: New York then gets a two-day promise, so the badge depends on eligibility alone.
    await setUpPrimeShipping(seller.id, { template: 'uncomputed' });
    const ops = await createUser({ role: 'ops', name: 'Olive Ops' });
    const productPage = `/products/${offer.slug}?zip=10001`;
    const badge = page.getByLabel('Prime: free two-day delivery');
    await signIn(page, user.email!);
    await page.goto('/seller/settings/shipping');
    const services = page.getByRole('form', { name: 'Carrier services' });
    await expect(services.getByLabel('Use UPS 2nd Day Air')).toBeChecked();
    await services.getByRole('button', { name: 'Save services' }).click();
    await expect(services.getByText('Services saved.')).toBeVisible();

    // Eligible: the shop shows the badge on the offer.
    await page.goto(productPage);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(offer.title);
    await expect(badge.first()).toBeVisible();

    // Revoked (badge off on every offer): the same page, the same two-day promise, no badge.
    await createRevokedSeller(await getDb(), { sellerId: seller.id, days: 30, perDay: 4, externalPerMille: 250, failing: ['buy_shipping'] });
    await page.goto(productPage);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(offer.title);
    await expect(page.getByTestId('promise-date')).toBeVisible();
    await expect(badge).toHaveCount(0);

    await page.goto('/seller/prime');
    await expect(page.getByTestId('program-status')).toHaveText('Ineligible');
    const fix = page.getByTestId('fix-buy_shipping');
    await expect(fix).toContainText('Buy Shipping usage rate');
    await expect(fix).toContainText('Check your defect report for orders with the value “X” in the Shipped outside Buy Shipping column.');
    await expect(fix).toContainText('Tip: use an approved API to buy shipping labels through the Buy Shipping feature.');
    const linkText = await fix.getByRole('link', { name: /See the \d+ orders? behind it/ }).textContent();
    const behind = Number(/See the (\d+)/.exec(linkText!)![1]);
    expect(behind).toBeGreaterThan(5);

    // The defect report, filtered to the orders behind the metric.
    await fix.getByRole('link', { name: /See the \d+ orders? behind it/ }).click();
    await page.waitForURL(/\/seller\/prime\/defects\?metric=outside_buy_shipping/);
    await expect(page.getByLabel('Show')).toHaveValue('outside_buy_shipping');
    const rows = page.getByTestId('defect-row');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBe(Math.min(behind, 50));
    for (const r of await rows.all()) await expect(r.getByLabel('Shipped outside Buy Shipping')).toHaveText('X');

    // The CSV, streamed from the same filter.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(csv[0]).toContain('Order ID,Purchase date,Tracking ID,Carrier,Ship method,Ship-by date,Promised delivery date,First scan,Clock-stop,Delivered late');
    expect(csv.length - 1).toBe(behind);
    for (const line of csv.slice(1)) expect(line.endsWith(',X')).toBe(true);

    // Create POA: pre-filled with the failing metric, its figures and the orders behind it.
    await page.goto('/seller/prime');
    await page.getByRole('link', { name: 'Create POA' }).click();
    await page.waitForURL(/\/seller\/prime\/poa\/new/);
    await expect(page.getByTestId('poa-metrics')).toContainText(/Buy Shipping usage rate: [\d.]+% \(\d+ of \d+; requirement ≥ 99%\)/);
    await expect(page.getByTestId('poa-orders').first()).toBeVisible();
    await expect(page.getByLabel('The problem')).toHaveValue(/Buy Shipping usage rate/);
    await page.getByRole('button', { name: 'Submit the plan of action' }).click();
    await expect(page.getByText('Explain the root cause in at least 20 characters.')).toBeVisible();
    await page.getByLabel('Root cause analysis').fill('Our night shift printed labels from our own UPS account instead of Buy Shipping.');
    await page.getByLabel('Steps to prevent it recurring').fill('The UPS account is closed; every label is bought through Buy Shipping and checked each morning.');
    await page.getByRole('button', { name: 'Submit the plan of action' }).click();
    await page.waitForURL(/\/seller\/prime\?plan=submitted/);
    await expect(page.getByText('Plan of action submitted')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Create POA' })).toHaveCount(0);

    // Ops approves from the queue.
    const opsContext = await browser.newContext();
    const opsPage = await opsContext.newPage();
    await signIn(opsPage, ops.email!);
    await opsPage.goto('/ops/plans');
    await opsPage.getByRole('link', { name: seller.displayName }).click();
    await expect(opsPage.getByText('Our night shift printed labels')).toBeVisible();
    await expect(opsPage.getByRole('complementary')).toContainText('Buy Shipping usage rate');
    await opsPage.getByLabel('Note to the seller').fill('Thanks: the account change addresses the cause.');
    await opsPage.getByRole('button', { name: 'Approve and restore eligibility' }).click();
    await opsPage.waitForURL(/\/ops\/plans\?decided=approved/);
    await expect(opsPage.getByText(/Plan approved/)).toBeVisible();
    await opsContext.close();

    // The seller is emailed, sees Eligible, and the badge is back on the shop.
    const approved = await mail.waitFor(user.email!, (m) => /approved/.test(m.subject));
    expect(approved.text).toContain('Thanks: the account change addresses the cause.');
    await page.goto('/seller/prime');
    await expect(page.getByTestId('program-status')).toHaveText('Eligible');
    // And the badge is back on the shop's offer.
    await page.goto(productPage);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(offer.title);
    await expect(badge.first()).toBeVisible();
  });
});
