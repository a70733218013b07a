import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/index';
import { createOffer, createSeller, createUser } from '@/db/seed/factories';
import { sfpOrderFacts } from '@/db/schema';
import { decideGift } from '@/lib/gifts/commands';
import { placeOrder } from '@/lib/orders/checkout';
import { localDateOf } from '@/lib/calendar';
import { generateFacts } from '@/db/seed/prime';
import { applyPrimeStatusChanges } from '@/lib/catalog/prime-status';
import { CARRIER_SERVICES } from '@/lib/shipping/carriers';
import { saveHandlingAction as saveHandlingTyped, saveServicesAction as saveServicesTyped, saveShipFromAction as saveShipFromTyped, saveTemplateAction as saveTemplateTyped, saveOfferProfileAction as saveOfferProfileTyped, promiseForZipAction } from '@/lib/shipping/actions';
import { formatPromiseDate } from '@/lib/shipping/rules';
import { coverageBySeller, sellerOperationsSummary } from '@/lib/shipping/operations';
import { getOrderPromise, getOrderPromises, promiseForOffer } from '@/lib/shipping/promise';
import { getShippingSettings } from '@/lib/shipping/settings';
import { buyerPromise, primeBadges } from '@/lib/shipping/buyer';
import { getOfferBySlug, getOfferCards } from '@/lib/catalog/queries';
import { getTemplate, listTemplates } from '@/lib/shipping/templates';
import { selfCheckout, sendGift, shipTo } from '@/test/support/gift-fixtures';
import { loosely, signInAs } from '@/test/support/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('@/test/support/signed-in')).sessionModule);
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const saveShipFrom = loosely(saveShipFromTyped);
const saveHandling = loosely(saveHandlingTyped);
const saveServices = loosely(saveServicesTyped);
const saveTemplate = loosely(saveTemplateTyped);
const saveOfferProfile = loosely(saveOfferProfileTyped);
const promiseForZip = loosely(promiseForZipAction);

afterEach(() => signInAs(null));

const week = (cutoff: string, pickup: string, weekend = { cutoff: '11:00', pickup: '14:00' }) =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => (weekday === 0 || weekday === 6 ? { weekday, operating: weekday === 6, orderCutoff: weekend.cutoff, lastPickup: weekend.pickup } : { weekday, operating: true, orderCutoff: cutoff, lastPickup: pickup }));

// A Prime seller set up through the same actions the settings page posts to.
async function setUpSeller(opts: { zip?: string; services?: { serviceId: string; enabled: boolean; maxZone: number }[] } = {}) {
  const { user, seller } = await createSeller({ primeEligible: true });
  signInAs(user);
  const loc = await saveShipFrom({ name: 'Main warehouse', line1: '4800 Dahlia St', city: 'Denver', state: 'CO', zip: opts.zip ?? '80216', timeZone: '', saturdayOperations: 'on' });
  expect(loc.ok).toBe(true);
  const shipFromId = (loc as { data: { id: string } }).data.id;
  const services = opts.services ?? [
    { serviceId: 'ups-ground', enabled: true, maxZone: 8 },
    { serviceId: 'ups-2nd-day-air', enabled: true, maxZone: 8 },
  ];
  expect((await saveServices({ services })).ok).toBe(true);
  expect((await saveHandling({ shipFromId, carrier: 'UPS', days: week('15:00', '17:00') })).ok).toBe(true);
  return { user, seller, shipFromId };
}

