import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/db';
import { giftOffers } from '@/db/schema';
import { getUserContacts, verifiedContacts, type AppUser } from '@/lib/accounts/queries';
import { maskContact } from '@/lib/accounts/rules';
import type { AddressInput } from '@/lib/accounts/schemas';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { forgetDestination, recordDestination } from '@/lib/fulfilment/destination';
import { issueGiftCardFromGift } from '@/lib/gift-cards/ledger';
import type { GivenUpMessage } from '@/lib/notifications/deliver';
import { enqueueMessages, type OutboxMessageInput } from '@/lib/notifications/outbox';
import { cancelGiftOrders, closeGiftOrder, placeGiftOrder } from '@/lib/orders/lifecycle';
import { capturePayment, voidPaymentsForOrders } from '@/lib/payments/service';
import { orderPromiseInputs, recordOrderPromise } from '@/lib/shipping/promise';
import { giverOutcomeMessage, recipientLabel, type GiverOutcome } from './messages';
import { GIFT_NOTICE_REF, giverStatus, transitionFrom, transitionTo, type GiftDecision, type GiftOfferStatus, type GiftTransition } from './rules';

// Every status change below is a conditional UPDATE built from the state machine in rules.ts: the WHERE allows only
// the statuses the named transition starts from, the SET writes the status it leads to. Against any other
// transition exactly one wins.
export function whereStatusAllows(t: GiftTransition): SQL {
  return inArray(giftOffers.status, [...transitionFrom(t)]);
}

// One clock for decisions: the database's `now()`. Jobs and tests may name the moment (`now`), and then that moment
// is used for both the comparison and the timestamps written, so a run is consistent with itself.
const clock = (now?: Date): SQL => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);

type ClosedRow = { id: string; order_id: string; giver_id: string; recipient_channel: 'email' | 'sms'; recipient_contact: string; item_title: string };
type GiverNoticeInput = { orderId: string; giverId: string; itemTitle: string; recipientChannel: 'email' | 'sms'; recipientContact: string };

// The giver hears about the outcome by email, or by text for an account that only has a phone. The item is named as
// the offer recorded it at creation (first line's title, "and N more" for an order of several lines).
async function giverNotices(tx: Database, gifts: GiverNoticeInput[], outcome: GiverOutcome): Promise<OutboxMessageInput[]> {
  const contacts = await getUserContacts(
    gifts.map((g) => g.giverId),
    tx,
  );
  const out: OutboxMessageInput[] = [];
  for (const g of gifts) {
    const c = contacts.get(g.giverId);
    const channel = c?.email ? 'email' : c?.phone ? 'sms' : null;
    if (!c || !channel) continue;
    const m = giverOutcomeMessage({ channel, outcome, itemTitle: g.itemTitle, recipientLabel: recipientLabel(g.recipientChannel, g.recipientContact), recipientChannel: g.recipientChannel, orderUrl: `${config().appUrl}/orders/${g.orderId}` });
    out.push({ channel, recipient: (c.email ?? c.phone)!, template: `gift_${outcome}_giver`, subject: m.subject, body: m.body });
  }
  return out;
}

const closedAt = { decline: 'declined_at', expire: 'expired_at', cancel: 'cancelled_at', undeliverable: 'cancelled_at' } as const;
// Who ended the gift, for the seller's metrics (never the seller: SFP cancellation rate counts seller cancellations only).
const GIFT_END = {
  decline: { actor: 'recipient', reason: 'Gift declined by its recipient' },
  expire: { actor: 'system', reason: 'Gift offer expired' },
  cancel: { actor: 'giver', reason: 'Gift cancelled by its giver' },
  undeliverable: { actor: 'system', reason: 'Gift message could not be delivered to its recipient' },
} as const;
// What the giver is told of each (a giver's own cancel needs no message).
const GIVER_OUTCOME: Record<Exclude<CloseTransition, 'cancel'>, GiverOutcome> = { decline: 'declined', expire: 'expired', undeliverable: 'undelivered' };
type CloseTransition = keyof typeof closedAt;

