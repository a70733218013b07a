import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, rows } from '@/db/index';
import { createOffer, createPrimeMember, createSeller, createUser } from '@/db/seed/factories';
import { createRevokedSeller } from '@/db/seed/prime';
import { addresses, giftOffers, orders, plansOfAction, shipFromLocations, users } from '@/db/schema';
import { createVerifiedUser, type AppUser } from '@/lib/accounts/queries';
import { nameField, nameStepInput } from '@/lib/auth/schemas';
import { caseStateAction, lateReturnAction, staffRefundAction } from '@/lib/customer-service/actions';
import { acceptGiftAction, blockSenderAction, convertGiftAction, declineGiftAction } from '@/lib/gifts/actions';
import { sellerReplyAction, staffMessageSellerAction } from '@/lib/messaging/actions';
import { cancelGiftAction, placeOrderAction as placeOrderActionTyped } from '@/lib/orders/actions';
import { approvePlanAction, rejectPlanAction, submitPlanAction, whatIfAction } from '@/lib/prime/actions';
import { markReturnReceivedAction, refundReturnAction } from '@/lib/returns/actions';
import { appealClaimAction, decideClaimAction, fileClaimAction, requestClaimInfoAction, respondToClaimAction } from '@/lib/safet/actions';
import { buyLabelAction, createApiKeyAction, getRatesAction, recordExternalShipmentAction, revokeApiKeyAction, voidLabelAction } from '@/lib/shipments/actions';
import { saveHandlingAction, saveOfferProfileAction, saveServicesAction, saveShipFromAction, saveTemplateAction } from '@/lib/shipping/actions';
import { card, giftOfferOf, outboxFor, sendGift, uniqueEmail } from '@/test/support/gift-fixtures';
import { loosely, runAction, signInAs } from '@/test/support/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('@/test/support/signed-in')).sessionModule);
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

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
  // The action wrapper logs an error it did not expect as "[action]" before answering "Something went wrong" (what a
  // 500 looked like): none may happen here.
  expect(unexpected.mock.calls.filter((c) => String(c[0]).startsWith('[action]'))).toEqual([]);
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

// The seller's and ops' server actions, with hostile values in each text field, ids that are not ids, values of the
// wrong type and bodies that are not forms: each answer is a field error for that field (or, for a body that is not
// a form at all, a refusal with a sentence), never "Something went wrong"; and nothing is stored for that seller.
type ActionFn = (body: unknown) => Promise<unknown>;
// `text`: fields a person types; `numbers`: fields typed as numbers (a number is a right type for them); `ids`: ids
// from hidden fields or links.
type HostileCase = { action: string; run: ActionFn; base: () => Record<string, unknown>; text?: string[]; numbers?: string[]; ids?: string[] };

const BAD_IDS: [string, unknown][] = [
  ['"null"', 'null'],
  ['an SQL fragment', "1' or '1'='1"],
  ['a path', '../../etc/passwd'],
  ['NUL', '\u0000'],
  ['an empty string', ''],
  ['a number', 42],
  ['an object', { $gt: '' }],
  ['an array', ['x']],
  ['a 100,000-character value', 'a'.repeat(100_000)],
];
const WRONG_TYPES: [string, unknown][] = [
  ['a number', 42],
  ['an object', { toString: 'x' }],
  ['an array', ['x', 'y']],
  ['null', null],
];