describe('shipping settings actions', () => {
  it('derives the time zone from the ZIP and refuses a ZIP we do not know', async () => {
    const { seller } = await setUpSeller();
    const s = await getShippingSettings(seller.id);
    expect(s.locations).toHaveLength(1);
    expect(s.locations[0]).toMatchObject({ zip3: '802', timeZone: 'America/Denver', saturdayOperations: true, sundayOperations: false, isDefault: true });
    const bad = await saveShipFrom({ name: 'X', line1: '1 Road', city: 'Nowhere', state: 'CO', zip: '00000' });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { zip: [expect.stringContaining('don’t know that ZIP')] } });
  });

  it('a weekday cut-off of 13:00 is refused for a Prime seller, with the reason on the field', async () => {
    const { shipFromId } = await setUpSeller();
    const days = week('15:00', '17:00');
    days[2] = { weekday: 2, operating: true, orderCutoff: '13:00', lastPickup: '17:00' };
    const r = await saveHandling({ shipFromId, carrier: 'UPS', days });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('weekday cut-off of 14:00 or later');
    expect(r.fieldErrors?.['days.2.orderCutoff']?.[0]).toContain('14:00');
  });

  it('a Saturday cut-off before 10:30 and a pickup before the cut-off are refused; a pickup before 16:00 is saved with a warning', async () => {
    const { shipFromId, seller } = await setUpSeller();
    const early = await saveHandling({ shipFromId, carrier: 'UPS', days: week('15:00', '17:00', { cutoff: '10:00', pickup: '14:00' }) });
    expect(early).toMatchObject({ ok: false, fieldErrors: { 'days.6.orderCutoff': [expect.stringContaining('10:30')] } });
    const before = await saveHandling({ shipFromId, carrier: 'UPS', days: week('15:00', '14:30') });
    expect(before).toMatchObject({ ok: false, fieldErrors: { 'days.1.lastPickup': [expect.stringContaining('before the order cut-off')] } });
    const warn = await saveHandling({ shipFromId, carrier: 'UPS', days: week('14:00', '15:30') });
    expect(warn.ok).toBe(true);
    expect((warn as { data: { warnings: string[] } }).data.warnings[0]).toMatch(/^Monday: A pickup before 16:00/);
    const saved = (await getShippingSettings(seller.id)).locations[0].handling.find((h) => h.carrier === 'UPS')!;
    expect(saved.saved).toBe(true);
    expect(saved.days[1]).toEqual({ weekday: 1, operating: true, orderCutoff: '14:00', lastPickup: '15:30' });
  });

  it('a seller not in the Prime program may keep an early cut-off, told it is a Prime requirement, not “Needs attention”; a malformed time is refused', async () => {
    const { user, seller } = await createSeller({ primeEligible: false });
    signInAs(user);
    const loc = (await saveShipFrom({ name: 'Shop', line1: '1 Main', city: 'Austin', state: 'TX', zip: '78701' })) as { ok: true; data: { id: string } };
    expect((await saveServices({ services: [{ serviceId: 'usps-ground-advantage', enabled: true, maxZone: 8 }] })).ok).toBe(true);
    const saved = await saveHandling({ shipFromId: loc.data.id, carrier: 'USPS', days: week('12:00', '17:00') });
    expect(saved.ok).toBe(true);
    expect((saved as { data: { warnings: string[] } }).data.warnings[0]).toBe('Monday: Seller Fulfilled Prime requires a weekday cut-off of 14:00 or later. You’re not in the program, so it is saved as it is; move it before you start a Prime trial.');
    const usps = () => getShippingSettings(seller.id).then((s) => s.locations[0].handling.find((h) => h.carrier === 'USPS')!);
    const notInProgram = await usps();
    expect(notInProgram.issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(notInProgram.notes).toHaveLength(5);
    // Once the seller starts a trial the same week needs attention: the Prime rules now bind them.
    expect(await applyPrimeStatusChanges(await getDb(), [{ sellerId: seller.id, from: 'not_enrolled', to: 'trial' }], new Date())).toEqual([seller.id]);
    const inTrial = await usps();
    expect(inTrial.issues.filter((i) => i.level === 'error').map((i) => i.weekday)).toEqual([1, 2, 3, 4, 5]);
    expect(inTrial.notes).toEqual([]);
    const days = week('12:00', '17:00');
    days[3].orderCutoff = '25:00';
    expect(await saveHandling({ shipFromId: loc.data.id, carrier: 'USPS', days })).toMatchObject({ ok: false, fieldErrors: { 'days.3.orderCutoff': [expect.stringContaining('24-hour time')] } });
  });

  it('another seller’s location, template and offer are not found', async () => {
    const a = await setUpSeller();
    const created = (await saveTemplate({ name: 'A standard', sizeTier: 'standard', shipFromId: a.shipFromId, automated: true })) as { ok: true; data: { id: string } };
    expect(created.ok).toBe(true);
    const offerOfA = await createOffer({ sellerId: a.seller.id });

    const b = await setUpSeller();
    expect(await getTemplate(b.seller.id, created.data.id)).toBeNull();
    expect((await listTemplates(b.seller.id)).map((t) => t.id)).not.toContain(created.data.id);
    expect(await saveTemplate({ id: created.data.id, name: 'Mine now', sizeTier: 'standard', shipFromId: b.shipFromId, automated: true })).toMatchObject({ ok: false, error: 'That template could not be found.' });
    expect(await saveHandling({ shipFromId: a.shipFromId, carrier: 'UPS', days: week('15:00', '17:00') })).toMatchObject({ ok: false, error: 'That ship-from location could not be found.' });
    expect(await saveShipFrom({ id: a.shipFromId, name: 'Taken', line1: '1 Main', city: 'Austin', state: 'TX', zip: '78701' })).toMatchObject({ ok: false, error: 'That ship-from location could not be found.' });
    // B's template on A's ship-from is refused too.
    expect(await saveTemplate({ name: 'Sneaky', sizeTier: 'standard', shipFromId: a.shipFromId, automated: true })).toMatchObject({ ok: false, fieldErrors: { shipFromId: [expect.any(String)] } });
    expect(await saveOfferProfile({ offerId: offerOfA.id, lengthIn: 10, widthIn: 8, heightIn: 4, weightLb: 2 })).toMatchObject({ ok: false, error: 'That offer could not be found.' });
    // A buyer can't reach the seller actions at all.
    signInAs(await createUser());
    expect(await saveTemplate({ name: 'x', sizeTier: 'standard', shipFromId: a.shipFromId, automated: true })).toMatchObject({ ok: false });
  });
});