// Ends waiting offers (declined, expired or withdrawn), set-based: the offers in one statement, their orders cancelled
// and stock released through lib/orders, the givers told through the outbox. Holds are voided after commit.
async function closeWaitingOffers(
  tx: Database,
  t: CloseTransition,
  filter: SQL,
  opts: { now?: Date; limit?: number; notifyGiver: boolean; skipLocked: boolean },
): Promise<ClosedRow[]> {
  // Jobs skip rows another process holds; a person's own request waits for them, so it never fails spuriously.
  // The claimed ids reach the UPDATE as one array (primary-key lookups): joined to the CTE instead, the planner hashes
  // the whole table for every batch of the expiry job.
  const lock = opts.skipLocked ? sql`for update skip locked` : sql`for update`;
  const at = clock(opts.now);
  const res = await tx.execute(sql`
    with target as (
      select id from gift_offers
      where ${whereStatusAllows(t)} and ${filter}
      order by expires_at
      limit ${opts.limit ?? 1}
      ${lock}
    )
    update gift_offers set status = ${transitionTo(t)}, ${sql.identifier(closedAt[t])} = ${at}
    where gift_offers.id = any(array(select id from target))
    returning gift_offers.id, gift_offers.order_id, gift_offers.giver_id, gift_offers.recipient_channel, gift_offers.recipient_contact, gift_offers.item_title`);
  const closed = rows<ClosedRow>(res);
  if (closed.length === 0) return closed;
  await cancelGiftOrders(
    tx,
    closed.map((r) => r.order_id),
    opts.now,
    GIFT_END[t],
  );
  if (opts.notifyGiver && t !== 'cancel') {
    const outcome = GIVER_OUTCOME[t];
    const gifts = closed.map((r) => ({ orderId: r.order_id, giverId: r.giver_id, itemTitle: r.item_title, recipientChannel: r.recipient_channel, recipientContact: r.recipient_contact }));
    await enqueueMessages(tx, await giverNotices(tx, gifts, outcome));
  }
  return closed;
}

async function closeAndRelease(t: CloseTransition, filter: SQL, opts: { notifyGiver: boolean; skipLocked: boolean }) {
  const db = await getDb();
  const closed = await db.transaction((tx) => closeWaitingOffers(tx, t, filter, opts));
  // After commit: release the holds. A failure here leaves the payment authorized on a cancelled order, which the
  // hold sweeper retries (the network also drops the hold when it lapses): the person's answer is already true.
  if (closed.length > 0) {
    await voidPaymentsForOrders(closed.map((r) => r.order_id)).catch((e: unknown) =>
      console.error(`[gifts] could not release the holds of ${closed.length} order(s) yet; the hold sweeper retries`, e instanceof Error ? e.message : e),
    );
  }
  return closed;
}

// The outbox gave up on the message telling a recipient about their gift (lib/notifications/deliver.ts, in the
// transaction that marks it dead): nobody can answer that gift, so it ends now instead of holding the giver's card
// until it expires. Cancelled by the system (never the seller's cancellation), the order and stock released through
// lib/orders, the giver told through the outbox; the holds are released once the outbox's transaction commits.
export async function endGiftsWithUndeliverableNotice(tx: Database, messages: readonly GivenUpMessage[]): Promise<(() => Promise<void>) | undefined> {
  const ids = messages
    .filter((m) => m.template === 'gift_waiting' && m.ref?.startsWith(GIFT_NOTICE_REF))
    .map((m) => m.ref!.slice(GIFT_NOTICE_REF.length))
    .filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (ids.length === 0) return undefined;
  const closed = await closeWaitingOffers(tx, 'undeliverable', sql`id = any(${sql.param(ids)}::uuid[])`, { limit: ids.length, notifyGiver: true, skipLocked: false });
  if (closed.length === 0) return undefined;
  return async () => {
    await voidPaymentsForOrders(closed.map((r) => r.order_id)).catch((e: unknown) =>
      console.error(`[gifts] could not release the holds of ${closed.length} undeliverable gift(s) yet; the hold sweeper retries`, e instanceof Error ? e.message : e),
    );
  };
}