async function storedFor(sellerId: string, staffId: string) {
  const db = await getDb();
  const count = async (table: string, column = 'seller_id', who = sellerId) =>
    rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${who}::uuid`))[0].n;
  const out: Record<string, number> = {};
  for (const t of ['shipping_api_keys', 'ship_from_locations', 'shipping_templates', 'plans_of_action', 'seller_carrier_services', 'order_handling_cutoffs', 'offer_shipping_profiles', 'shipments', 'safet_claims', 'buyer_seller_messages', 'refunds', 'return_requests'])
    out[t] = await count(t);
  out.case_actions = await count('case_actions', 'staff_user_id', staffId);
  out.reviewed_plans = await count('plans_of_action', 'reviewer_id', staffId);
  return out;
}

describe('seller and ops actions: hostile bodies get a field error and store nothing', () => {
  let sellerUser: AppUser, staff: AppUser;
  let seller: { id: string }, offer: { id: string }, loc: { id: string }, plan: { id: string };
  beforeAll(async () => {
    ({ user: sellerUser, seller } = await createSeller({ timeZone: 'America/New_York' }));
    staff = await createUser({ role: 'ops', name: 'Olive Ops' });
    offer = await createOffer({ sellerId: seller.id });
    const db = await getDb();
    [loc] = await db
      .insert(shipFromLocations)
      .values({ sellerId: seller.id, name: 'Newark warehouse', line1: '200 Port St', city: 'Newark', state: 'NJ', zip: '07114', zip3: '071', timeZone: 'America/New_York', isDefault: true })
      .returning();
    // Revoked, so a plan of action may be submitted; another revoked seller's plan waits for ops.
    await createRevokedSeller(db, { sellerId: seller.id, days: 5, perDay: 2 });
    const { seller: other } = await createSeller();
    await createRevokedSeller(db, { sellerId: other.id, days: 5, perDay: 2 });
    [plan] = await db
      .insert(plansOfAction)
      .values({ sellerId: other.id, problem: 'Labels bought outside Buy Shipping.', rootCause: 'Our own carrier account.', preventiveSteps: 'Closed it.', snapshot: { evaluatedOn: null, metrics: [], defectOrderIds: [] } })
      .returning();
  });
  const uuid = () => randomUUID();
  const long = (s: string) => `${s} `.repeat(5);

  const SELLER: HostileCase[] = [
    { action: 'submitPlan', run: loosely(submitPlanAction), base: () => ({ problem: long('Late labels'), rootCause: long('Own account'), preventiveSteps: long('Buy Shipping') }), text: ['problem', 'rootCause', 'preventiveSteps'] },
    { action: 'whatIf', run: loosely(whatIfAction), base: () => ({ shipFromId: loc.id, services: '', weekdayCutoff: '14:00', saturdayCutoff: '10:30' }), text: ['weekdayCutoff', 'saturdayCutoff'], ids: ['shipFromId'] },
    { action: 'getRates', run: loosely(getRatesAction), base: () => ({ orderId: uuid() }), ids: ['orderId'] },
    { action: 'buyLabel', run: loosely(buyLabelAction), base: () => ({ requestToken: uuid(), rateId: 'usps_ground' }), text: ['rateId'], ids: ['requestToken'] },
    { action: 'voidLabel', run: loosely(voidLabelAction), base: () => ({ shipmentId: uuid() }), ids: ['shipmentId'] },
    { action: 'recordExternalShipment', run: loosely(recordExternalShipmentAction), base: () => ({ orderId: uuid(), carrierId: 'UPS', carrierServiceId: '', trackingId: '1Z999AA10123456784' }), text: ['trackingId', 'carrierServiceId'], ids: ['orderId'] },
    { action: 'createApiKey', run: loosely(createApiKeyAction), base: () => ({ name: 'ShipStation' }), text: ['name'] },
    { action: 'revokeApiKey', run: loosely(revokeApiKeyAction), base: () => ({ keyId: uuid() }), ids: ['keyId'] },
    { action: 'saveShipFrom', run: loosely(saveShipFromAction), base: () => ({ name: 'Annex', line1: '1 Dock Rd', city: 'Newark', state: 'NJ', zip: '07114', saturdayOperations: 'on' }), text: ['name', 'line1', 'line2', 'city', 'state', 'zip', 'timeZone'], ids: ['id'] },
    {
      action: 'saveHandling',
      run: loosely(saveHandlingAction),
      base: () => ({ shipFromId: loc.id, carrier: 'UPS', days: Array.from({ length: 7 }, (_, weekday) => ({ weekday, operating: weekday > 0, orderCutoff: '14:00', lastPickup: '17:00' })) }),
      ids: ['shipFromId'],
    },
    { action: 'saveTemplate', run: loosely(saveTemplateAction), base: () => ({ name: 'Two-day east', sizeTier: 'standard', shipFromId: loc.id, automated: 'on', regions: [] }), text: ['name'], ids: ['shipFromId', 'id'] },
    { action: 'saveOfferProfile', run: loosely(saveOfferProfileAction), base: () => ({ offerId: offer.id, lengthIn: '10', widthIn: '8', heightIn: '4', weightLb: '2' }), numbers: ['lengthIn', 'weightLb'], ids: ['offerId', 'templateId'] },
    { action: 'markReturnReceived', run: loosely(markReturnReceivedAction), base: () => ({ returnId: uuid() }), ids: ['returnId'] },
    { action: 'refundReturn', run: loosely(refundReturnAction), base: () => ({ returnId: uuid() }), ids: ['returnId'] },
    { action: 'fileClaim', run: loosely(fileClaimAction), base: () => ({ refundId: uuid(), reason: 'no_return', amountCents: '25', evidence: long('No return'), attested: 'on' }), text: ['amountCents', 'evidence'], ids: ['refundId'] },
    { action: 'respondToClaim', run: loosely(respondToClaimAction), base: () => ({ claimId: uuid(), body: 'Tracking shows delivered.' }), text: ['body'], ids: ['claimId'] },
    { action: 'appealClaim', run: loosely(appealClaimAction), base: () => ({ claimId: uuid(), body: 'Please look again.' }), text: ['body'], ids: ['claimId'] },
    { action: 'sellerReply', run: loosely(sellerReplyAction), base: () => ({ threadId: uuid(), body: 'It ships Monday.' }), text: ['body'], ids: ['threadId'] },
  ];
  const OPS: HostileCase[] = [
    { action: 'staffRefund', run: loosely(staffRefundAction), base: () => ({ orderId: uuid(), requestKey: uuid(), kind: 'partial', amount: '5', reason: 'Scratched on arrival' }), text: ['amount', 'reason'], ids: ['orderId', 'requestKey'] },
    { action: 'lateReturn', run: loosely(lateReturnAction), base: () => ({ orderId: uuid(), reason: 'Buyer was in hospital' }), text: ['reason'], ids: ['orderId'] },
    { action: 'caseState', run: loosely(caseStateAction), base: () => ({ orderId: uuid(), open: '0', reason: 'Resolved' }), text: ['reason'], ids: ['orderId'] },
    { action: 'approvePlan', run: loosely(approvePlanAction), base: () => ({ planId: plan.id, note: 'Thanks, approved.' }), text: ['note'], ids: ['planId'] },
    { action: 'rejectPlan', run: loosely(rejectPlanAction), base: () => ({ planId: plan.id, reasons: 'Not specific enough.' }), text: ['reasons'], ids: ['planId'] },
    { action: 'requestClaimInfo', run: loosely(requestClaimInfoAction), base: () => ({ claimId: uuid(), body: 'Send the tracking, please.' }), text: ['body'], ids: ['claimId'] },
    { action: 'decideClaim', run: loosely(decideClaimAction), base: () => ({ claimId: uuid(), outcome: 'denied', note: 'No evidence of abuse.' }), text: ['note'], ids: ['claimId'] },
    { action: 'staffMessageSeller', run: loosely(staffMessageSellerAction), base: () => ({ orderId: uuid(), body: 'Where is this parcel?' }), text: ['body'], ids: ['orderId'] },
  ];

  const expectRefused = (res: unknown, what: string) => {
    expect(res, what).toMatchObject({ ok: false });
    expect((res as { error: string }).error, what).not.toMatch(/Something went wrong/);
  };

  for (const [who, cases] of [
    ['seller', SELLER],
    ['ops', OPS],
  ] as const) {
    describe(who, () => {
      it.each(cases.map((c) => [c.action, c] as const))('%s', async (_, c) => {
        signInAs(who === 'seller' ? sellerUser : staff);
        const before = await storedFor(seller.id, staff.id);
        const tries: [string, string, unknown][] = [
          ...(c.text ?? []).flatMap((field) => [...HOSTILE, ...WRONG_TYPES].map(([kind, value]) => [field, `${kind} in ${field}`, value] as [string, string, unknown])),
          ...(c.numbers ?? []).flatMap((field) => [...HOSTILE, ...WRONG_TYPES.filter(([, v]) => typeof v !== 'number')].map(([kind, value]) => [field, `${kind} in ${field}`, value] as [string, string, unknown])),
          // An empty optional id means "a new one", a value these forms send on purpose: not a hostile one.
          ...(c.ids ?? []).flatMap((field) => BAD_IDS.filter(([, v]) => v !== '' || !['id', 'templateId'].includes(field)).map(([kind, value]) => [field, `${kind} as ${field}`, value] as [string, string, unknown])),
        ];
        for (const [field, what, value] of tries) {
          const res = await runAction(c.run({ ...c.base(), [field]: value }));
          expectRefused(res, `${c.action}: ${what}`);
          expect((res as { fieldErrors?: Record<string, unknown> }).fieldErrors?.[field], `${c.action}: ${what}`).toEqual(expect.arrayContaining([expect.any(String)]));
        }
        for (const body of [null, undefined, 'x', 42, [], [1, 2], { __proto__: { x: 1 } }]) expectRefused(await runAction(c.run(body)), `${c.action}(${JSON.stringify(body)})`);
        // Multipart form data with a file where text belongs.
        const fd = new FormData();
        for (const field of [...(c.text ?? []), ...(c.numbers ?? []), ...(c.ids ?? [])]) fd.set(field, new Blob(['x']), 'evil.txt');
        expectRefused(await runAction(c.run(fd)), `${c.action}(file)`);
        expect(await storedFor(seller.id, staff.id)).toEqual(before);
      });
    });
  }

  it('the nested values of shipping settings too: services, handling days, template regions', async () => {
    signInAs(sellerUser);
    const before = await storedFor(seller.id, staff.id);
    for (const [kind, value] of [...HOSTILE, ...WRONG_TYPES]) {
      const services = await runAction(loosely(saveServicesAction)({ services: [{ serviceId: value, enabled: 'on', maxZone: '5' }] }));
      expectRefused(services, `saveServices: ${kind} as a service id`);
      expect((services as { fieldErrors?: Record<string, unknown> }).fieldErrors?.['services.0.serviceId'], `saveServices: ${kind}`).toEqual(expect.arrayContaining([expect.any(String)]));
      const days = Array.from({ length: 7 }, (_, weekday) => ({ weekday, operating: 'on', orderCutoff: weekday === 2 ? value : '14:00', lastPickup: '17:00' }));
      const handling = await runAction(loosely(saveHandlingAction)({ shipFromId: loc.id, carrier: 'UPS', days }));
      expectRefused(handling, `saveHandling: ${kind} as a cut-off`);
      expect((handling as { fieldErrors?: Record<string, unknown> }).fieldErrors?.['days.2.orderCutoff'], `saveHandling: ${kind}`).toEqual(expect.arrayContaining([expect.any(String)]));
      const template = await runAction(loosely(saveTemplateAction)({ name: 'East', sizeTier: 'standard', shipFromId: loc.id, regions: [{ kind: 'state', code: value, level: 'two_day' }] }));
      expectRefused(template, `saveTemplate: ${kind} as a region`);
      expect((template as { fieldErrors?: Record<string, unknown> }).fieldErrors?.['regions.0.code'], `saveTemplate: ${kind}`).toEqual(expect.arrayContaining([expect.any(String)]));
    }
    expect(await storedFor(seller.id, staff.id)).toEqual(before);
  });
});