describe('templates: automation (S20) and coverage', () => {
  it('an automated template covers the country; dropping the air service recomputes it and lowers two-day coverage', async () => {
    const { seller, shipFromId } = await setUpSeller();
    const r = (await saveTemplate({ name: 'Auto', sizeTier: 'standard', shipFromId, automated: true })) as { ok: true; data: { id: string } };
    const t = (await getTemplate(seller.id, r.data.id))!;
    expect(t.isDefault).toBe(true);
    expect(t.nationwide).toBe(true);
    expect(t.twoDayShare).toBeCloseTo(1, 5);
    expect(t.promises.length).toBeGreaterThan(900);

    expect((await saveServices({ services: [{ serviceId: 'ups-2nd-day-air', enabled: false, maxZone: 8 }] })).ok).toBe(true);
    const after = (await getTemplate(seller.id, r.data.id))!;
    expect(after.twoDayShare).toBeLessThan(0.3);
    expect(after.nationwide).toBe(true);

    // A zone limit on ground leaves far states out, and names them.
    expect((await saveServices({ services: [{ serviceId: 'ups-ground', enabled: true, maxZone: 4 }] })).ok).toBe(true);
    const limited = (await getTemplate(seller.id, r.data.id))!;
    expect(limited.nationwide).toBe(false);
    expect(limited.missingStates).toContain('NY');

    const cov = await coverageBySeller([seller.id]);
    expect(cov.get(seller.id)).toMatchObject({ nationwide: false, standardTemplates: 1 });
    expect(cov.get(seller.id)!.missingStates).toEqual(limited.missingStates);
  });

  it('a hand-made template by state and ZIP3 is refused without regions and stores its coverage', async () => {
    const { seller, shipFromId } = await setUpSeller();
    expect(await saveTemplate({ name: 'Manual', sizeTier: 'standard', shipFromId, automated: false, regions: [] })).toMatchObject({ ok: false, fieldErrors: { regions: [expect.any(String)] } });
    const r = (await saveTemplate({
      name: 'Manual',
      sizeTier: 'standard',
      shipFromId,
      automated: false,
      regions: [
        { kind: 'state', code: 'CO', level: 'two_day' },
        { kind: 'zip3', code: '802', level: 'one_day' },
      ],
    })) as { ok: true; data: { id: string } };
    expect(r.ok).toBe(true);
    const t = (await getTemplate(seller.id, r.data.id))!;
    expect(t.oneDayShare).toBeGreaterThan(0);
    expect(t.oneDayShare).toBeLessThan(0.02);
    expect(t.missingStates).toHaveLength(48); // everything but Colorado
    expect(t.promises.find((p) => p.zip3 === '802')!.level).toBe('one_day');
  });

  it('creating or changing a template shows its promise on the product page at once (no stale cached promise)', async () => {
    const { seller, shipFromId } = await setUpSeller();
    const offer = await createOffer({ sellerId: seller.id });
    const shown = () => promiseForOffer({ offerId: offer.id, sellerId: seller.id, sizeTier: 'standard', sellerPrimeEligible: true, zip: '78701' });
    // No template yet: standard delivery, and the plan is now cached for this offer and ZIP3.
    expect(await shown()).toMatchObject({ level: 'standard', covered: false, prime: false });
    const r = (await saveTemplate({ name: 'Texas two-day', sizeTier: 'standard', shipFromId, automated: false, regions: [{ kind: 'state', code: 'TX', level: 'two_day' }] })) as { ok: true; data: { id: string } };
    expect(r.ok).toBe(true);
    expect(await shown()).toMatchObject({ level: 'two_day', covered: true, prime: true });
    // The seller downgrades Texas to standard: the page follows.
    expect((await saveTemplate({ id: r.data.id, name: 'Texas two-day', sizeTier: 'standard', shipFromId, automated: false, isDefault: true, regions: [{ kind: 'state', code: 'TX', level: 'standard' }] })).ok).toBe(true);
    expect(await shown()).toMatchObject({ level: 'standard', covered: true, prime: false });
  });

  it('operations summary: six days, compliant cut-offs and weekend delivery services', async () => {
    const { seller } = await setUpSeller({ services: [{ serviceId: 'ups-ground', enabled: true, maxZone: 8 }, { serviceId: 'ups-2nd-day-air', enabled: true, maxZone: 8 }] });
    const s = (await sellerOperationsSummary([seller.id])).get(seller.id)!;
    expect(s.operatingDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.weekendOperations).toBe(true);
    expect(s.cutoffCompliant).toBe(true);
    expect(s.weekendDeliveryServices).toEqual(['ups-2nd-day-air']);
  });
});