// G9: offers past their expiry, in batches, safe to run in several processes at once (SKIP LOCKED).
// Each batch's holds are voided after its commit while the next batch is claimed (at most one batch of voids in
// flight per worker), so the two halves overlap instead of taking turns; `workers` such loops run side by side on
// their own connections (SKIP LOCKED gives each its own offers; on the embedded database they take turns). A failed
// void ends the run once the batches being claimed have committed; holds left authorized on cancelled orders go to
// the hold sweeper, as always.
export async function expireDueOffers({ now, batchSize = 5000, workers = 2 }: { now?: Date; batchSize?: number; workers?: number } = {}) {
  const db = await getDb();
  const failures: unknown[] = [];
  const worker = async () => {
    let total = 0;
    let voiding: Promise<unknown> = Promise.resolve();
    try {
      while (failures.length === 0) {
        const closed = await db.transaction((tx) => closeWaitingOffers(tx, 'expire', sql`expires_at <= ${clock(now)}`, { now, limit: batchSize, notifyGiver: true, skipLocked: true }));
        total += closed.length;
        await voiding;
        if (failures.length) break;
        if (closed.length > 0) voiding = voidPaymentsForOrders(closed.map((r) => r.order_id)).catch((e: unknown) => failures.push(e));
        if (closed.length < batchSize) break;
      }
    } finally {
      await voiding;
    }
    return total;
  };
  const runs = await Promise.allSettled(Array.from({ length: Math.max(1, workers) }, worker));
  for (const r of runs) if (r.status === 'rejected') throw r.reason;
  if (failures.length) throw failures[0];
  return runs.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value : 0), 0);
}

// What a giver is told when their cancel comes too late. The same sentence whichever way the gift ended before it,
// and whether the recipient acted a moment before a waiting gift's cancel or while it was settling (below).
function tooLateToCancel(status: GiftOfferStatus): string {
  switch (giverStatus(status)) {
    case 'accepted':
      return 'Your gift was accepted before you cancelled, so it can no longer be cancelled.';
    case 'declined':
      return 'The recipient declined this gift. Your card was not charged.';
    case 'expired':
      return 'This gift offer has expired. Your card was not charged.';
    case 'cancelled':
      return 'You already cancelled this gift.';
    default:
      return 'This gift can no longer be cancelled.';
  }
}

const SETTLING_WAIT_MS = 12_000;

// The giver changes their mind while the gift still waits: the hold is voided and the stock released.
//
// While a recipient's decision is settling (claimed, the charge in flight) the giver's page shows "Waiting" with its
// Cancel, exactly as for a waiting gift: showing anything else, or a Cancel that fails at once with "can no longer be
// cancelled", would tell the giver the recipient acted before any outcome exists (and a settlement that then fails
// ends as a plain "Expired"). So a cancel that meets a settling offer waits for the outcome to be recorded (a settlement
// takes at most the processor's time-out) and then answers as it would have had the outcome come first: the same
// sentence a waiting gift's cancel gets when it loses the race to that outcome. If the outcome is still not recorded
// after the wait (a processor outage), it answers "try again", which is also what an outage does to any cancel.
export async function cancelGiftByGiver(giverId: string, orderId: string, { settlingWaitMs = SETTLING_WAIT_MS } = {}) {
  const mine = sql`order_id = ${orderId} and giver_id = ${giverId}`;
  const closed = await closeAndRelease('cancel', mine, { notifyGiver: false, skipLocked: false });
  if (closed.length > 0) return { cancelled: true };
  const db = await getDb();
  const read = async () => (await db.select({ status: giftOffers.status }).from(giftOffers).where(and(eq(giftOffers.orderId, orderId), eq(giftOffers.giverId, giverId))).limit(1))[0];
  let g = await read();
  if (!g) throw new AppError('NOT_FOUND', 'That order could not be found.');
  const deadline = Date.now() + settlingWaitMs;
  while (g.status === 'settling' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 150));
    g = (await read())!;
  }
  if (g.status === 'settling') throw new AppError('UNAVAILABLE', 'We couldn’t cancel your gift just now. Please try again in a moment.');
  throw new AppError('INVALID_STATE', tooLateToCancel(g.status));
}

