import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import type { ReceivedMail } from './fixtures/mail';
import { expect, linkIn, test, uniqueEmail } from './fixtures/test';
import { fillAddress, latestText, respondAs, respondByEmail, sendGift } from './fixtures/gift-flow';
import { seedGiftScenario } from './fixtures/seed';

const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

type Mail = { waitFor(to: string, match?: (m: ReceivedMail) => boolean): Promise<ReceivedMail> };

// The giver (signed in on `page`) sends a gift by email; the recipient gets a phone-sized page of their own.
async function giftByEmail(
  { page, browser, signIn, mail }: { page: Page; browser: Browser; signIn: (page: Page, email: string) => Promise<void>; mail: Mail },
  opts: { who: string; stock?: number; message?: string },
) {
  const { offer, giver } = await seedGiftScenario({ stock: opts.stock });
  const recipient = uniqueEmail(opts.who);
  await signIn(page, giver.email!);
  const orderId = await sendGift(page, offer.slug, recipient, opts.message);
  const link = linkIn((await mail.waitFor(recipient, (m) => /sent you a gift/.test(m.subject))).text);
  const ctx = await browser.newContext(phone);
  return { offer, giver, recipient, orderId, link, ctx, r: await ctx.newPage() };
}

test.describe('recipient portal (phone-sized)', () => {
  test('a new recipient creates an account from the email link and accepts with an address; the giver sees "Accepted" only', async ({ page, browser, signIn, mail, sql }) => {
    const { offer, giver, recipient, orderId, link, ctx, r } = await giftByEmail({ page, browser, signIn, mail }, { who: 'robin', message: 'Enjoy!' });
    await r.goto(link);
    await expect(r.getByRole('heading', { level: 1 })).toHaveText(offer.title);
    await expect(r.getByText('“Enjoy!”')).toBeVisible();
    await expect(r.getByText(/you can always decline a gift or simply ignore it/)).toBeVisible();
    const a11y = await new AxeBuilder({ page: r }).analyze();
    expect(a11y.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    await respondByEmail(r, mail, recipient, 'Robin Recipient');
    await expect(r.getByRole('heading', { name: 'Accept and choose where it ships' })).toBeVisible();
    const decisionA11y = await new AxeBuilder({ page: r }).analyze();
    expect(decisionA11y.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await r.screenshot({ path: 'test-results/recipient-decision-375.png', fullPage: true });

    // Validation first: a bad ZIP is refused with a field message.
    await fillAddress(r, { fullName: 'Robin Recipient', line1: '77 Secret Garden Ln', city: 'Portland', state: 'OR', zip: '972' });
    await r.getByRole('button', { name: 'Accept gift' }).click();
    await expect(r.getByText('Enter a 5-digit ZIP code (or ZIP+4).')).toBeVisible();
    await r.getByLabel('ZIP code').fill('97201');
    await r.getByRole('button', { name: 'Accept gift' }).click();
    await r.waitForURL(/\/account\/received\//);
    await expect(r.getByText('Gift accepted')).toBeVisible();
    await expect(r.getByRole('region', { name: 'Preparing to ship' }).getByRole('list', { name: 'Delivery progress' })).toContainText('Accepted');
    await expect(r.getByText('77 Secret Garden Ln')).toBeVisible();
    await r.screenshot({ path: 'test-results/recipient-accepted-375.png', fullPage: true });

    // G8: captured once. The link is now dead for anyone else.
    const { rows } = await sql.query(`select p.status, p.captured_cents, a.status as network from payments p join processor_sandbox_authorizations a on a.id = p.processor_authorization_id where p.order_id = $1`, [orderId]);
    expect(rows[0]).toEqual({ status: 'captured', captured_cents: offer.priceCents, network: 'captured' });
    const stranger = await browser.newPage();
    await stranger.goto(link);
    await expect(stranger.getByTestId('gift-link-inactive')).toBeVisible();
    await stranger.close();

    // The giver: "Accepted", an email saying so, and no address anywhere.
    await page.goto(`/orders/${orderId}`);
    await expect(page.getByTestId('gift-status')).toHaveText('Accepted');
    await expect(page.locator('body')).not.toContainText('Secret Garden');
    const told = await mail.waitFor(giver.email!, (m) => m.subject === 'Your gift was accepted');
    expect(told.text).not.toContain('Secret Garden');
    await ctx.close();
  });

  test('a recipient reached by text signs up with their phone and accepts', async ({ page, browser, signIn, sql }) => {
    const { offer, giver } = await seedGiftScenario();
    const last4 = String(Math.floor(1000 + Math.random() * 8999));
    const e164 = `+1415555${last4}`;
    await signIn(page, giver.email!);
    await sendGift(page, offer.slug, `415-555-${last4}`);
    const link = linkIn(await latestText(sql, e164, 'gift_waiting'));

    const ctx = await browser.newContext(phone);
    const r = await ctx.newPage();
    await r.goto(link);
    await respondAs(r, `(415) 555-${last4}`, async () => /(\d{6})/.exec(await latestText(sql, e164, 'one_time_code'))![1], 'Pat Phone');
    await fillAddress(r);
    await r.getByRole('button', { name: 'Accept gift' }).click();
    await r.waitForURL(/\/account\/received\//);
    await expect(r.getByText('Gift accepted')).toBeVisible();
    await ctx.close();
  });

  test('refusing releases the hold at once and the giver sees "Declined"', async ({ page, browser, signIn, mail, sql }) => {
    const { offer, giver, recipient, orderId, link, ctx, r } = await giftByEmail({ page, browser, signIn, mail }, { who: 'nope', stock: 4 });
    await r.goto(link);
    await respondByEmail(r, mail, recipient, 'Nope Person');
    await r.getByRole('button', { name: 'Decline gift' }).click();
    await r.getByRole('button', { name: 'Yes, decline the gift' }).click();
    await r.waitForURL(/\/gift\/declined/);
    await expect(r.getByRole('heading', { name: 'You declined the gift' })).toBeVisible();

    const { rows } = await sql.query(`select p.status, a.status as network from payments p join processor_sandbox_authorizations a on a.id = p.processor_authorization_id where p.order_id = $1`, [orderId]);
    expect(rows[0]).toEqual({ status: 'voided', network: 'voided' });
    expect((await sql.query('select stock from offers where id = $1', [offer.id])).rows[0].stock).toBe(4);
    await page.goto(`/orders/${orderId}`);
    await expect(page.getByTestId('gift-status')).toHaveText('Declined');
    await mail.waitFor(giver.email!, (m) => m.subject === 'Your gift was declined');
    await ctx.close();
  });

  test('an unknown link and a signed-in account whose contact does not match reveal nothing and change nothing', async ({ page, browser, signIn, mail, sql }) => {
    await page.goto('/gift/' + 'A'.repeat(43));
    await expect(page.getByTestId('gift-link-inactive')).toBeVisible();
    await page.goto('/gift/not-a-token');
    await expect(page.getByTestId('gift-link-inactive')).toBeVisible();

    const { offer, giver } = await seedGiftScenario();
    const recipient = uniqueEmail('rightful');
    await signIn(page, giver.email!);
    const orderId = await sendGift(page, offer.slug, recipient);
    const link = linkIn((await mail.waitFor(recipient)).text);
    // The giver opening the link is signed in as someone else.
    await page.goto(link);
    await expect(page.getByText('This gift was sent to someone else’s account')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Accept gift' })).toHaveCount(0);
    expect((await sql.query('select status from gift_offers where order_id = $1', [orderId])).rows[0].status).toBe('waiting');
  });

  test('when the processor times out on capture the recipient sees a clear message, and a retry completes with one capture', async ({ page, browser, signIn, mail, sql }) => {
    const { offer, recipient, orderId, link, ctx, r } = await giftByEmail({ page, browser, signIn, mail }, { who: 'retry' });
    await r.goto(link);
    await respondByEmail(r, mail, recipient, 'Rita Retry');

    const { rows: pay } = await sql.query('select processor_authorization_id as id from payments where order_id = $1', [orderId]);
    await sql.query(`insert into processor_sandbox_faults (operation, authorization_id, mode, remaining) values ('capture', $1, 'timeout_after', 1)`, [pay[0].id]);
    await fillAddress(r);
    await r.getByRole('button', { name: 'Accept gift' }).click();
    // The refused answer makes the page look the gift up again: it now shows the decision waiting to be confirmed.
    await expect(r.getByRole('heading', { name: 'We’re still confirming your answer' })).toBeVisible();
    await expect(r.getByText(/couldn.t finish confirming it with the payment processor/)).toBeVisible();

    // The giver still sees a waiting gift; the recipient's page offers to finish the same decision.
    await page.goto(`/orders/${orderId}`);
    await expect(page.getByTestId('gift-status')).toHaveText('Waiting for the recipient');
    await r.goto(link);
    await expect(r.getByRole('heading', { name: 'We’re still confirming your answer' })).toBeVisible();
    await r.getByRole('button', { name: 'Try again' }).click();
    await r.waitForURL(/\/account\/received\//);

    const { rows: caps } = await sql.query(
      `select count(*) filter (where kind = 'capture' and outcome = 'succeeded')::int as captures from payment_operations po join payments p on p.id = po.payment_id where p.order_id = $1`,
      [orderId],
    );
    expect(caps[0].captures).toBe(1);
    const { rows: net } = await sql.query('select status, captured_cents from processor_sandbox_authorizations where id = $1', [pay[0].id]);
    expect(net[0]).toEqual({ status: 'captured', captured_cents: offer.priceCents });
    await ctx.close();
  });

  test('an ignored gift expires: the hold is released and the giver is told', async ({ page, signIn, mail, sql }) => {
    const { offer, giver } = await seedGiftScenario({ stock: 3 });
    const recipient = uniqueEmail('silent');
    await signIn(page, giver.email!);
    const orderId = await sendGift(page, offer.slug, recipient);
    const link = linkIn((await mail.waitFor(recipient)).text);
    // Move the clock: the offer's deadline passes; the in-process job does the rest.
    await sql.query(`update gift_offers set expires_at = now() - interval '1 minute' where order_id = $1`, [orderId]);
    await mail.waitFor(giver.email!, (m) => m.subject === 'Your gift offer expired');
    await page.goto(`/orders/${orderId}`);
    await expect(page.getByTestId('gift-status')).toHaveText('Expired');
    const { rows } = await sql.query(`select status from payments where order_id = $1`, [orderId]);
    expect(rows[0].status).toBe('voided');
    expect((await sql.query('select stock from offers where id = $1', [offer.id])).rows[0].stock).toBe(3);
    await page.goto(link);
    await expect(page.getByTestId('gift-link-inactive')).toBeVisible();
  });

  test('a recipient who has not answered gets one reminder a day before expiry, with a link that works', async ({ page, signIn, mail, sql }) => {
    const { offer, giver } = await seedGiftScenario();
    const recipient = uniqueEmail('forgetful');
    await signIn(page, giver.email!);
    const orderId = await sendGift(page, offer.slug, recipient);
    const first = linkIn((await mail.waitFor(recipient)).text);
    // Move the clock: the offer now ends in 23 hours, inside the reminder window.
    await sql.query(`update gift_offers set expires_at = now() + interval '23 hours' where order_id = $1`, [orderId]);
    const reminder = await mail.waitFor(recipient, (m) => /expires soon/.test(m.subject));
    expect(reminder.subject).toBe('Your gift from Gina Giver expires soon');
    const second = linkIn(reminder.text);
    expect(second).not.toBe(first);
    for (const link of [first, second]) {
      await page.goto(link);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(offer.title);
    }
    // Only one reminder, however often the job runs.
    await page.waitForTimeout(1500);
    expect(mail.to(recipient).filter((m) => /expires soon/.test(m.subject))).toHaveLength(1);
  });

  test('the recipient page loads little JavaScript', async ({ browser, page, signIn, mail }) => {
    const { link, ctx, r } = await giftByEmail({ page, browser, signIn, mail }, { who: 'light' });
    const sizes: Promise<number>[] = [];
    r.on('requestfinished', (req) => {
      if (req.resourceType() === 'script') sizes.push(req.sizes().then((s) => s.responseBodySize));
    });
    await r.goto(link, { waitUntil: 'networkidle' });
    const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    console.log(`recipient page JavaScript: ${(total / 1024).toFixed(1)} kB compressed in ${sizes.length} files`);
    expect(sizes.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(150 * 1024);
    await ctx.close();
  });
});