describe('demo history', () => {
  it('the generated SFP facts name carrier services that exist', async () => {
    const { seller } = await createSeller();
    await generateFacts(await getDb(), [{ sellerId: seller.id, profile: { perDay: 3 } }], { toDay: localDateOf(new Date(), 'UTC'), days: 2 });
    const db = await getDb();
    const facts = await db.select({ serviceId: sfpOrderFacts.carrierServiceId }).from(sfpOrderFacts).where(eq(sfpOrderFacts.sellerId, seller.id));
    expect(facts.length).toBeGreaterThan(0);
    const known = new Set(CARRIER_SERVICES.map((c) => c.id));
    expect([...new Set(facts.map((f) => f.serviceId))].filter((id) => id !== null && !known.has(id))).toEqual([]);
    expect(facts.some((f) => f.serviceId !== null)).toBe(true);
  });
});

describe('the Prime badge (S2): offer lists follow the product page', () => {
  it('a card shows the badge only where the product page does: eligible seller, free shipping and a promise of two days or less', async () => {
    const fast = await setUpSeller();
    expect((await saveTemplate({ name: 'Auto', sizeTier: 'standard', shipFromId: fast.shipFromId, automated: true })).ok).toBe(true);
    const withTemplate = await createOffer({ sellerId: fast.seller.id });
    // Eligible, but no Prime template: standard delivery, so no badge even though the seller is eligible.
    const slow = await setUpSeller();
    const withoutTemplate = await createOffer({ sellerId: slow.seller.id });
    const notEligible = await createOffer({ sellerId: (await createSeller({ primeEligible: false })).seller.id });
    const summaries = await Promise.all([withTemplate, withoutTemplate, notEligible].map(async (o) => (await getOfferBySlug(o.slug))!));
    expect(summaries.map((o) => o.prime)).toEqual([true, true, false]);

    const badges = await primeBadges(summaries, '78701');
    expect([...badges]).toEqual([withTemplate.id]);
    for (const o of summaries) expect(badges.has(o.id)).toBe(!!(await buyerPromise(o, '78701'))?.prime);
    // A ZIP we can't give a promise for shows no badge anywhere.
    expect((await primeBadges(summaries, '00000')).size).toBe(0);
  });
});