type RecipientGift = {
  id: string;
  status: GiftOfferStatus;
  settlement: 'ship' | 'gift_card' | null;
  recipientContact: string;
  recipientUserId: string | null;
  pendingDecision: GiftDecision | null;
  orderId: string;
  // Judged by the database's clock, like the claims below.
  expired: boolean;
};

async function loadForRecipient(giftOfferId: string, user: AppUser): Promise<RecipientGift> {
  const db = await getDb();
  const [g] = await db
    .select({
      id: giftOffers.id,
      status: giftOffers.status,
      settlement: giftOffers.settlement,
      recipientContact: giftOffers.recipientContact,
      recipientUserId: giftOffers.recipientUserId,
      pendingDecision: giftOffers.pendingDecision,
      orderId: giftOffers.orderId,
      expired: sql<boolean>`${giftOffers.expiresAt} <= now()`,
    })
    .from(giftOffers)
    .where(eq(giftOffers.id, giftOfferId))
    .limit(1);
  if (!g) throw new AppError('NOT_FOUND', 'This gift could not be found.');
  // Only the account that proved the gift's email or phone may decide it.
  if (!verifiedContacts(user).includes(g.recipientContact))
    throw new AppError('FORBIDDEN', `This gift was sent to ${maskContact(g.recipientContact)}. Sign in with the account for that ${g.recipientContact.includes('@') ? 'email address' : 'phone number'} to respond.`);
  return { ...g, expired: Boolean(g.expired) };
}

// Only ever shown to the recipient, who knows what they chose (the giver's side never tells a conversion apart).
function endedMessage(status: string, settlement?: 'ship' | 'gift_card' | null) {
  switch (status) {
    case 'accepted':
      return settlement === 'gift_card' ? 'You already took this gift as a gift card.' : 'You have already accepted this gift.';
    case 'declined':
      return 'You declined this gift.';
    case 'expired':
      return 'This gift offer has expired.';
    case 'cancelled':
      return 'The sender withdrew this gift.';
    default:
      return 'This gift can no longer be changed.';
  }
}

// G9: refusing releases the hold at once.
export async function declineGift(user: AppUser, giftOfferId: string) {
  const g = await loadForRecipient(giftOfferId, user);
  const closed = await closeAndRelease('decline', sql`id = ${g.id} and expires_at > now()`, { notifyGiver: true, skipLocked: false });
  if (closed.length === 0) {
    const cur = await loadForRecipient(giftOfferId, user);
    if (cur.status === 'waiting' && cur.expired) throw new AppError('INVALID_STATE', 'This gift offer has expired.');
    throw new AppError('INVALID_STATE', cur.status === 'settling' ? 'Your answer is already being processed.' : endedMessage(cur.status, cur.settlement));
  }
  return { declined: true };
}

