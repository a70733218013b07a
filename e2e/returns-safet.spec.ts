import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { createStaff, seedDeliveredOrder, seedOfferToAsk } from './fixtures/service';

// Returns, customer service and SAFE-T, through the pages each person uses: the buyer, the seller, and staff.

const SHOTS = process.env.H7_SCREENSHOTS_DIR;

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  await page.screenshot({ path: `${SHOTS}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: `${SHOTS}/${name}-375.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function session(browser: Browser, signIn: (p: Page, email: string) => Promise<void>, email: string) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.on('dialog', (d) => d.accept());
  await signIn(page, email);
  return page;
}

test('a buyer returns an item and the seller refunds it by the deadline', async ({ browser, signIn, mail }) => {
  const { sellerUser, buyer, order, offer } = await seedDeliveredOrder({ priceCents: 4800 });

  const b = await session(browser, signIn, buyer.email!);
  await b.goto(`/orders/${order.id}`);
  const form = b.getByTestId('return-form');
  await form.getByRole('button', { name: 'Return this item' }).click();
  await expect(form.getByText('Choose why you’re returning it.')).toBeVisible();
  await form.getByLabel('Why are you returning it?').selectOption('defective');
  await form.getByRole('button', { name: 'Return this item' }).click();
  const status = b.getByTestId('return-status');
  await expect(status).toContainText('Return authorized');
  await expect(status).toContainText('Send it back by');
  const rma = (await status.locator('.font-mono').textContent())!;
  await mail.waitFor(buyer.email!, (m) => m.subject === 'Your return is authorized' && m.text.includes('/label'));
  await status.getByRole('link', { name: 'Print your return label' }).click();
  await expect(b.getByTestId('return-label')).toContainText(rma);
  await expect(b.getByTestId('return-by')).toBeVisible();

  const s = await session(browser, signIn, sellerUser.email!);
  await s.goto('/seller/returns');
  const card = s.getByTestId('seller-return').filter({ hasText: offer.title });
  await expect(card).toContainText(rma);
  await card.getByRole('button', { name: 'Mark received' }).click();
  await expect(card.getByTestId('refund-by')).toContainText('Refund by');
  await expect(card).not.toContainText('Overdue');
  await shoot(s, 'seller-returns');
  await card.getByRole('button', { name: 'Refund $48.00 in full' }).click();
  // Done: it leaves the returns waiting for the seller, and reads Refunded among all returns.
  await expect(card).toHaveCount(0, { timeout: 20_000 });
  await s.goto('/seller/returns?filter=all');
  await expect(s.getByTestId('seller-return').filter({ hasText: offer.title })).toContainText('Refunded');

  const refundMail = await mail.waitFor(buyer.email!, (m) => m.subject === 'Your refund');
  expect(refundMail.text).toContain('$48.00');
  await b.goto(`/orders/${order.id}`);
  await expect(b.getByTestId('return-status')).toContainText('Refunded $48.00 to your card');

  await s.goto('/seller/account?kind=customer_refund');
  await expect(s.getByTestId('statement')).toContainText('Refund for a return');
  await expect(s.getByTestId('statement')).toContainText('−$48.00');
});

test('customer service refunds without a return; the seller files a SAFE-T claim, answers, is denied, appeals once and is granted', async ({ browser, signIn, mail }) => {
  // Three people and a dozen steps: longer than the default 60 s on a loaded machine.
  test.setTimeout(180_000);
  const { sellerUser, buyer, order, offer } = await seedDeliveredOrder({ priceCents: 6200 });
  const staff = await createStaff();

  // Customer service finds the order by the buyer's email and issues a returnless refund charged to the seller.
  const ops = await session(browser, signIn, staff.email!);
  await ops.goto('/ops/cases');
  await ops.getByLabel('Order number or customer email').fill(buyer.email!);
  await ops.getByRole('button', { name: 'Find' }).click();
  await ops.getByRole('region', { name: `Orders of ${buyer.email}` }).getByRole('link', { name: offer.title }).click();
  await ops.waitForURL(`**/ops/cases/${order.id}`);
  const refundForm = ops.getByTestId('staff-refund-form');
  await refundForm.getByLabel('What').selectOption('returnless');
  await refundForm.getByLabel('Reason (the seller sees it)').fill('Buyer reports the lantern never arrived');
  await refundForm.getByRole('button', { name: 'Issue refund' }).click();
  await expect(ops.getByTestId('refunds')).toContainText('Returnless refund $62.00 · succeeded');
  await expect(ops.getByText('This order has been refunded in full: nothing remains to refund.')).toBeVisible();
  await expect(ops.getByTestId('remaining')).toHaveText('$0.00');
  await expect(ops.getByTestId('audit')).toContainText('Buyer reports the lantern never arrived');
  await expect(ops.getByTestId('audit')).toContainText('Olive Ops');
  await shoot(ops, 'ops-case');

  // The seller is told the decision and the reason, by email and on the returns page.
  const notice = await mail.waitFor(sellerUser.email!, (m) => /Customer service issued a returnless refund/.test(m.subject));
  expect(notice.text).toContain('Buyer reports the lantern never arrived');
  const s = await session(browser, signIn, sellerUser.email!);
  await s.goto('/seller/returns');
  await expect(s.getByTestId('notices')).toContainText('Buyer reports the lantern never arrived');

  // The seller files a claim.
  await s.goto('/seller/safet');
  await s.getByRole('link', { name: 'File a claim' }).first().click();
  const claimForm = s.getByTestId('claim-form');
  await claimForm.getByLabel('Reason').selectOption('lost_or_damaged_in_return_transit');
  await claimForm.getByLabel('What happened, and your evidence').fill('Tracking 1Z999 shows it delivered to the front porch.');
  await claimForm.getByRole('button', { name: 'File claim' }).click();
  await expect(claimForm.getByText(/Contact the carrier/).last()).toBeVisible();
  await claimForm.getByLabel('Reason').selectOption('non_receipt_delivered');
  await claimForm.getByRole('button', { name: 'File claim' }).click();
  await expect(claimForm.getByRole('alert').filter({ hasText: 'Confirm that the information is true to file the claim.' }).last()).toBeVisible();
  await claimForm.getByLabel(/I confirm that the information in this claim is true/).check();
  await claimForm.getByRole('button', { name: 'File claim' }).click();
  await s.waitForURL(/\/seller\/safet\/[0-9a-f-]{36}$/);
  const claimUrl = s.url();
  const claimId = claimUrl.split('/').pop()!;
  await expect(s.getByText('Under review')).toBeVisible();

  // Staff ask for information.
  await ops.goto(`/ops/safet/${claimId}`);
  const ask = ops.getByTestId('request-info-form');
  await ask.getByLabel('What you need').fill('Please send the carrier’s proof of delivery.');
  await ask.getByRole('button', { name: 'Request information' }).click();
  await expect(ops.getByText(/Seller must respond before/)).toBeVisible();
  await mail.waitFor(sellerUser.email!, (m) => m.subject === 'SAFE-T: information requested' && /Respond before/.test(m.text));

  // "Manage SAFE-T claims" highlights it with "Respond before"; the seller answers in time.
  await s.goto('/seller/safet');
  const row = s.getByTestId('safet-claim').first();
  await expect(row.getByTestId('respond-before')).toContainText(/Respond before \w{3}, \w{3} \d+, \d{4} \d+:\d{2} [AP]M E[SD]T/);
  await shoot(s, 'seller-safet');
  await row.getByRole('link', { name: 'View message' }).click();
  await expect(s.getByTestId('claim-thread')).toContainText('Please send the carrier’s proof of delivery.');
  const respond = s.getByTestId('respond-form');
  await respond.getByLabel('Your answer').fill('Proof of delivery attached: signed by the buyer at 2:14 PM.');
  await respond.getByRole('button', { name: 'Send answer' }).click();
  await expect(s.getByText('Under review')).toBeVisible();

  // Denied.
  await ops.goto(`/ops/safet/${claimId}`);
  const decide = ops.getByTestId('decide-form');
  await decide.getByLabel('Decision').selectOption('denied');
  await decide.getByLabel('Reason (the seller sees it)').fill('The signature does not match the buyer.');
  await decide.getByRole('button', { name: 'Record decision' }).click();
  await expect(ops.getByText(/Seller may appeal before/)).toBeVisible();

  // The seller appeals once; a second appeal (from a page opened before the first) is refused.
  await s.goto(claimUrl);
  await expect(s.getByTestId('appeal-before')).toContainText('Appeal before');
  const stale = await s.context().newPage();
  stale.on('dialog', (d) => d.accept());
  await stale.goto(claimUrl);
  const appeal = s.getByTestId('appeal-form');
  await appeal.getByLabel('Why the decision should change').fill('The carrier confirmed the signature in writing.');
  await appeal.getByRole('button', { name: 'Appeal' }).click();
  await expect(s.getByText('Appeal under review')).toBeVisible();
  const again = stale.getByTestId('appeal-form');
  await again.getByLabel('Why the decision should change').fill('One more time.');
  await again.getByRole('button', { name: 'Appeal' }).click();
  await expect(again.getByText('A SAFE-T claim can be appealed only once.')).toBeVisible();

  // Granted on appeal: credited to the seller's account.
  await ops.goto(`/ops/safet/${claimId}`);
  await decide.getByLabel('Decision').selectOption('granted_full');
  await decide.getByLabel('Reason (the seller sees it)').fill('Carrier letter accepted.');
  await decide.getByRole('button', { name: 'Record decision' }).click();
  await expect(ops.getByText('Granted in full').first()).toBeVisible();

  await s.goto(claimUrl);
  await expect(s.getByText('Granted in full (final)')).toBeVisible();
  await expect(s.getByText('$62.00 credited to your account.')).toBeVisible();

  // The statement shows each movement, with the running balance.
  await s.goto('/seller/account');
  const statement = s.getByTestId('statement');
  await expect(statement).toContainText('Customer service: returnless refund — Buyer reports the lantern never arrived');
  await expect(statement).toContainText('SAFE-T reimbursement (appeal): granted in full');
  await expect(statement.getByRole('row')).toHaveCount(3);
  await expect(s.getByTestId('balance')).toHaveText('$0.00');
  await shoot(s, 'seller-account');
  const [download] = await Promise.all([s.waitForEvent('download'), s.getByRole('link', { name: 'Download CSV' }).click()]);
  const csv = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
  expect(csv.split('\n')[0]).toBe('Date (UTC),Type,Description,Order,Reference,Amount,Currency,Balance');
  expect(csv).toContain('62.00');
  expect(csv).toContain('-62.00');
  await s.goto('/seller/safet/calendar');
  await expect(s.getByTestId('calendar')).toBeVisible();
});

test('a buyer asks the seller about a product before buying, and the seller answers from Messages', async ({ browser, signIn, mail }) => {
  const { sellerUser, offer, buyer } = await seedOfferToAsk();

  const b = await session(browser, signIn, buyer.email!);
  await b.goto(`/products/${offer.slug}`);
  const ask = b.getByTestId('ask-seller');
  await ask.getByRole('button', { name: 'Send question' }).click();
  await expect(ask.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' })).toBeVisible();
  await ask.getByLabel('Your question').fill('Does it fold flat for a backpack? <b>thanks</b>');
  await ask.getByRole('button', { name: 'Send question' }).click();
  await expect(ask.getByText('Sent. The seller answers here and by email.')).toBeVisible();
  // Plain text: what was typed shows as typed, markup and all.
  await expect(ask.getByText('Does it fold flat for a backpack? <b>thanks</b>')).toBeVisible();

  const s = await session(browser, signIn, sellerUser.email!);
  await mail.waitFor(sellerUser.email!, (m) => m.subject === `Product question: ${offer.title}`);
  await s.goto('/seller/messages');
  const thread = s.getByTestId('thread').filter({ hasText: `Question: ${offer.title}` });
  await expect(thread).toContainText('Needs your answer');
  await thread.getByRole('link', { name: `Question: ${offer.title}` }).click();
  await s.getByLabel('Your answer').fill('Yes: it folds to 3 cm.');
  await s.getByRole('button', { name: 'Send answer' }).click();
  await expect(s.getByRole('list', { name: 'Messages' })).toContainText('Yes: it folds to 3 cm.');

  const answered = await mail.waitFor(buyer.email!, (m) => m.subject.endsWith('answered your message'));
  expect(answered.text).toContain(`/products/${offer.slug}`);
  await b.reload();
  await expect(b.getByTestId('ask-seller')).toContainText('Yes: it folds to 3 cm.');
});
