import { expect, linkIn, test, uniqueEmail } from './fixtures/test';
import { fillAddress, respondAs, sendGift } from './fixtures/gift-flow';
import { seedGiftScenario } from './fixtures/seed';

// The giver's pages, fetched as the giver (the whole HTML, including the data React streams into it), never carry
// any part of the address a recipient gave, and read the same for an accepted and a converted gift, before and after
// the accepted one ships: the seller buys its label on their Buy Shipping page and the sandbox carrier delivers it.
const address = { fullName: 'Wren Quillfeather', line1: '4821 Obsidian Heron Way', city: 'Tacoma', state: 'WA', zip: '98402' };
const parts = [address.fullName, address.line1, 'Obsidian Heron', 'Quillfeather', address.zip];

test('the giver’s pages and mail never show the recipient’s address, for accept, convert and a later shipment', async ({ browser, mail, sql, signIn }) => {
  test.setTimeout(240_000);
  const { offer, giver, seller } = await seedGiftScenario({ priceCents: 3300 });
  // The seller's warehouse (their shipping settings, seeded), so the accepted gift gets a promise and can be quoted.
  await sql.query(
    `insert into ship_from_locations (seller_id, name, line1, city, state, zip, zip3, time_zone, is_default) values ($1, 'Main warehouse', '200 Port St', 'Newark', 'NJ', '07114', '071', 'America/New_York', true)`,
    [seller.id],
  );
  const accepting = uniqueEmail('privacy-accepts');
  const converting = uniqueEmail('privacy-converts');

  const giverCtx = await browser.newContext();
  const g = await giverCtx.newPage();
  await signIn(g, giver.email!);
  const acceptedOrder = await sendGift(g, offer.slug, accepting);
  const convertedOrder = await sendGift(g, offer.slug, converting);

  const signInCode = async (email: string, since: number) => /(\d{6})/.exec((await mail.waitFor(email, (m) => /code/.test(m.subject) && mail.to(email).indexOf(m) >= since)).subject)![1];
  for (const [who, decide] of [
    [accepting, 'accept'],
    [converting, 'convert'],
  ] as const) {
    const ctx = await browser.newContext();
    const r = await ctx.newPage();
    await r.goto(linkIn((await mail.waitFor(who, (m) => /sent you a gift/.test(m.subject))).text));
    const n = mail.to(who).length;
    await respondAs(r, who, () => signInCode(who, n), decide === 'accept' ? 'Wren Quillfeather' : 'Cass Converts');
    if (decide === 'accept') {
      await fillAddress(r, address);
      await r.getByRole('button', { name: 'Accept gift' }).click();
      await r.waitForURL(/\/account\/received\//);
      // The recipient does see it, on their own page.
      await expect(r.getByText(address.line1)).toBeVisible();
    } else {
      await r.getByRole('button', { name: 'Convert to a gift card' }).click();
      await r.getByRole('button', { name: 'Yes, convert to a gift card' }).click();
      await r.waitForURL(/\/account\?just=gift-card/);
    }
    await ctx.close();
  }
  await expect.poll(() => mail.to(giver.email!).filter((m) => m.subject === 'Your gift was accepted').length).toBe(2);

  const anon = (s: string) => s.replaceAll(acceptedOrder, '<order>').replaceAll(convertedOrder, '<order>').replaceAll(accepting, '<r>').replaceAll(converting, '<r>').replace(/\S+\*\*\*@\S+/g, '<r>');
  // Everything the giver's browser receives for their order pages and list.
  async function giverSees(stage: string, secret: string[] = []) {
    const seen: Record<string, string> = {};
    for (const [key, path] of [
      ['accepted', `/orders/${acceptedOrder}`],
      ['converted', `/orders/${convertedOrder}`],
      ['list', '/orders'],
    ] as const) {
      const res = await g.request.get(path);
      expect(res.status(), `${stage}: ${path}`).toBe(200);
      const html = await res.text();
      for (const p of [...parts, ...secret]) expect(html, `${stage}: "${p}" in the HTML of ${path}`).not.toContain(p);
      await g.goto(path);
      seen[key] = anon(await g.locator('main').innerText());
    }
    // An acceptance and a conversion read the same.
    expect(seen.accepted, stage).toEqual(seen.converted);
    expect(seen.accepted).toContain('Accepted');
    return seen;
  }
  const before = await giverSees('after the decisions');
  await g.setViewportSize({ width: 375, height: 800 });
  await g.goto(`/orders/${acceptedOrder}`);
  await g.screenshot({ path: test.info().outputPath('giver-accepted-375.png'), fullPage: true });

  // The seller buys the accepted gift's label on their Buy Shipping page; the sandbox carrier then plays its tracking
  // events through the signed webhook, a second apart, up to delivery.
  const { rows: sellerRows } = await sql.query<{ email: string }>('select u.email from users u join sellers s on s.user_id = u.id where s.id = $1', [seller.id]);
  const sellerCtx = await browser.newContext();
  const sp = await sellerCtx.newPage();
  await signIn(sp, sellerRows[0].email);
  await sp.goto(`/seller/orders/${acceptedOrder}`);
  await expect(sp.getByTestId('rate-option').first()).toBeVisible();
  await sp.getByRole('button', { name: /^Buy label/ }).click();
  await expect(sp.getByRole('heading', { name: 'Label bought' })).toBeVisible();
  const trackingId = (await sp.getByTestId('tracking-id').textContent())!.trim();
  await sellerCtx.close();
  const shipped = await giverSees('after the label was bought', [trackingId]);
  expect(shipped).toEqual(before);
  await expect.poll(async () => (await sql.query('select status from orders where id = $1', [acceptedOrder])).rows[0].status, { timeout: 90_000, intervals: [1000] }).toBe('delivered');
  const after = await giverSees('after delivery', [trackingId]);
  expect(after).toEqual(before);

  // Every message the giver received: no part of the address.
  for (const m of mail.to(giver.email!)) for (const p of [...parts, trackingId]) expect(m.raw, `"${p}" in the giver's mail "${m.subject}"`).not.toContain(p);
  const { rows } = await sql.query<{ n: number }>(`select count(*)::int as n from outbox_messages where recipient = $1 and body like $2`, [giver.email, `%${address.line1}%`]);
  expect(rows[0].n).toBe(0);
  await giverCtx.close();
});