// G6/G7/G8: accept with an address, or take a gift card. First claim the offer (one winner), then capture, then finish.
export async function decideGift(user: AppUser, giftOfferId: string, decision: GiftDecision, address?: AddressInput) {
  const g = await loadForRecipient(giftOfferId, user);
  const db = await getDb();
  // Accepting needs somewhere to ship: without an address this call can only carry on an answer already claimed.
  const mayClaim = decision === 'convert' || Boolean(address);
  const claimed =
    mayClaim &&
    (await db.transaction(async (tx) => {
      const [row] = await tx
        .update(giftOffers)
        .set({ status: transitionTo('claim'), pendingDecision: decision, settlingSince: sql`now()`, recipientUserId: user.id })
        .where(and(eq(giftOffers.id, g.id), whereStatusAllows('claim'), sql`${giftOffers.expiresAt} > now()`))
        .returning({ id: giftOffers.id });
      if (!row) return false;
      // The address goes to the recipient's own destination record (lib/fulfilment), never onto the giver's order row.
      if (decision === 'accept' && address) await recordDestination(tx, { orderId: g.orderId, recipientUserId: user.id, address });
      return true;
    }));
  if (!claimed) {
    // The offer moved since it was read (a concurrent answer, the jobs): judge the retry on what it is now.
    const cur = await loadForRecipient(giftOfferId, user);
    // A retry of the same recipient's own decision carries on with it: after a processor timeout (still settling), or
    // once the recovery job or a double-clicked twin finished it (accepted), when it just reports the outcome.
    const retry = (cur.status === 'settling' || cur.status === 'accepted') && cur.recipientUserId === user.id && cur.pendingDecision === decision;
    if (!retry) {
      if (cur.status === 'waiting' && cur.expired) throw new AppError('INVALID_STATE', 'This gift offer has expired.');
      if (cur.status === 'waiting' && !mayClaim) throw new AppError('VALIDATION', 'Enter the address to ship your gift to.');
      throw new AppError('INVALID_STATE', cur.status === 'settling' ? 'Your answer is already being processed.' : endedMessage(cur.status, cur.settlement));
    }
  }
  return settleClaimedOffer(g.id);
}

export type SettleResult = { outcome: 'accepted'; settlement: 'ship' | 'gift_card'; orderId: string } | { outcome: 'expired' };

// Finishes a claimed offer: capture the hold (same idempotency key on every attempt: never two captures), then
// record the outcome. Called by the recipient's request and, for offers left settling, by the recovery job.
export async function settleClaimedOffer(giftOfferId: string): Promise<SettleResult> {
  const db = await getDb();
  const [g] = await db.select().from(giftOffers).where(eq(giftOffers.id, giftOfferId)).limit(1);
  if (!g || g.status !== 'settling' || !g.pendingDecision || !g.recipientUserId) {
    if (g?.status === 'accepted') return { outcome: 'accepted', settlement: g.settlement!, orderId: g.orderId };
    throw new AppError('INVALID_STATE', 'This gift can no longer be changed.');
  }
  const notice = { orderId: g.orderId, giverId: g.giverId, itemTitle: g.itemTitle, recipientChannel: g.recipientChannel, recipientContact: g.recipientContact };
  const capture = await capturePayment({ orderId: g.orderId, idempotencyKey: `gift:${g.id}:capture` });
  if (!capture.ok) {
    if (capture.code === 'timeout' || capture.code === 'idempotency_mismatch') {
      throw new AppError('UNAVAILABLE', 'We couldn’t reach the payment processor to confirm your gift. Nothing is lost: please try again in a moment.', { detail: capture });
    }
    // The card can't be charged (the hold lapsed, or the processor refused): the gift cannot be completed. It ends as
    // expired for everyone, whatever the recipient chose, so the giver's side reads the same for accept and convert.
    const ended = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(giftOffers)
        .set({ status: transitionTo('lapse'), expiredAt: sql`now()` })
        .where(and(eq(giftOffers.id, g.id), whereStatusAllows('lapse')))
        .returning({ id: giftOffers.id });
      if (!row) return false;
      await cancelGiftOrders(tx, [g.orderId], undefined, { actor: 'system', reason: 'Gift could not be charged' });
      // It will never ship: nobody needs the recipient's address any more.
      await forgetDestination(tx, g.orderId);
      await enqueueMessages(tx, await giverNotices(tx, [notice], 'not_completed'));
      return true;
    });
    // A refused capture may leave a live hold: give it back now (a lapsed one is already gone).
    if (ended && capture.code !== 'authorization_expired') {
      // If this fails the hold sweeper retries it; the recipient still gets the true message below.
      await voidPaymentsForOrders([g.orderId]).catch((e: unknown) => console.error(`[gifts] could not release the hold of order ${g.orderId}`, e instanceof Error ? e.message : e));
    }
    throw new AppError(
      'INVALID_STATE',
      capture.code === 'authorization_expired'
        ? 'Sorry, this gift can no longer be accepted: the sender’s card authorization has lapsed. They have not been charged.'
        : 'Sorry, we couldn’t complete this gift: the sender’s card could not be charged. They have not been charged, and we’ve let them know.',
      { detail: capture },
    );
  }
  const settlement = g.pendingDecision === 'accept' ? 'ship' : 'gift_card';
  // The recipient gave the address: the order gets its delivery promise (lib/shipping), which only they see.
  const promises = settlement === 'ship' ? await orderPromiseInputs(g.orderId) : [];
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(giftOffers)
      .set({ status: transitionTo('settle'), settlement, acceptedAt: sql`now()` })
      .where(and(eq(giftOffers.id, g.id), whereStatusAllows('settle')))
      .returning({ id: giftOffers.id });
    if (!row) return; // another attempt finished it
    if (settlement === 'ship') {
      await placeGiftOrder(tx, g.orderId);
      for (const p of promises) await recordOrderPromise(tx, { ...p, orderedAt: new Date() });
    } else {
      // Not now: stock coming back at the moment of the decision would tell a watching giver it was converted (G7).
      const { convertedStockReleaseMinHours: lo, convertedStockReleaseMaxHours: hi } = config();
      const closed = await closeGiftOrder(tx, g.orderId, new Date(Date.now() + (lo + Math.random() * Math.max(0, hi - lo)) * 3_600_000));
      if (!closed) throw new Error(`gift order ${g.orderId} was not awaiting its recipient`);
      // G7: the card is worth what the giver was charged (item and any shipping), so the charge is the same as an acceptance's.
      await issueGiftCardFromGift(tx, { ownerId: g.recipientUserId!, giftOfferId: g.id, cents: capture.value.capturedCents, currency: closed.currency });
    }
    await enqueueMessages(tx, await giverNotices(tx, [notice], 'accepted'));
  });
  return { outcome: 'accepted', settlement, orderId: g.orderId };
}

