import type { Browser, BrowserContext, Page } from '@playwright/test';
import { createUser } from '../db/seed/factories';
import { sendGift } from './fixtures/gift-flow';
import { seedGiftScenario } from './fixtures/seed';
import { expect, finishSignIn, linkIn, test, uniqueEmail } from './fixtures/test';

// Each test walks a sign-in or two through real email: give them room on a busy machine.
test.describe.configure({ timeout: 300_000 });

type Mail = { to(a: string): { subject: string }[]; waitFor(to: string, match?: (m: { subject: string }) => boolean): Promise<{ subject: string }> };

const codeSince = async (mail: Mail, email: string, since: number) => /(\d{6})/.exec((await mail.waitFor(email, (m) => /code/.test(m.subject) && mail.to(email).indexOf(m) >= since)).subject)![1];
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function askCode(page: Page, contact: string) {
  await page.getByLabel(/^(Email or US mobile number|Email|Mobile number)$/).fill(contact);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(page.getByText(/We sent a 6-digit code/)).toBeVisible();
}

async function cookieHeader(ctx: BrowserContext) {
  return (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

// Every Content-Security-Policy violation and console error a page produces while the test looks at it.
function watchCsp(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => {
    // A 404 is a page's answer (we open /no-such-page on purpose), not a policy problem.
    if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} on ${location.pathname} from ${e.sourceFile}:${e.lineNumber}`));
  });
  return problems;
}

async function newPage(browser: Browser, opts: Parameters<Browser['newContext']>[0] = {}) {
  const ctx = await browser.newContext(opts);
  return { ctx, page: await ctx.newPage() };
}

test.describe('sessions', () => {
  test('a session cookie copied before sign-out is refused afterwards; "Sign out everywhere" ends the other browsers’ sessions', async ({ browser, signIn, playwright, baseURL }) => {
    const user = await createUser({ name: 'Cora Cookie', email: uniqueEmail('cookie') });
    const a = await newPage(browser);
    await signIn(a.page, user.email!);
    const copied = await cookieHeader(a.ctx);
    const raw = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: copied } });
    const before = await raw.get('/account', { maxRedirects: 0 });
    expect(before.status()).toBe(200);
    expect(await before.text()).toContain('Cora Cookie');

    await a.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(a.page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    const after = await raw.get('/account', { maxRedirects: 0 });
    expect(after.status()).toBe(307);
    expect(after.headers().location).toMatch(/^\/signin\?callbackUrl=%2Faccount/);
    expect(await (await raw.get('/api/auth/session')).json()).toBeNull();
    await raw.dispose();

    // Two browsers signed in; "Sign out everywhere" in one ends both.
    const phone = await newPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true });
    const laptop = await newPage(browser);
    await signIn(phone.page, user.email!);
    await signIn(laptop.page, user.email!);
    await laptop.page.goto('/account');
    await laptop.page.getByRole('link', { name: 'Security and sign-in' }).click();
    await expect(laptop.page.getByRole('heading', { name: 'Security and sign-in' })).toBeVisible();
    await expect(laptop.page.getByText(/signed in on 2 browsers or devices/)).toBeVisible();
    await phone.page.goto('/account/security');
    await phone.page.screenshot({ path: '/tmp/pw-h1/account-security-375.png', fullPage: true });
    await laptop.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await laptop.page.waitForURL(/\/signin\?signedOut=everywhere/);
    await expect(laptop.page.getByText('You were signed out on every browser and device.')).toBeVisible();
    await phone.page.goto('/account');
    await expect(phone.page).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);
    for (const p of [a, phone, laptop]) await p.ctx.close();
  });
});

test.describe('sign-in', () => {
  test('asking for a code answers the same for an existing account and an unknown address; a new person gives a name only after the code', async ({ browser, mail }) => {
    const known = await createUser({ name: 'Kim Known', email: uniqueEmail('known') });
    const unknown = uniqueEmail('unknown');
    const shots: Record<string, string> = {};
    for (const email of [known.email!, unknown]) {
      const { ctx, page } = await newPage(browser);
      await page.goto('/signin');
      const n = mail.to(email).length;
      await askCode(page, email);
      // Same step, same fields, same words (only the masked address differs).
      shots[email] = (await page.locator('form').innerText()).replace(/\S+@\S+/, '<address>');
      await expect(page.getByLabel('Your name')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
      await page.getByLabel('Code', { exact: true }).fill(await codeSince(mail, email, n));
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      if (email === unknown) {
        await expect(page.getByText('Code confirmed. You’re new here')).toBeVisible();
        await page.screenshot({ path: '/tmp/pw-h1/signin-name-step.png' });
        await page.getByRole('button', { name: 'Create account and continue' }).click();
        await expect(page.getByText('Tell us your name to create your account.', { exact: true })).toBeVisible();
        await page.getByLabel('Your name').fill('Una Unknown');
        await page.getByRole('button', { name: 'Create account and continue' }).click();
        await expect(page.getByTestId('signed-in-as')).toContainText('Una Unknown');
      } else {
        await expect(page.getByTestId('signed-in-as')).toContainText('Kim Known');
      }
      await ctx.close();
    }
    expect(shots[known.email!]).toBe(shots[unknown]);
  });

  test('after 5 wrong codes the page tells the truth: a new code can be asked for, and it works', async ({ browser, mail }) => {
    const user = await createUser({ name: 'Wes Wrong', email: uniqueEmail('wrong') });
    const { ctx, page } = await newPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true });
    await page.goto('/signin');
    let n = mail.to(user.email!).length;
    await askCode(page, user.email!);
    const code = await codeSince(mail, user.email!, n);
    for (let left = 4; left >= 1; left--) {
      await page.getByLabel('Code', { exact: true }).fill(wrong(code));
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.getByText(`You can try ${left} more ${left === 1 ? 'time' : 'times'} with this code.`)).toBeVisible();
    }
    await page.getByLabel('Code', { exact: true }).fill(wrong(code));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('That code no longer works: it had too many wrong tries. Ask for a new code below.')).toBeVisible();
    await page.screenshot({ path: '/tmp/pw-h1/signin-spent-375.png' });
    n = mail.to(user.email!).length;
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await expect(page.getByText(/It replaces the earlier one/)).toBeVisible();
    await page.getByLabel('Code', { exact: true }).fill(await codeSince(mail, user.email!, n));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('signed-in-as')).toContainText('Wes Wrong');
    await ctx.close();
  });

  test('works before (and without) JavaScript: the form posts itself, never a GET with the contact in the URL', async ({ browser, mail }) => {
    const user = await createUser({ name: 'Nora NoScript', email: uniqueEmail('nojs') });
    const { ctx, page } = await newPage(browser, { javaScriptEnabled: false });
    const urls: string[] = [];
    page.on('request', (r) => urls.push(`${r.method()} ${r.url()}`));
    await page.goto('/signin?callbackUrl=%2Forders');
    await expect(page.locator('form').first()).toHaveAttribute('method', /post/i);
    const n = mail.to(user.email!).length;
    await askCode(page, user.email!);
    await page.getByLabel('Code', { exact: true }).fill(await codeSince(mail, user.email!, n));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/orders$/);
    await expect(page.getByTestId('signed-in-as')).toContainText('Nora NoScript');
    expect(urls.filter((u) => u.includes('nojs') || u.includes(encodeURIComponent(user.email!)))).toEqual([]);
    await ctx.close();
  });

  test('a callback that tries to leave the site lands on the site', async ({ browser, mail, baseURL }) => {
    const user = await createUser({ name: 'Ray Redirect', email: uniqueEmail('redirect') });
    const { ctx, page } = await newPage(browser);
    await page.goto(`/signin?callbackUrl=${encodeURIComponent('/.//evil.example/x')}`);
    const n = mail.to(user.email!).length;
    await askCode(page, user.email!);
    await page.getByLabel('Code', { exact: true }).fill(await codeSince(mail, user.email!, n));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    await ctx.close();
  });
});

test.describe('portals', () => {
  test('a buyer opening /seller or /ops is redirected before any of the portal reaches the HTML', async ({ browser, signIn, playwright, baseURL }) => {
    const buyer = await createUser({ name: 'Bea Buyer', email: uniqueEmail('buyer') });
    const { ctx, page } = await newPage(browser);
    await signIn(page, buyer.email!);
    const raw = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: await cookieHeader(ctx) } });
    for (const path of ['/seller', '/ops']) {
      const res = await raw.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(307);
      expect(res.headers().location).toBe('/forbidden');
      const html = await res.text();
      expect(html).not.toMatch(/Seller Central|Operations|<title>Ops|Orders to ship/);
      await page.goto(path);
      await expect(page).toHaveURL(/\/forbidden$/);
      await expect(page.getByRole('heading', { name: 'This area isn’t available to your account' })).toBeVisible();
      await expect(page).not.toHaveTitle(/Seller Central|Ops/);
    }
    await raw.dispose();
    await ctx.close();
  });
});

test.describe('hostile URLs and the Content-Security-Policy', () => {
  test('a lone surrogate, malformed encoding or NUL in a path or query is a 400, never a 500', async ({ playwright, baseURL }) => {
    const raw = await playwright.request.newContext({ baseURL });
    for (const path of ['/products/%ED%A0%80', '/products/%uD800', '/products/a%00b', '/gift/%ED%A0%80', '/orders/%E0%A4%A', '/signin?callbackUrl=%00', '/products/x?q=%00', '/api/gift-link/%00', '/account/received/%ED%B0%80']) {
      const res = await raw.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(400);
    }
    // A malformed query value reaches the page as U+FFFD (Next.js normalizes the query first): a plain answer, no 500.
    for (const path of ['/products/x?q=%uD800', '/?q=%ED%A0%80', '/signin?callbackUrl=%ED%A0%80']) {
      const res = await raw.get(path, { maxRedirects: 0 });
      expect([200, 400, 404], path).toContain(res.status());
    }
    // Ordinary unknown paths are still a plain 404.
    expect((await raw.get('/products/no-such-thing-here')).status()).toBe(404);
    await raw.dispose();
  });

  test('shop, sign-in, checkout and the gift link run under the policy with no violation', async ({ browser, signIn, mail }) => {
    test.setTimeout(300_000); // a whole gift: the giver's checkout, then the recipient's sign-up
    const { offer, giver } = await seedGiftScenario();
    const { ctx, page } = await newPage(browser);
    const problems = watchCsp(page);
    for (const path of ['/', `/products/${offer.slug}`, '/signin', '/no-such-page', '/forbidden']) {
      const res = await page.goto(path);
      expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self' '(nonce|sha256)-/);
      await page.waitForLoadState('networkidle');
    }
    await signIn(page, giver.email!);
    const recipient = uniqueEmail('csp');
    await sendGift(page, offer.slug, recipient, 'Enjoy!');
    const link = linkIn((await mail.waitFor(recipient, (m) => /sent you a gift/.test(m.subject))).text);
    const r = await newPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true });
    const rProblems = watchCsp(r.page);
    const res = await r.page.goto(link);
    // The gift page stays a static file: a hash policy, no nonce.
    expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(res!.headers()['content-security-policy']).not.toContain('nonce-');
    // The first view carries the gift inside the page (one request), for the page to show without a data call.
    expect(await res!.text()).toContain('<script type="application/json" id="gift-link-data">{"state":"open"');
    await expect(r.page.getByRole('heading', { name: 'Sign in or create an account to respond' })).toBeVisible();
    // And it works: the recipient signs up from it (the gift's link is their own code budget).
    const n = mail.to(recipient).length;
    await askCode(r.page, recipient);
    await r.page.getByLabel('Code', { exact: true }).fill(await codeSince(mail, recipient, n));
    await r.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await finishSignIn(r.page, 'Cass Csp');
    await expect(r.page.getByRole('button', { name: 'Accept gift' })).toBeVisible();
    expect(problems).toEqual([]);
    expect(rProblems).toEqual([]);
    await r.ctx.close();
    await ctx.close();
  });
});
