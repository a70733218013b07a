import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/index';
import { createSeller } from '@/db/seed/factories';
import { safetReminders, sellerAccountEntries, sfpOrderFacts } from '@/db/schema';
import { config } from '@/lib/config';
import { getDashboard } from '@/lib/prime/dashboard';
import { listDefects } from '@/lib/prime/defects';
import { countOrderMetricsSql } from '@/lib/prime/evaluation';
import { staffRefund } from '@/lib/customer-service/commands';
import { markReturnReceived, refundReturnBySeller, requestReturn } from '@/lib/returns/commands';
import {
  appealClaim,
  autoDenyOverdueClaims,
  decideClaim,
  fileClaim,
  getSellerClaim,
  listSellerClaims,
  requestClaimInfo,
  respondToClaim,
  sendSafetDeadlineReminders,
} from '@/lib/safet/commands';
import { CARRIER_CLAIM_POINTER } from '@/lib/safet/rules';
import { postSellerEntry } from '@/lib/seller-account/ledger';
import { csvField, statementCsvStream, statementPage, statementTotals } from '@/lib/seller-account/statement';
import { outboxFor, rejection } from '@/test/support/gift-fixtures';
import { deliveredOwnOrder, requestKey, sellerEntriesFor, staffUser } from '@/test/support/post-sale';

const DAY = 86_400_000;

async function marketplaceRefund(priceCents = 4500) {
  const o = await deliveredOwnOrder({ priceCents });
  const staff = await staffUser();
  const refund = await staffRefund(staff.id, { orderId: o.orderId, kind: 'returnless', reason: 'Buyer says it never arrived', requestKey: requestKey() });
  return { ...o, staff, refund };
}

const claimInput = (refundId: string, amountCents: number) => ({
  refundId,
  reason: 'non_receipt_delivered' as const,
  amountCents,
  evidence: 'Buy Shipping tracking shows delivered to the front door on the promised day.',
  wantsReplacement: false,
  attested: true,
});

