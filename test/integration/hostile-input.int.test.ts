import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/index';
import { createOffer, createPrimeMember, createUser } from '@/db/seed/factories';
import { addresses, giftOffers, orders, users } from '@/db/schema';
import { createVerifiedUser } from '@/lib/accounts/queries';
import { nameField, nameStepInput } from '@/lib/auth/schemas';
import { acceptGiftAction, blockSenderAction, convertGiftAction, declineGiftAction } from '@/lib/gifts/actions';
import { cancelGiftAction, placeOrderAction as placeOrderActionTyped } from '@/lib/orders/actions';
import { card, giftOfferOf, outboxFor, sendGift, uniqueEmail } from '@/test/support/gift-fixtures';
import { loosely, runAction, signInAs } from '@/test/support/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('@/test/support/signed-in')).sessionModule);

const placeOrderAction = loosely(placeOrderActionTyped);

// Hostile input through the real server actions (wrapper, zod schema, domain): every answer is a field error or a
// clear refusal, never "Something went wrong", never an unhandled error, and nothing is stored.

const HOSTILE: [string, string][] = [
  ['NUL', 'Robin\u0000Smith'],
  ['an escape character', 'Robin\u001b[31mSmith'],
  ['DEL', 'Robin\u007f'],
  ['a C1 control', 'Robin\u0085Smith'],
  ['a lone high surrogate', 'Robin \uD83D'],
  ['a lone low surrogate', '\uDE00Robin'],
  ['a right-to-left override', 'Robin\u202Etxt.exe'],
  ['a 100,000-character value', 'R'.repeat(100_000)],
];

let unexpected: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  unexpected = vi.spyOn(console, 'error');
});
afterEach(() => {
  // "[action] unexpected error" is what a 500 looked like: none may happen here.
  expect(unexpected.mock.calls.filter((c) => String(c[0]).includes('unexpected'))).toEqual([]);
  unexpected.mockRestore();
  signInAs(null);
});

async function ordersOf(buyerId: string) {
  const db = await getDb();
  return db.select({ id: orders.id }).from(orders).where(eq(orders.buyerId, buyerId));
}

function expectFieldError(res: unknown, field: string) {
  expect(res).toMatchObject({ ok: false });
  const r = res as { ok: false; error: string; fieldErrors?: Record<string, string[]> };
  expect(r.error).not.toMatch(/Something went wrong/);
  expect(r.fieldErrors?.[field]?.[0], `a message for ${field}, got ${JSON.stringify(r.fieldErrors)}`).toEqual(expect.any(String));
  return r.fieldErrors![field]![0];
}

const giftForm = (offerId: string, over: Record<string, unknown> = {}) => ({
  offerId,
  checkoutKey: randomUUID(),
  quantity: '1',
  shippingChoice: 'recipient_provides',
  giftReceipt: 'on',
  recipient: uniqueEmail(),
  giftMessage: 'Happy birthday',
  ...card(),
  ...over,
});
const selfForm = (offerId: string, address: Record<string, string> = {}, over: Record<string, unknown> = {}) => ({
  offerId,
  checkoutKey: randomUUID(),
  quantity: '1',
  shippingChoice: 'ship_to_address',
  addressId: 'new',
  newAddress: { fullName: 'Sam Buyer', line1: '7 Oak Avenue', city: 'Austin', state: 'TX', zip: '78701', ...address },
  ...card(),
  ...over,
});