describe('checkout: the promise for a ZIP the buyer types', () => {
  it('answers the same promise as the product page, refuses a ZIP we do not know, and needs a signed-in account', async () => {
    const { seller, shipFromId } = await setUpSeller();
    expect((await saveTemplate({ name: 'Auto', sizeTier: 'standard', shipFromId, automated: true })).ok).toBe(true);
    const created = await createOffer({ sellerId: seller.id });
    const offer = (await getOfferBySlug(created.slug))!;
    signInAs(null);
    expect((await promiseForZip({ offerId: offer.id, zip: '94105' })).ok).toBe(false);
    signInAs(await createUser());
    const r = await promiseForZip({ offerId: offer.id, zip: '94105' });
    const page = (await buyerPromise(offer, '94105'))!;
    expect(r).toMatchObject({ ok: true, data: { zip: '94105', source: 'entered', prime: page.prime, date: formatPromiseDate(page.deliveryDate) } });
    expect(await promiseForZip({ offerId: offer.id, zip: '00000' })).toMatchObject({ ok: false, fieldErrors: { zip: [expect.stringContaining('don’t know that ZIP')] } });
  });
});

describe('the promise on orders', () => {
  it('an own order records its promise and the SFP fact with the same dates; the product-page promise agrees', async () => {
    const { seller, shipFromId } = await setUpSeller();
    expect((await saveTemplate({ name: 'Auto', sizeTier: 'standard', shipFromId, automated: true })).ok).toBe(true);
    const offer = await createOffer({ sellerId: seller.id, stock: 5 });
    const buyer = await createUser();
    signInAs(null);
    const shown = await promiseForOffer({ offerId: offer.id, sellerId: seller.id, sizeTier: 'standard', sellerPrimeEligible: true, zip: '78701' });
    expect(shown).not.toBeNull();
    const { orderId } = await placeOrder(buyer, selfCheckout(offer.id));
    const p = (await getOrderPromise(orderId, seller.id))!;
    expect(p).toMatchObject({ destinationZip3: '787', level: 'two_day', isPrime: true, carrierServiceId: 'ups-2nd-day-air' });
    expect(p.expectedShipDate >= localDateOf(p.orderedAt, 'America/Denver')).toBe(true);
    expect(p.promisedDeliveryDate > p.expectedShipDate).toBe(true);
    // The page and the order, moments apart, promise the same day (unless a cut-off passed in between).
    if (localDateOf(new Date(), 'America/Denver') === localDateOf(p.orderedAt, 'America/Denver')) expect(p.promisedDeliveryDate).toBe(shown!.deliveryDate);
    const db = await getDb();
    const [fact] = await db.select().from(sfpOrderFacts).where(and(eq(sfpOrderFacts.orderId, orderId), eq(sfpOrderFacts.sellerId, seller.id)));
    expect(fact).toMatchObject({ isPrime: true, expectedShipDate: p.expectedShipDate, promisedDeliveryDate: p.promisedDeliveryDate, carrierServiceId: 'ups-2nd-day-air' });
    expect(fact.latestShipAt!.getTime()).toBe(p.latestShipAt.getTime());
    expect((await getOrderPromises([orderId, orderId])).map((x) => x.orderId)).toEqual([orderId]);
    expect(await getOrderPromise(orderId, (await createSeller()).seller.id)).toBeNull();
  });

  it('an oversize parcel gets its oversize template’s promise, or none: the tier saved with the dimensions is the one the promise uses', async () => {
    const { seller, shipFromId, user } = await setUpSeller();
    expect((await saveTemplate({ name: 'Standard auto', sizeTier: 'standard', shipFromId, automated: true })).ok).toBe(true);
    const created = await createOffer({ sellerId: seller.id, stock: 5 });
    // 30 x 20 x 10 in, 25 lb: oversize.
    expect(await saveOfferProfile({ offerId: created.id, lengthIn: 30, widthIn: 20, heightIn: 10, weightLb: 25 })).toMatchObject({ ok: true, data: { sizeTier: 'oversize' } });
    const offer = (await getOfferBySlug(created.slug))!;
    expect(offer).toMatchObject({ sizeClass: 'oversize', prime: true });
    // Buy Shipping quotes the weight the seller entered.
    expect((await getOfferCards([created.id])).get(created.id)?.weightOz).toBe(400);

    // No oversize template yet: standard delivery, no Prime promise or badge, on the page and on the order.
    const page = (await buyerPromise(offer, '78701'))!;
    expect(page).toMatchObject({ level: 'standard', covered: false, prime: false });
    signInAs(null);
    const { orderId } = await placeOrder(await createUser(), selfCheckout(created.id));
    expect(await getOrderPromise(orderId, seller.id)).toMatchObject({ level: 'standard', isPrime: false });
    const db = await getDb();
    const [fact] = await db.select().from(sfpOrderFacts).where(and(eq(sfpOrderFacts.orderId, orderId), eq(sfpOrderFacts.sellerId, seller.id)));
    expect(fact).toMatchObject({ sizeTier: 'oversize', isPrime: false });

    // An oversize template: the parcel gets its promise (and the standard template is still not used for it).
    signInAs(user);
    const big = (await saveTemplate({ name: 'Oversize auto', sizeTier: 'oversize', shipFromId, automated: true })) as { ok: true; data: { id: string } };
    expect(big.ok).toBe(true);
    const withOversize = (await buyerPromise(offer, '78701'))!;
    expect(withOversize).toMatchObject({ covered: true, level: 'two_day', prime: true });
    // Choosing the standard template for an oversize parcel is refused.
    const standardId = (await listTemplates(seller.id)).find((t) => t.sizeTier === 'standard')!.id;
    expect(await saveOfferProfile({ offerId: created.id, lengthIn: 30, widthIn: 20, heightIn: 10, weightLb: 25, templateId: standardId })).toMatchObject({ ok: false, fieldErrors: { templateId: ['Choose an oversize template.'] } });
    // Back to a small parcel: standard tier on the catalog offer again.
    expect(await saveOfferProfile({ offerId: created.id, lengthIn: 12, widthIn: 9, heightIn: 6, weightLb: 2, templateId: standardId })).toMatchObject({ ok: true, data: { sizeTier: 'standard' } });
    expect((await getOfferBySlug(created.slug))!.sizeClass).toBe('standard');
  });

  it('a seller with no shipping settings still gets a stated, conservative standard promise', async () => {
    const offer = await createOffer({ stock: 5 });
    const { orderId } = await placeOrder(await createUser(), selfCheckout(offer.id));
    const [p] = await getOrderPromises([orderId]);
    expect(p).toMatchObject({ level: 'standard', isPrime: false, carrierServiceId: 'usps-ground-advantage', zone: 8, shipFromId: null });
  });

  it('a gift gets its promise when the recipient accepts with an address, not before', async () => {
    const sent = await sendGift();
    expect(await getOrderPromises([sent.orderId])).toEqual([]);
    const recipient = await createUser({ email: sent.contact });
    await decideGift(recipient, sent.giftOfferId, 'accept', shipTo);
    const [p] = await getOrderPromises([sent.orderId]);
    expect(p).toMatchObject({ orderId: sent.orderId, destinationZip3: '070' });
  });
});