// Offers left settling (the recipient's request died mid-way) are finished by the jobs with the recorded decision.
export async function settleStuckOffers({ olderThanMs = 120_000, now, budgetMs = 20_000 }: { olderThanMs?: number; now?: Date; budgetMs?: number } = {}) {
  const deadline = Date.now() + budgetMs;
  const db = await getDb();
  const stuck = await db
    .select({ id: giftOffers.id })
    .from(giftOffers)
    .where(and(whereStatusAllows('settle'), sql`${giftOffers.settlingSince} < ${clock(now)} - make_interval(secs => ${olderThanMs / 1000})`))
    .orderBy(giftOffers.settlingSince)
    .limit(100);
  let settled = 0;
  for (const s of stuck) {
    // A time budget per run: during a processor outage these calls are slow, and other jobs are waiting.
    if (Date.now() > deadline) break;
    // One row that cannot be finished (processor down) must not hold up the others.
    try {
      await settleClaimedOffer(s.id);
      settled++;
    } catch (e) {
      // Expected refusals (the gift ended meanwhile) are quiet; a processor outage is worth a line in the logs.
      if (!(e instanceof AppError) || e.code === 'UNAVAILABLE') console.error(`[jobs] could not finish gift offer ${s.id}`, e instanceof AppError ? e.message : e);
    }
  }
  return settled;
}

// A gift to someone who blocked its sender (lib/gifts/blocks.ts): declined inside the checkout's transaction by the
// same path as a refusal, so the giver sees "Declined" and gets the same email. The caller voids the hold after commit.
export async function declineOfferOfBlockedSender(tx: Database, giftOfferId: string, now?: Date) {
  const closed = await closeWaitingOffers(tx, 'decline', sql`id = ${giftOfferId}`, { now, notifyGiver: true, skipLocked: false });
  return closed.length > 0;
}
