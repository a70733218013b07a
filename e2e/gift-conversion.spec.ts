import { createOffer } from '../db/seed/factories';
import { expect, linkIn, test, uniqueEmail } from './fixtures/test';
import { fillAddress, respondAs, sendGift } from './fixtures/gift-flow';
import { seedGiftScenario } from './fixtures/seed';

test('a conversion to a gift card is indistinguishable from an acceptance for the giver; the recipient spends the card', async ({ browser, mail, sql }) => {
  test.setTimeout(180_000); // two whole gifts (checkout, sign-up, decision) and a purchase with the card
  const { offer, giver, seller } = await seedGiftScenario({ priceCents: 4500 });
  const accepting = uniqueEmail('accepts');
  const converting = uniqueEmail('converts');

  // Two browser contexts: the giver's and the recipients'.
  const giverCtx = await browser.newContext();
  const g = await giverCtx.newPage();
  const signInCode = async (email: string, since: number) => /(\d{6})/.exec((await mail.waitFor(email, (m) => /code/.test(m.subject) && mail.to(email).indexOf(m) >= since)).subject)![1];
  await g.goto('/signin');
  {
    const n = mail.to(giver.email!).length;
    await g.getByLabel('Email or US mobile number').fill(giver.email!);
    await g.getByRole('button', { name: 'Send me a code' }).click();
    await g.getByLabel('Code', { exact: true }).fill(await signInCode(giver.email!, n));
    await g.getByRole('button', { name: 'Sign in' }).click();
    await g.waitForURL((u) => !u.pathname.startsWith('/signin'));
  }
  const acceptedOrder = await sendGift(g, offer.slug, accepting);
  const convertedOrder = await sendGift(g, offer.slug, converting);

  for (const [who, decide] of [
    [accepting, 'accept'],
    [converting, 'convert'],
  ] as const) {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
    const r = await ctx.newPage();
    await r.goto(linkIn((await mail.waitFor(who, (m) => /sent you a gift/.test(m.subject))).text));
    const n = mail.to(who).length;
    await respondAs(r, who, () => signInCode(who, n), decide === 'accept' ? 'Ada Accepts' : 'Cy Converts');
    if (decide === 'accept') {
      await fillAddress(r, { fullName: 'Ada Accepts', line1: '9 Hidden Hollow Rd', city: 'Austin', state: 'TX', zip: '78701' });
      await r.getByRole('button', { name: 'Accept gift' }).click();
      await r.waitForURL(/\/account\/received\//);
      await ctx.close();
      continue;
    }
    await r.getByRole('button', { name: 'Convert to a gift card' }).click();
    await r.getByRole('button', { name: 'Yes, convert to a gift card' }).click();
    await r.waitForURL(/\/account\?just=gift-card/);
    await expect(r.getByTestId('gift-card-balance')).toHaveText('$45.00');

    // Spend it: a cheaper item is paid entirely by the balance, no card needed.
    const cheap = await createOffer({ sellerId: seller.id, title: 'E2E Sticker Pack', priceCents: 1500, stock: 5 });
    await r.goto(`/checkout/${cheap.slug}`);
    await expect(r.getByLabel(/Use my gift card balance/)).toBeChecked();
    await expect(r.getByText('Your gift card balance covers this order.')).toBeVisible();
    await fillAddress(r, { fullName: 'Cy Converts', line1: '1 Elm St', city: 'Boise', state: 'ID', zip: '83702' });
    await r.getByRole('button', { name: 'Place order' }).click();
    await r.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    await expect(r.getByText('Paid with gift card')).toBeVisible();
    await r.goto('/account');
    await expect(r.getByTestId('gift-card-balance')).toHaveText('$30.00');
    await ctx.close();
  }

  // The giver's view of both gifts: same status, same words, no address, no gift card anywhere.
  const views: string[] = [];
  for (const id of [acceptedOrder, convertedOrder]) {
    await g.goto(`/orders/${id}`);
    await expect(g.getByTestId('gift-status')).toHaveText('Accepted');
    const text = await g.locator('main').innerText();
    expect(text.toLowerCase()).not.toContain('gift card');
    expect(text).not.toContain('Hidden Hollow');
    views.push(text.replace(/\S+@example\.test|\S+\*\*\*@\S+/g, '<recipient>'));
  }
  expect(views[0]).toEqual(views[1]);
  await g.goto('/orders');
  const list = await g.locator('main').innerText();
  expect(list.toLowerCase()).not.toContain('gift card');
  expect(list).not.toContain('Hidden Hollow');

  const giverMails = mail.to(giver.email!);
  const accepted = giverMails.filter((m) => m.subject === 'Your gift was accepted');
  await expect.poll(() => mail.to(giver.email!).filter((m) => m.subject === 'Your gift was accepted').length).toBe(2);
  const both = mail.to(giver.email!).filter((m) => m.subject === 'Your gift was accepted');
  const normalize = (t: string) => t.replace(accepting, '<r>').replace(converting, '<r>').replace(acceptedOrder, '<o>').replace(convertedOrder, '<o>');
  expect(normalize(both[0].text)).toEqual(normalize(both[1].text));
  for (const m of mail.to(giver.email!)) {
    expect(m.raw.toLowerCase()).not.toContain('gift card');
    expect(m.raw).not.toContain('Hidden Hollow');
  }
  expect(accepted.length).toBeLessThanOrEqual(2);
  await giverCtx.close();
});