describe('SAFE-T claims (S15, S16)', () => {
  it('info requested, answered before the deadline, denied, appealed once, granted on appeal and credited once', async () => {
    const { seller, staff, refund, orderId } = await marketplaceRefund(4500);
    const t0 = new Date();
    const claim = await fileClaim(seller.user.id, claimInput(refund.id, 4500), t0);
    expect(claim).toMatchObject({ state: 'submitted', amountCents: 4500, attested: true });

    const asked = await requestClaimInfo(staff.id, claim.id, 'Please send a photo of the delivery scan.', t0);
    expect(asked.state).toBe('info_requested');
    expect(asked.respondBy!.getTime() - t0.getTime()).toBe(7 * DAY);
    expect((await outboxFor(seller.user.email!, 'safet_update')).at(-1)?.body).toMatch(/Respond before /);

    await respondToClaim(seller.user.id, claim.id, 'Photo attached: scan at 14:02.', new Date(t0.getTime() + DAY));
    const denied = await decideClaim(staff.id, claim.id, { outcome: 'denied', grantedCents: 0, note: 'Scan location does not match.' }, new Date(t0.getTime() + 2 * DAY));
    expect(denied).toMatchObject({ state: 'decided', outcome: 'denied' });
    expect(denied.appealBy!.getTime()).toBe(t0.getTime() + 9 * DAY);

    await appealClaim(seller.user.id, claim.id, 'Carrier confirmed the location in writing.', new Date(t0.getTime() + 3 * DAY));
    const second = await rejection(appealClaim(seller.user.id, claim.id, 'Again', new Date(t0.getTime() + 3 * DAY)));
    expect(second.message).toBe('A SAFE-T claim can be appealed only once.');

    const granted = await decideClaim(staff.id, claim.id, { outcome: 'granted_full', grantedCents: 4500, note: 'Carrier letter accepted.' }, new Date(t0.getTime() + 4 * DAY));
    expect(granted).toMatchObject({ state: 'final', outcome: 'granted_full', grantedCents: 4500 });
    expect((await rejection(decideClaim(staff.id, claim.id, { outcome: 'granted_full', grantedCents: 4500, note: 'again' }))).code).toBe('INVALID_STATE');

    const entries = await sellerEntriesFor(seller.seller.id, orderId);
    expect(entries.map((e) => [e.kind, e.amountCents])).toEqual([
      ['customer_refund', -4500],
      ['safet_reimbursement', 4500],
    ]);
    const thread = (await getSellerClaim(seller.seller.id, claim.id))!.thread;
    expect(thread.map((m) => m.authorRole)).toEqual(['seller', 'ops', 'seller', 'ops', 'seller', 'ops']);
  });

  it('a claim left without the requested information is denied by the job at exactly 7 days, and the appeal window closes 7 days later', async () => {
    const { seller, staff, refund } = await marketplaceRefund(3000);
    const t0 = new Date('2026-11-02T15:00:00Z');
    const claim = await fileClaim(seller.user.id, claimInput(refund.id, 3000));
    const asked = await requestClaimInfo(staff.id, claim.id, 'Send the tracking number.', t0);
    const deadline = asked.respondBy!;

    expect(await autoDenyOverdueClaims({ now: new Date(deadline.getTime() - 1) })).toBe(0);
    expect((await getSellerClaim(seller.seller.id, claim.id))!.claim.state).toBe('info_requested');
    expect((await rejection(respondToClaim(seller.user.id, claim.id, 'Too late?', deadline))).message).toBe('The time to answer has passed.');
    expect(await autoDenyOverdueClaims({ now: deadline })).toBeGreaterThanOrEqual(1);
    const after = (await getSellerClaim(seller.seller.id, claim.id))!;
    expect(after.claim).toMatchObject({ state: 'decided', outcome: 'denied' });
    expect(after.claim.appealBy!.getTime()).toBe(deadline.getTime() + 7 * DAY);
    expect(after.thread.at(-1)).toMatchObject({ authorRole: 'system' });
    expect(await autoDenyOverdueClaims({ now: new Date(deadline.getTime() + DAY) })).toBe(0);

    // The appeal window is 7 days: at its deadline an appeal is refused.
    expect((await rejection(appealClaim(seller.user.id, claim.id, 'late', after.claim.appealBy!))).message).toBe('The time to appeal has passed.');
  });

  it('a partial grant, then an appeal granted in full, credits only the difference (each stage once)', async () => {
    const { seller, staff, refund, orderId } = await marketplaceRefund(4000);
    const claim = await fileClaim(seller.user.id, claimInput(refund.id, 4000));
    await decideClaim(staff.id, claim.id, { outcome: 'granted_partial', grantedCents: 1500, note: 'Part of it' });
    await appealClaim(seller.user.id, claim.id, 'Here is the rest of the evidence.');
    await decideClaim(staff.id, claim.id, { outcome: 'granted_full', grantedCents: 4000, note: 'All of it' });
    expect((await sellerEntriesFor(seller.seller.id, orderId)).map((e) => [e.kind, e.amountCents])).toEqual([
      ['customer_refund', -4000],
      ['safet_reimbursement', 1500],
      ['safet_reimbursement', 2500],
    ]);
  });

  it('refuses lost-in-return-transit with the carrier pointer, a second claim per order, more than the refund, and the seller’s own refunds', async () => {
    const { seller, staff, refund, orderId } = await marketplaceRefund(2000);
    const transit = await rejection(fileClaim(seller.user.id, { ...claimInput(refund.id, 2000), reason: 'lost_or_damaged_in_return_transit' }));
    expect(transit.fieldErrors?.reason).toEqual([CARRIER_CLAIM_POINTER]);
    expect((await rejection(fileClaim(seller.user.id, claimInput(refund.id, 2001)))).fieldErrors?.amountCents).toBeTruthy();
    expect((await rejection(fileClaim(seller.user.id, { ...claimInput(refund.id, 2000), attested: false }))).fieldErrors?.attested).toBeTruthy();
    await fileClaim(seller.user.id, claimInput(refund.id, 2000));
    expect((await rejection(fileClaim(seller.user.id, claimInput(refund.id, 1000)))).message).toMatch(/one claim per order/);
    expect(staff.id && orderId).toBeTruthy();

    const own = await deliveredOwnOrder({ priceCents: 1000 });
    const ret = await requestReturn(own.buyer.id, { orderId: own.orderId, reason: 'defective' });
    await markReturnReceived(own.seller.user.id, ret.id);
    const sellerRefund = await refundReturnBySeller(own.seller.user.id, ret.id);
    expect((await rejection(fileClaim(own.seller.user.id, claimInput(sellerRefund.id, 1000)))).message).toMatch(/customer service issued/);
  });

  it('a seller never reads or acts on another seller’s claims', async () => {
    const { seller, refund } = await marketplaceRefund(1500);
    const claim = await fileClaim(seller.user.id, claimInput(refund.id, 1500));
    const other = await createSeller();
    expect(await getSellerClaim(other.seller.id, claim.id)).toBeNull();
    expect((await listSellerClaims(other.seller.id)).items).toEqual([]);
    expect((await rejection(respondToClaim(other.user.id, claim.id, 'mine now'))).code).toBe('NOT_FOUND');
    expect((await rejection(appealClaim(other.user.id, claim.id, 'mine now'))).code).toBe('NOT_FOUND');
    expect((await rejection(fileClaim(other.user.id, claimInput(refund.id, 100)))).code).toBe('NOT_FOUND');
  });

  it('sends one reminder 48 hours before each deadline, however often the job runs', async () => {
    const { seller, staff, refund } = await marketplaceRefund(1800);
    const claim = await fileClaim(seller.user.id, claimInput(refund.id, 1800));
    const t0 = new Date();
    const asked = await requestClaimInfo(staff.id, claim.id, 'Which carrier?', t0);
    const before = (await outboxFor(seller.user.email!, 'safet_deadline_reminder')).length;
    await sendSafetDeadlineReminders({ now: new Date(asked.respondBy!.getTime() - 49 * 3_600_000) });
    expect((await outboxFor(seller.user.email!, 'safet_deadline_reminder')).length).toBe(before);
    await sendSafetDeadlineReminders({ now: new Date(asked.respondBy!.getTime() - 47 * 3_600_000) });
    await sendSafetDeadlineReminders({ now: new Date(asked.respondBy!.getTime() - 46 * 3_600_000) });
    const mails = await outboxFor(seller.user.email!, 'safet_deadline_reminder');
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)!.subject).toMatch(/^SAFE-T: respond before /);
    const db = await getDb();
    expect(await db.select().from(safetReminders).where(eq(safetReminders.claimId, claim.id))).toHaveLength(1);
  });

  it('claims never count in the seller’s metrics: the SFP facts and the evaluation’s inputs are the same before and after a claim is filed and granted', async () => {
    const { seller, staff, refund } = await marketplaceRefund(3900);
    const sellerId = seller.seller.id;
    const db = await getDb();
    // Evaluated as of a moment after everything below and after the order's ship-by day, so the order is inside the
    // window (a window takes an order by its ship-by day, which a weekend puts days away) and anything a claim wrote
    // would be too.
    const [fact] = await db.select().from(sfpOrderFacts).where(eq(sfpOrderFacts.sellerId, sellerId));
    const asOf = new Date(Math.max(Date.now(), fact.latestShipAt!.getTime()) + 3_600_000);
    const day = asOf.toISOString().slice(0, 10);
    const metricsInputs = async () => ({
      facts: await db.select().from(sfpOrderFacts).where(eq(sfpOrderFacts.sellerId, sellerId)).orderBy(sfpOrderFacts.orderId),
      counts: (await countOrderMetricsSql(db, [{ sellerId, since: null }], day, config().sfp.windowDays, { oneSeller: true, asOf })).get(sellerId),
      defects: (await listDefects(db, { sellerId, filter: 'all', limit: 100 }, asOf)).rows,
      dashboard: (await getDashboard(sellerId, asOf))!.metrics.map(({ trend: _trend, ...m }) => m),
    });
    const before = await metricsInputs();
    // The seller's order is in the metrics (shipped without Buy Shipping, so there is a defect a claim could move).
    expect(before.facts).toHaveLength(1);
    expect(before.counts!.buy_shipping.den).toBe(1);
    expect(before.defects.length).toBeGreaterThanOrEqual(1);

    const claim = await fileClaim(seller.user.id, claimInput(refund.id, 3900));
    await requestClaimInfo(staff.id, claim.id, 'Send the delivery scan.');
    await respondToClaim(seller.user.id, claim.id, 'Scan attached.');
    const granted = await decideClaim(staff.id, claim.id, { outcome: 'granted_full', grantedCents: 3900, note: 'Scan accepted.' });
    expect(granted).toMatchObject({ outcome: 'granted_full' });

    expect(await metricsInputs()).toEqual(before);
  });
});

