import type { Page } from '@playwright/test';
import { expect, linkIn, test, uniqueEmail } from './fixtures/test';
import { fillAddress, latestText, respondByEmail, sendGift } from './fixtures/gift-flow';
import { seedGiftScenario } from './fixtures/seed';

// Several people sign in through the real forms per test; on a busy machine that alone can take most of a minute.
test.describe.configure({ timeout: 240_000 });

const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

// What people noticed: two tabs, per-channel words, to whom a gift went, "Not charged", the sign-in label on the gift
// page, the name reused, and blocking one sender.

/** What a tab does when the person comes back to it. */
const comeBackTo = (p: Page) => p.evaluate(() => window.dispatchEvent(new Event('focus')));

test.describe('the recipient with two tabs', () => {
  test('converting in one tab: the other, brought back, shows the true state; declining in one: the other’s answer shows it, controls gone', async ({ page, browser, signIn, mail }) => {
    const { offer, giver } = await seedGiftScenario({ stock: 5 });
    await signIn(page, giver.email!);
    const first = uniqueEmail('twotabs');
    await sendGift(page, offer.slug, first);
    const link = linkIn((await mail.waitFor(first, (m) => /sent you a gift/.test(m.subject))).text);

    const ctx = await browser.newContext(phone);
    const tabA = await ctx.newPage();
    await tabA.goto(link);
    await respondByEmail(tabA, mail, first, 'Tab Person');
    await expect(tabA.getByRole('heading', { name: 'Accept and choose where it ships' })).toBeVisible();
    const tabB = await ctx.newPage();
    await tabB.goto(link);
    await expect(tabB.getByRole('heading', { name: 'Accept and choose where it ships' })).toBeVisible();

    await tabA.getByRole('button', { name: 'Convert to a gift card' }).click();
    await tabA.getByRole('button', { name: 'Yes, convert to a gift card' }).click();
    await tabA.waitForURL(/\/account/);

    // Tab B comes back into view: it looks again and goes where the gift now is, never "You have already accepted".
    await comeBackTo(tabB);
    await tabB.waitForURL(/\/account/);
    await expect(tabB.getByText('Taken as a gift card')).toBeVisible();
    await expect(tabB.locator('body')).not.toContainText('already accepted');

    // A second gift to the same person: declined in tab A, then tab B (not brought back) tries to accept it.
    const orderId = await sendGift(page, offer.slug, first);
    const link2 = linkIn((await mail.waitFor(first, (m) => /sent you a gift/.test(m.subject) && !m.text.includes(link))).text);
    await tabA.goto(link2);
    await tabB.goto(link2);
    await expect(tabB.getByRole('button', { name: 'Accept gift' })).toBeVisible();
    await tabA.getByRole('button', { name: 'Decline gift' }).click();
    await tabA.getByRole('button', { name: 'Yes, decline the gift' }).click();
    await tabA.waitForURL(/\/gift\/declined/);
    await fillAddress(tabB);
    await tabB.getByRole('button', { name: 'Accept gift' }).click();
    await expect(tabB.getByTestId('gift-ended')).toContainText('You declined this gift');
    await expect(tabB.getByRole('button', { name: 'Accept gift' })).toHaveCount(0);
    await expect(tabB.getByRole('button', { name: 'Convert to a gift card' })).toHaveCount(0);
    await tabB.screenshot({ path: 'test-results/gift-ux-second-tab-375.png', fullPage: true });

    // The giver: the list says to whom each gift went, and the declined one was not charged.
    await page.goto('/orders');
    const row = page.locator(`a[href="/orders/${orderId}"]`);
    await expect(row.getByTestId('gift-sent-to')).toHaveText(`Gift to ${first}`);
    await expect(row.getByTestId('gift-status')).toHaveText('Declined');
    await expect(row.getByTestId('not-charged')).toContainText('Not charged');
    await page.screenshot({ path: 'test-results/gift-ux-giver-orders-desktop.png', fullPage: true });
    await ctx.close();
  });
});

