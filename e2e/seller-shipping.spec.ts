import { createAddress, createOffer, createPrimeMember, createSeller } from '../db/seed/factories';
import { expect, test } from './fixtures/test';

// Each save re-renders the settings page on the server (router.refresh): generous on a busy CI machine.
const expectSoon = expect.configure({ timeout: 60_000 });

test.describe('seller shipping settings, Prime templates and the buyer’s delivery promise', () => {
  test('a seller sets up shipping, is told why a 13:00 cut-off is refused, builds an automated template with its map; a buyer sees “Get it by” with the badge', async ({ page, browser, signIn }, testInfo) => {
    // Screenshots go with the test's own results (test-results/), for a person to look at.
    const shot = (name: string) => testInfo.outputPath(`${name}.png`);
    test.setTimeout(300_000); // one journey through three portals' pages
    const tag = Date.now().toString(36);
    const { seller, user } = await createSeller({ displayName: `E2E Ship Seller ${tag}`, primeEligible: true, timeZone: 'America/Denver' });
    const offer = await createOffer({ sellerId: seller.id, title: `E2E Trail Lantern ${tag}`, imageUrl: '/products/lamp.svg' });
    const other = await createSeller({ displayName: `E2E Plain Seller ${tag}`, primeEligible: false });
    const plainOffer = await createOffer({ sellerId: other.seller.id, title: `E2E Plain Mug ${tag}`, imageUrl: '/products/mug.svg' });

    // S2 on the offer list: the seller is eligible but has no Prime template yet, so its card shows no badge (the
    // product page would promise standard delivery).
    const early = await browser.newContext();
    const list = await early.newPage();
    await list.goto('/');
    await expectSoon(list.getByRole('listitem').filter({ hasText: offer.title })).toBeVisible();
    await expectSoon(list.getByRole('listitem').filter({ hasText: offer.title }).getByLabel('Prime: free two-day delivery')).toHaveCount(0);
    await early.close();

    await signIn(page, user.email!);
    await page.goto('/seller/settings/shipping');
    await expectSoon(page.getByText('Seller Fulfilled Prime —')).toBeVisible();
    await expectSoon(page.getByRole('region', { name: 'Prime shipping programs' }).getByText('Eligible')).toBeVisible();

    // A ship-from location: the time zone comes from the ZIP.
    const add = page.getByRole('form', { name: 'Add a ship-from location' });
    await add.getByLabel('Location name').fill('Denver warehouse');
    await add.getByLabel('Street address').fill('4800 Dahlia St');
    await add.getByLabel('City').fill('Denver');
    await add.getByLabel('State').selectOption('CO');
    await add.getByLabel('ZIP code').fill('8021');
    await add.getByRole('button', { name: 'Add location' }).click();
    await expectSoon(add.getByText('Enter a 5-digit ZIP code, e.g. 80216.')).toBeVisible();
    await add.getByLabel('ZIP code').fill('80216');
    await add.getByLabel('Saturday').check();
    await add.getByRole('button', { name: 'Add location' }).click();
    await expectSoon(page.getByText(/Denver warehouse — Denver, CO 80216 · America\/Denver · Mon–Fri \+ Sat/)).toBeVisible();

    // Services: UPS Ground and 2nd Day Air, nationwide.
    const services = page.getByRole('form', { name: 'Carrier services' });
    await services.getByLabel('Use UPS Ground').check();
    await services.getByLabel('Use UPS 2nd Day Air').check();
    await services.getByRole('button', { name: 'Save services' }).click();
    await expectSoon(services.getByText('Services saved.')).toBeVisible();

    // S7: a weekday cut-off of 13:00 is refused, and the seller is told why, on the field.
    const ups = page.getByRole('form', { name: 'UPS order handling' });
    await expectSoon(ups).toBeVisible();
    await ups.getByLabel('Order cut-off, Tuesday').fill('13:00');
    await ups.getByRole('button', { name: 'Save UPS handling' }).click();
    await expectSoon(ups.getByRole('alert').filter({ hasText: 'weekday cut-off of 14:00 or later' }).first()).toBeVisible();
    await expectSoon(ups.getByLabel('Order cut-off, Tuesday')).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: shot('settings-refused-desktop'), fullPage: true });
    // A legal cut-off saves; an early pickup is saved with a note.
    await ups.getByLabel('Order cut-off, Tuesday').fill('14:30');
    await ups.getByLabel('Last pickup, Wednesday').fill('15:30');
    await ups.getByRole('button', { name: 'Save UPS handling' }).click();
    await expectSoon(ups.getByText('UPS handling saved, with notes:')).toBeVisible();
    await expectSoon(ups.getByText(/Wednesday: A pickup before 16:00/)).toBeVisible();

    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, storageState: await page.context().storageState() });
    const mobile = await phone.newPage();
    await mobile.goto('/seller/settings/shipping');
    await mobile.screenshot({ path: shot('settings-375'), fullPage: true });

    // An automated template: map, coverage against the thresholds, nationwide check.
    await page.goto('/seller/templates');
    const form = page.getByRole('form', { name: 'New template' });
    await form.getByLabel('Template name').fill('Standard Prime from Denver');
    await expectSoon(form.getByLabel('Shipping region automation')).toBeChecked();
    await form.getByRole('button', { name: 'Create template' }).click();
    await page.waitForURL(/\/seller\/templates\/[0-9a-f-]{36}\?saved=1/);
    const map = page.getByRole('img', { name: 'Delivery promise by state for Standard Prime from Denver' });
    await expectSoon(map).toBeVisible();
    await expectSoon(map.locator('path[data-state]')).toHaveCount(51);
    await expectSoon(map.locator('path[data-state="CO"]')).toHaveAttribute('data-level', /one_day|two_day/);
    await expectSoon(page.getByText(/Two-day coverage \(population\)100\.0%✓ meets the 74% requirement/)).toBeVisible();
    await expectSoon(page.getByText('✓ Every state covered')).toBeVisible();
    await page.screenshot({ path: shot('template-desktop'), fullPage: true });
    const templateUrl = page.url().replace('?saved=1', '');
    await mobile.goto(page.url());
    await mobile.screenshot({ path: shot('template-375'), fullPage: true });

    // Narrowing the air service shrinks the Prime regions: the template follows (S20) and names the missing states.
    await page.goto('/seller/settings/shipping');
    await services.getByLabel('Use UPS 2nd Day Air').uncheck();
    await services.getByLabel('Zone limit for UPS Ground').selectOption('4');
    await services.getByRole('button', { name: 'Save services' }).click();
    await expectSoon(services.getByText('Services saved.')).toBeVisible();
    await page.goto(templateUrl);
    await expectSoon(page.getByText(/✗ Missing \d+: .*NY/)).toBeVisible();
    await expectSoon(page.getByText(/Two-day coverage \(population\)[\d.]+%✗ below the 74% requirement/)).toBeVisible();
    // Back to nationwide two-day for the buyer's part.
    await page.goto('/seller/settings/shipping');
    await services.getByLabel('Use UPS 2nd Day Air').check();
    await services.getByLabel('Zone limit for UPS Ground').selectOption('8');
    await services.getByRole('button', { name: 'Save services' }).click();
    await expectSoon(services.getByText('Services saved.')).toBeVisible();
    await phone.close();

    // A buyer (signed out) at a given ZIP: "Get it by <weekday, date>" with the badge (two-day with free shipping).
    const buyer = await browser.newContext();
    const shop = await buyer.newPage();
    await shop.goto(`/products/${offer.slug}`);
    await expectSoon(shop.getByText('Delivering to 10001 (a sample ZIP: enter yours).')).toBeVisible();
    await shop.getByLabel('Deliver to ZIP').fill('94105');
    await shop.getByRole('button', { name: 'Update' }).click();
    await shop.waitForURL(/zip=94105/);
    const promise = shop.getByTestId('delivery-promise');
    await expectSoon(promise).toContainText(/Get it by (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}/);
    await expectSoon(promise).toContainText('Delivering to 94105.');
    await expectSoon(promise.getByLabel('Prime: free two-day delivery')).toBeVisible();
    await shop.screenshot({ path: shot('product-desktop'), fullPage: true });
    // A ZIP we don't deliver to is refused with a message; the sample ZIP is used meanwhile.
    await shop.goto(`/products/${offer.slug}?zip=00901`);
    await expectSoon(shop.getByText('Enter a 5-digit US ZIP code, e.g. 10001.')).toBeVisible();
    // A seller who is not Prime eligible: a date, no badge.
    await shop.goto(`/products/${plainOffer.slug}?zip=94105`);
    await expectSoon(shop.getByTestId('delivery-promise')).toContainText('Get it by');
    await expectSoon(shop.getByLabel('Prime: free two-day delivery')).toHaveCount(0);
    // The list card now agrees with the product page: the badge for the Prime offer, none for the plain one.
    await shop.goto('/');
    await expectSoon(shop.getByTestId('list-destination')).toContainText('Delivery to 10001');
    await expectSoon(shop.getByRole('listitem').filter({ hasText: offer.title }).getByLabel('Prime: free two-day delivery')).toBeVisible();
    await expectSoon(shop.getByRole('listitem').filter({ hasText: plainOffer.title })).toBeVisible();
    await expectSoon(shop.getByRole('listitem').filter({ hasText: plainOffer.title }).getByLabel('Prime: free two-day delivery')).toHaveCount(0);

    // Checkout: the promise follows the destination chosen in the form (each saved address, then a typed ZIP), and a
    // gift whose recipient gives the address shows the giver no date at all. Each date is the product page's for that ZIP.
    const dateAt = async (zip: string) => {
      await shop.goto(`/products/${offer.slug}?zip=${zip}`);
      return (await shop.getByTestId('promise-date').textContent())!;
    };
    const dates = { denver: await dateAt('80216'), newYork: await dateAt('10001'), sanFrancisco: await dateAt('94105') };
    const member = await createPrimeMember({ name: `E2E Checkout Buyer ${tag}` });
    await createAddress(member.id, { fullName: 'Dana Denver', line1: '1 Blake St', city: 'Denver', state: 'CO', zip: '80216' });
    await createAddress(member.id, { fullName: 'Nia York', line1: '5 W 31st St', city: 'New York', state: 'NY', zip: '10001' });
    const memberContext = await browser.newContext();
    const checkout = await memberContext.newPage();
    await signIn(checkout, member.email!);
    await checkout.goto(`/checkout/${offer.slug}`);
    const delivery = checkout.getByRole('region', { name: 'Delivery' });
    // The newest saved address is selected first.
    await expectSoon(delivery).toContainText(`Get it by ${dates.newYork}`);
    await expectSoon(delivery).toContainText('Delivering to 10001 (your saved address).');
    await checkout.getByLabel('Ship to', { exact: true }).selectOption({ label: 'Dana Denver, 1 Blake St, Denver, CO 80216' });
    await expectSoon(delivery).toContainText(`Get it by ${dates.denver}`);
    await expectSoon(delivery).toContainText('Delivering to 80216 (your saved address).');
    await checkout.getByLabel('Ship to', { exact: true }).selectOption('new');
    await expectSoon(delivery).toContainText('(a sample ZIP: enter the address’s ZIP code for yours)');
    await checkout.getByLabel('ZIP code', { exact: true }).fill('94105');
    await expectSoon(delivery).toContainText(`Get it by ${dates.sanFrancisco}`);
    await expectSoon(delivery).toContainText('Delivering to 94105.');
    await checkout.screenshot({ path: shot('checkout-entered-zip'), fullPage: true });
    await checkout.getByLabel('Add a gift receipt for easy returns').check();
    await checkout.getByLabel('Let the recipient provide their address').check();
    await expectSoon(delivery).toContainText('The recipient sees the delivery date when they accept the gift and give their address.');
    await expectSoon(checkout.getByText(/Get it by/)).toHaveCount(0);
    await expectSoon(checkout.getByTestId('promise-date')).toHaveCount(0);
    await checkout.screenshot({ path: shot('checkout-gift'), fullPage: true });
    await memberContext.close();

    const small = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const smallPage = await small.newPage();
    await smallPage.goto(`/products/${offer.slug}?zip=94105`);
    await smallPage.screenshot({ path: shot('product-375'), fullPage: true });
    await small.close();
    await buyer.close();
  });
});