describe('the seller’s account statement', () => {
  it('shows a running balance that is right on every page and under a filter, totals from rows, and CSV', async () => {
    const { seller } = await createSellerWithEntries();
    const f = { tz: 'America/New_York' };
    const p1 = await statementPage(seller.id, f, { limit: 3 });
    const p2 = await statementPage(seller.id, f, { limit: 3, before: p1.next! });
    const all = [...p1.items, ...p2.items];
    expect(all.map((r) => r.amountCents)).toEqual([700, -250, 1000, -300, -1200, 5000]); // newest first
    // balance after each movement = sum of everything up to it
    expect(all.map((r) => r.balanceCents)).toEqual([4950, 4250, 4500, 3500, 3800, 5000]);
    expect(p2.next).toBeNull();

    const labels = await statementPage(seller.id, { ...f, kinds: ['label_purchase'] }, { limit: 1 });
    expect(labels.items.map((r) => [r.amountCents, r.balanceCents])).toEqual([[-250, 4250]]);
    const labels2 = await statementPage(seller.id, { ...f, kinds: ['label_purchase'] }, { limit: 1, before: labels.next! });
    expect(labels2.items.map((r) => [r.amountCents, r.balanceCents])).toEqual([[-300, 3500]]);
    expect(await statementTotals(seller.id, { ...f, kinds: ['label_purchase'] })).toEqual({ chargesCents: -550, creditsCents: 0, netCents: -550, count: 2, balanceCents: 4950 });

    const other = await createSeller();
    expect((await statementPage(other.seller.id, f)).items).toEqual([]);

    const text = await new Response(statementCsvStream(seller.id, f, 2)).text();
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('Date (UTC),Type,Description,Order,Reference,Amount,Currency,Balance');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/,7\.00,"USD",49\.50$/);
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(1)"`))).toBe(true);
    expect(csvField('a "quoted" word')).toBe('"a ""quoted"" word"');
  });
});

async function createSellerWithEntries() {
  const { seller } = await createSeller();
  const db = await getDb();
  const base = Date.now() - 10 * DAY;
  const moves: [Parameters<typeof postSellerEntry>[1]['kind'], number, string][] = [
    ['safet_reimbursement', 5000, 'Opening credit'],
    ['customer_refund', -1200, 'Refund'],
    ['label_purchase', -300, 'Label'],
    ['safet_reimbursement', 1000, 'Reimbursement'],
    ['label_purchase', -250, '=HYPERLINK(1)'],
    ['customer_service_adjustment', 700, 'Adjustment'],
  ];
  for (const [i, [kind, amountCents, description]] of moves.entries()) {
    const e = await db.transaction((tx) => postSellerEntry(tx, { sellerId: seller.id, kind, amountCents, description, idempotencyKey: `stmt:${seller.id}:${i}` }));
    // distinct times, oldest first
    await db.update(sellerAccountEntries).set({ createdAt: new Date(base + i * 3_600_000) }).where(eq(sellerAccountEntries.id, e.id));
  }
  return { seller };
}