describe('checkout: hostile values get a field error and store nothing', () => {
  it.each(HOSTILE)('%s in the gift message, the recipient, and each address field', async (_, value) => {
    const giver = await createPrimeMember();
    const offer = await createOffer();
    signInAs(giver);
    expect(await placeOrderAction(giftForm(offer.id, { giftMessage: `Hi ${value}` }))).toMatchObject({ ok: false });
    expectFieldError(await placeOrderAction(giftForm(offer.id, { giftMessage: `Hi ${value}` })), 'giftMessage');
    expectFieldError(await placeOrderAction(giftForm(offer.id, { recipient: `a${value}@example.com` })), 'recipient');
    for (const field of ['fullName', 'line1', 'line2', 'city', 'state', 'zip']) {
      expectFieldError(await placeOrderAction(selfForm(offer.id, { [field]: value })), `newAddress.${field}`);
    }
    expect(await ordersOf(giver.id)).toEqual([]);
    const db = await getDb();
    expect(await db.select().from(addresses).where(eq(addresses.userId, giver.id))).toEqual([]);
  });

  it('a line break in a one-line field is refused; in the gift message it is kept', async () => {
    const giver = await createPrimeMember();
    const offer = await createOffer();
    signInAs(giver);
    expect(expectFieldError(await placeOrderAction(selfForm(offer.id, { fullName: 'Sam\nBuyer' })), 'newAddress.fullName')).toMatch(/one line/);
    const res = await placeOrderAction(giftForm(offer.id, { giftMessage: 'Happy\r\nbirthday' }));
    expect(res).toMatchObject({ ok: true });
    expect((await giftOfferOf((res as { ok: true; data: { orderId: string } }).data.orderId)).giftMessage).toBe('Happy\nbirthday');
  });

  it('ids from the client are checked before any query: "null", garbage, another type', async () => {
    const buyer = await createUser();
    const offer = await createOffer();
    signInAs(buyer);
    expectFieldError(await placeOrderAction(selfForm(offer.id, {}, { addressId: 'null' })), 'addressId');
    expectFieldError(await placeOrderAction(selfForm(offer.id, {}, { addressId: "1' or '1'='1" })), 'addressId');
    expectFieldError(await placeOrderAction(selfForm('null')), 'offerId');
    expectFieldError(await placeOrderAction(selfForm(offer.id, {}, { checkoutKey: '\u0000' })), 'checkoutKey');
    expectFieldError(await placeOrderAction(selfForm(offer.id, {}, { quantity: 'NaN' })), 'quantity');
    expectFieldError(await placeOrderAction(selfForm(offer.id, {}, { addressId: 42 })), 'addressId');
    expectFieldError(await cancelGiftAction({ orderId: 'null' }), 'orderId');
    expectFieldError(await acceptGiftAction({ giftOfferId: '../../etc/passwd', addressChoice: 'saved', addressId: 'null' } as never), 'giftOfferId');
    // A saved address that is someone else's is "not found", as a field error.
    const other = await createUser();
    const db = await getDb();
    const [theirs] = await db.insert(addresses).values({ userId: other.id, fullName: 'Other', line1: '1 A St', city: 'X', state: 'NY', zip: '10001' }).returning();
    expectFieldError(await placeOrderAction(selfForm(offer.id, {}, { addressId: theirs.id })), 'addressId');
    expect(await ordersOf(buyer.id)).toEqual([]);
  });

  it('a body that is not a form at all is refused with a message, not an error', async () => {
    const buyer = await createUser();
    signInAs(buyer);
    for (const body of [null, undefined, 'x', 42, [], [1, 2], { __proto__: { offerId: 'x' } }, { newAddress: 'x' }, { newAddress: { fullName: { $gt: '' } } }]) {
      for (const action of [placeOrderAction, cancelGiftAction, acceptGiftAction, convertGiftAction, declineGiftAction, blockSenderAction] as ((b: unknown) => Promise<unknown>)[]) {
        const res = await runAction(action(body));
        expect(res, `${action.name}(${JSON.stringify(body)})`).toMatchObject({ ok: false, error: expect.not.stringMatching(/Something went wrong/) });
      }
    }
    // As multipart form data, with a file where text belongs.
    const fd = new FormData();
    fd.set('offerId', new Blob(['x']), 'evil.txt');
    fd.set('giftOfferId', new Blob(['x']), 'evil.txt');
    expect(await placeOrderAction(fd)).toMatchObject({ ok: false, fieldErrors: { offerId: [expect.any(String)] } });
    expect(await runAction(declineGiftAction(fd))).toMatchObject({ ok: false, fieldErrors: { giftOfferId: [expect.any(String)] } });
    expect(await ordersOf(buyer.id)).toEqual([]);
  });
});