test.describe('per channel, and the name just given', () => {
  test('a gift by text: the giver is told it was texted (no "inbox"); the gift page asks for a mobile number', async ({ page, browser, signIn, mail, sql }) => {
    const { offer, giver } = await seedGiftScenario();
    const last4 = String(Math.floor(1000 + Math.random() * 8999));
    await signIn(page, giver.email!);
    await sendGift(page, offer.slug, `(646) 555-${last4}`);
    const confirmation = await mail.waitFor(giver.email!, (m) => /Your gift is on its way/.test(m.subject));
    expect(`${confirmation.subject} ${confirmation.text}`).not.toMatch(/inbox/i);
    expect(confirmation.text).toContain(`texting the recipient at (646) 555-${last4}`);
    await page.goto('/orders');
    await expect(page.getByTestId('gift-sent-to').first()).toHaveText(`Gift to (646) 555-${last4}`);

    const text = await latestText(sql, `+1646555${last4}`, 'gift_waiting');
    expect(text).toMatch(/gift card/);
    const r = await (await browser.newContext(phone)).newPage();
    await r.goto(linkIn(text));
    await expect(r.getByLabel('Mobile number', { exact: true })).toBeVisible();
    await expect(r.getByLabel('Email', { exact: true })).toHaveCount(0);
    await r.screenshot({ path: 'test-results/gift-ux-sms-signin-375.png', fullPage: true });
  });

  test('a gift by email: the field says Email, the email mentions the gift card, and the accept form starts with the new name', async ({ page, browser, signIn, mail }) => {
    const { offer, giver } = await seedGiftScenario();
    const recipient = uniqueEmail('named');
    await signIn(page, giver.email!);
    await sendGift(page, offer.slug, recipient);
    const waiting = await mail.waitFor(recipient, (m) => /sent you a gift/.test(m.subject));
    expect(waiting.text).toMatch(/gift card/);
    const r = await (await browser.newContext(phone)).newPage();
    await r.goto(linkIn(waiting.text));
    await expect(r.getByLabel('Email', { exact: true })).toBeVisible();
    await respondByEmail(r, mail, recipient, 'Robin Newname');
    await expect(r.getByLabel('Full name')).toHaveValue('Robin Newname');
  });
});

test.describe('blocking one sender', () => {
  test('"Don’t show me gifts from this person": this gift and the next from them are declined; the giver sees "Declined"', async ({ page, browser, signIn, mail, sql }) => {
    const { offer, giver } = await seedGiftScenario({ stock: 5 });
    const recipient = uniqueEmail('blocker');
    await signIn(page, giver.email!);
    await sendGift(page, offer.slug, recipient);
    const r = await (await browser.newContext(phone)).newPage();
    await r.goto(linkIn((await mail.waitFor(recipient, (m) => /sent you a gift/.test(m.subject))).text));
    await respondByEmail(r, mail, recipient, 'Block Person');
    await r.getByRole('button', { name: 'Don’t show me gifts from this person' }).click();
    await r.screenshot({ path: 'test-results/gift-ux-block-confirm-375.png', fullPage: true });
    await r.getByRole('button', { name: 'Yes, decline and block this sender' }).click();
    await r.waitForURL(/\/gift\/declined\?blocked=1/);
    await expect(r.getByTestId('sender-blocked')).toContainText('Gifts from everyone else still reach you');

    const secondOrder = await sendGift(page, offer.slug, recipient);
    await expect(page.getByTestId('gift-status')).toHaveText('Declined');
    await expect(page.getByTestId('not-charged')).toBeVisible();
    const { rows } = await sql.query(`select p.status from payments p where p.order_id = $1`, [secondOrder]);
    expect(rows[0].status).toBe('voided');
    const { rows: waiting } = await sql.query(`select count(*)::int as n from outbox_messages where recipient = $1 and template = 'gift_waiting'`, [recipient]);
    expect(waiting[0].n).toBe(1);
  });
});