describe('accepting a gift: hostile address values', () => {
  it.each(HOSTILE)('%s in an address field is a field error; the gift still waits', async (_, value) => {
    const sent = await sendGift();
    const recipient = await createUser({ email: sent.contact });
    signInAs(recipient);
    for (const field of ['fullName', 'line1', 'line2', 'city']) {
      const address = { fullName: 'Robin Recipient', line1: '42 Elm Street', city: 'Hoboken', state: 'NJ', zip: '07030', [field]: value };
      const res = await runAction(acceptGiftAction({ giftOfferId: sent.giftOfferId, addressChoice: 'new', saveAddress: 'on', ...address } as never));
      expectFieldError(res, field);
    }
    expect(await giftOfferOf(sent.orderId)).toMatchObject({ status: 'waiting' });
    const db = await getDb();
    expect(await db.select().from(addresses).where(eq(addresses.userId, recipient.id))).toEqual([]);
  });
});

describe('names are one line', () => {
  // The sign-in form's name step posts to signInStep, which parses with nameStepInput; the sign-in provider parses
  // the name again with nameField before it creates the account.
  it('the sign-in form refuses a name with a line break or a control character, saying why', () => {
    const base = { contact: 'new@example.com', proof: 'proof' };
    const why = (name: string) => {
      const r = nameStepInput.safeParse({ ...base, name });
      if (!r.success) return r.error.issues[0].message;
      expect(nameField.parse(r.data.name)).toBe(r.data.name);
      return null;
    };
    expect(why('Robin\nSmith')).toMatch(/one line/);
    expect(why('Robin\u2028Smith')).toMatch(/one line/);
    expect(why('Robin\u0000')).toMatch(/control character/);
    expect(why('R'.repeat(101))).toMatch(/too long/);
    expect(why('\uD800')).toMatch(/broken character/);
    expect(why('')).toMatch(/Tell us your name/);
    expect(why('   ')).toMatch(/Tell us your name/);
    expect(why('Robin Smith')).toBeNull();
    expect(nameStepInput.parse({ ...base, name: '  Robin Smith  ' }).name).toBe('Robin Smith');
  });

  it('a name stored before the rules, with a line break, does not stop that account’s gifts', async () => {
    const giver = await createPrimeMember({ name: 'Alex\r\nBcc: victim@example.com' });
    const sent = await sendGift({ giver });
    const [waiting] = await outboxFor(sent.contact, 'gift_waiting');
    expect(waiting.subject).toBe('Alex Bcc: victim@example[.]com sent you a gift');
    expect(waiting.status).not.toBe('dead');
  });

  it('an account created from the sign-in form stores the name exactly as the form gave it', async () => {
    const parsed = nameStepInput.parse({ contact: uniqueEmail(), proof: 'proof', name: ' Zoë “Z” <b>O’Brien</b> 😀 ' });
    const user = await createVerifiedUser(parsed.contact, nameField.parse(parsed.name));
    const db = await getDb();
    const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
    expect(row.name).toBe('Zoë “Z” <b>O’Brien</b> 😀');
  });
});

describe('recipient email addresses at checkout', () => {
  it('an internationalized domain is stored and mailed as punycode', async () => {
    const giver = await createPrimeMember();
    const offer = await createOffer();
    signInAs(giver);
    const local = `gift-${randomUUID().slice(0, 8)}`;
    const res = await placeOrderAction(giftForm(offer.id, { recipient: `${local}@Bücher.example` }));
    expect(res).toMatchObject({ ok: true });
    const gift = await giftOfferOf((res as { ok: true; data: { orderId: string } }).data.orderId);
    expect(gift.recipientContact).toBe(`${local}@xn--bcher-kva.example`);
    expect(await outboxFor(gift.recipientContact, 'gift_waiting')).toHaveLength(1);
  });

  it.each([
    ['someone@-bad.example', /hyphen/],
    [`${'a'.repeat(65)}@example.com`, /at most 64/],
    [`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`, /at most 254/],
  ])('%s is refused, saying why, and nothing is held', async (recipient, why) => {
    const giver = await createPrimeMember();
    const offer = await createOffer();
    signInAs(giver);
    expect(expectFieldError(await placeOrderAction(giftForm(offer.id, { recipient })), 'recipient')).toMatch(why);
    expect(await ordersOf(giver.id)).toEqual([]);
    const db = await getDb();
    expect(await db.select().from(giftOffers).where(eq(giftOffers.giverId, giver.id))).toEqual([]);
  });
});
