import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { giftOffers, orders } from '@/db/schema';
import type { AppUser } from '@/lib/accounts/queries';
import { maskContact } from '@/lib/accounts/rules';
import type { AddressInput } from '@/lib/accounts/schemas';
import { verifiedContacts } from '@/lib/accounts/queries';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { issueGiftCardFromGift } from '@/lib/gift-cards/ledger';
import { enqueueMessages, type OutboxMessageInput } from '@/lib/notifications/outbox';
import { deferStockRelease, releaseStockForOrders } from '@/lib/orders/stock';
import { capturePayment, voidPaymentsForOrders } from '@/lib/payments/service';
import { giverOutcomeMessage, recipientLabel, type GiverOutcome } from './messages';
import type { GiftDecision } from './rules';

type GiverContact = { giver_email: string | null; giver_phone: string | null };
type ClosedRow = GiverContact & { id: string; order_id: string; giver_id: string; recipient_channel: 'email' | 'sms'; recipient_contact: string; title: string };

// The giver hears about the outcome by email, or by text for an account that only has a phone.
function giverNotice(r: GiverContact & { order_id: string; title: string; recipient_channel: 'email' | 'sms'; recipient_contact: string }, outcome: GiverOutcome): OutboxMessageInput | null {
  const channel = r.giver_email ? 'email' : r.giver_phone ? 'sms' : null;
  if (!channel) return null;
  const m = giverOutcomeMessage({ channel, outcome, itemTitle: r.title, recipientLabel: recipientLabel(r.recipient_channel, r.recipient_contact), orderUrl: `${config().appUrl}/orders/${r.order_id}` });
  return { channel, recipient: (r.giver_email ?? r.giver_phone)!, template: `gift_${outcome}_giver`, subject: m.subject, body: m.body };
}

const closedAt = { declined: 'declined_at', expired: 'expired_at', cancelled: 'cancelled_at' } as const;

// Ends waiting offers as declined, expired or cancelled, set-based: order cancelled, stock released, giver told.
// The status check is in the UPDATE, so against any other decision exactly one wins. Holds are voided after commit.
async function closeWaitingOffers(
  tx: Database,
  to: 'declined' | 'expired' | 'cancelled',
  filter: ReturnType<typeof sql>,
  opts: { now: Date; limit?: number; notifyGiver: boolean; skipLocked: boolean },
): Promise<ClosedRow[]> {
  // Jobs skip rows another process holds; a person's own request waits for them, so it never fails spuriously.
  const lock = opts.skipLocked ? sql`for update skip locked` : sql`for update`;
  const res = await tx.execute(sql`
    with target as (
      select id from gift_offers
      where status = 'waiting' and ${filter}
      order by expires_at
      limit ${opts.limit ?? 1}
      ${lock}
    ), closed as (
      update gift_offers g set status = ${to}, ${sql.identifier(closedAt[to])} = ${opts.now}
      from target where g.id = target.id
      returning g.id, g.order_id, g.giver_id, g.recipient_channel, g.recipient_contact
    ), cancelled_orders as (
      update orders o set status = 'cancelled', cancelled_at = ${opts.now}
      from closed where o.id = closed.order_id
      returning o.id
    )
    select c.id, c.order_id, c.giver_id, c.recipient_channel, c.recipient_contact, u.email as giver_email, u.phone as giver_phone, l.title
    from closed c
    join users u on u.id = c.giver_id
    join order_lines l on l.order_id = c.order_id`);
  const rows = (res as unknown as { rows: ClosedRow[] }).rows;
  if (rows.length === 0) return rows;
  await releaseStockForOrders(tx, rows.map((r) => r.order_id));
  if (opts.notifyGiver && to !== 'cancelled') {
    await enqueueMessages(tx, rows.map((r) => giverNotice(r, to)).filter((m) => m !== null));
  }
  return rows;
}

async function closeAndRelease(to: 'declined' | 'expired' | 'cancelled', filter: ReturnType<typeof sql>, opts: { now?: Date; limit?: number; notifyGiver: boolean; skipLocked: boolean }) {
  const db = await getDb();
  const now = opts.now ?? new Date();
  const rows = await db.transaction((tx) => closeWaitingOffers(tx, to, filter, { ...opts, now }));
  // After commit: release the holds. A failure here leaves the payment authorized on a cancelled order,
  // which the hold sweeper retries; the network also drops the hold when it lapses.
  if (rows.length > 0) await voidPaymentsForOrders(rows.map((r) => r.order_id));
  return rows;
}

// G9: offers past their expiry, in batches, safe to run in several processes at once (SKIP LOCKED).
// Each batch's holds are voided after its commit while the next batch is claimed (at most one batch of voids in
// flight), so the two halves overlap on two connections instead of taking turns. A failed void ends the run once the
// batch being claimed has committed; holds left authorized on cancelled orders go to the hold sweeper, as always.
export async function expireDueOffers({ now = new Date(), batchSize = 5000 }: { now?: Date; batchSize?: number } = {}) {
  const db = await getDb();
  let total = 0;
  let voiding: Promise<unknown> = Promise.resolve();
  const failures: unknown[] = [];
  try {
    for (;;) {
      const rows = await db.transaction((tx) => closeWaitingOffers(tx, 'expired', sql`expires_at <= ${now}`, { now, limit: batchSize, notifyGiver: true, skipLocked: true }));
      total += rows.length;
      await voiding;
      if (failures.length) break;
      if (rows.length > 0) voiding = voidPaymentsForOrders(rows.map((r) => r.order_id)).catch((e: unknown) => failures.push(e));
      if (rows.length < batchSize) break;
    }
  } finally {
    await voiding;
  }
  if (failures.length) throw failures[0];
  return total;
}

// The giver changes their mind while the gift still waits: the hold is voided and the stock released.
export async function cancelGiftByGiver(giverId: string, orderId: string) {
  const rows = await closeAndRelease('cancelled', sql`order_id = ${orderId} and giver_id = ${giverId}`, { notifyGiver: false, skipLocked: false });
  if (rows.length === 0) {
    const db = await getDb();
    const [g] = await db.select({ status: giftOffers.status }).from(giftOffers).where(and(eq(giftOffers.orderId, orderId), eq(giftOffers.giverId, giverId))).limit(1);
    if (!g) throw new AppError('NOT_FOUND', 'That order could not be found.');
    throw new AppError('INVALID_STATE', 'This gift can no longer be cancelled.');
  }
  return { cancelled: true };
}

type RecipientGift = { id: string; status: string; recipientContact: string; recipientUserId: string | null; pendingDecision: GiftDecision | null; expiresAt: Date; orderId: string };

async function loadForRecipient(giftOfferId: string, user: AppUser): Promise<RecipientGift> {
  const db = await getDb();
  const [g] = await db
    .select({ id: giftOffers.id, status: giftOffers.status, recipientContact: giftOffers.recipientContact, recipientUserId: giftOffers.recipientUserId, pendingDecision: giftOffers.pendingDecision, expiresAt: giftOffers.expiresAt, orderId: giftOffers.orderId })
    .from(giftOffers)
    .where(eq(giftOffers.id, giftOfferId))
    .limit(1);
  if (!g) throw new AppError('NOT_FOUND', 'This gift could not be found.');
  // Only the account that proved the gift's email or phone may decide it.
  if (!verifiedContacts(user).includes(g.recipientContact))
    throw new AppError('FORBIDDEN', `This gift was sent to ${maskContact(g.recipientContact)}. Sign in with the account for that ${g.recipientContact.includes('@') ? 'email address' : 'phone number'} to respond.`);
  return g;
}

function endedMessage(status: string) {
  switch (status) {
    case 'accepted':
      return 'You have already accepted this gift.';
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
  const rows = await closeAndRelease('declined', sql`id = ${g.id} and expires_at > now()`, { notifyGiver: true, skipLocked: false });
  if (rows.length === 0) {
    if (g.status === 'waiting' && g.expiresAt <= new Date()) throw new AppError('INVALID_STATE', 'This gift offer has expired.');
    throw new AppError('INVALID_STATE', g.status === 'settling' ? 'Your answer is already being processed.' : endedMessage(g.status));
  }
  return { declined: true };
}

// G6/G7/G8: accept with an address, or take a gift card. First claim the offer (one winner), then capture, then finish.
export async function decideGift(user: AppUser, giftOfferId: string, decision: GiftDecision, address?: AddressInput) {
  const g = await loadForRecipient(giftOfferId, user);
  const db = await getDb();
  const now = new Date();
  // Accepting needs somewhere to ship: without an address this call can only carry on an answer already claimed.
  const mayClaim = decision === 'convert' || Boolean(address);
  const claimed = mayClaim && (await db.transaction(async (tx) => {
    const [row] = await tx
      .update(giftOffers)
      .set({ status: 'settling', pendingDecision: decision, settlingSince: now, recipientUserId: user.id })
      .where(and(eq(giftOffers.id, g.id), eq(giftOffers.status, 'waiting'), sql`${giftOffers.expiresAt} > ${now}`))
      .returning({ id: giftOffers.id });
    if (!row) return false;
    await tx
      .update(orders)
      .set({
        recipientUserId: user.id,
        ...(decision === 'accept' && address
          ? { shipToName: address.fullName, shipToLine1: address.line1, shipToLine2: address.line2 ?? null, shipToCity: address.city, shipToState: address.state, shipToZip: address.zip }
          : {}),
      })
      .where(eq(orders.id, g.orderId));
    return true;
  }));
  if (!claimed) {
    // The offer moved since it was read (a concurrent answer, the jobs): judge the retry on what it is now.
    const cur = await loadForRecipient(giftOfferId, user);
    // A retry of the same recipient's own decision carries on with it: after a processor timeout (still settling), or
    // once the recovery job or a double-clicked twin finished it (accepted), when it just reports the outcome.
    const retry = (cur.status === 'settling' || cur.status === 'accepted') && cur.recipientUserId === user.id && cur.pendingDecision === decision;
    if (!retry) {
      if (cur.status === 'waiting' && cur.expiresAt <= now) throw new AppError('INVALID_STATE', 'This gift offer has expired.');
      if (cur.status === 'waiting' && !mayClaim) throw new AppError('VALIDATION', 'Enter the address to ship your gift to.');
      throw new AppError('INVALID_STATE', cur.status === 'settling' ? 'Your answer is already being processed.' : endedMessage(cur.status));
    }
  }
  return settleClaimedOffer(g.id);
}

export type SettleResult = { outcome: 'accepted'; settlement: 'ship' | 'gift_card'; orderId: string } | { outcome: 'expired' };

// Finishes a claimed offer: capture the hold (same idempotency key on every attempt: never two captures), then
// record the outcome. Called by the recipient's request and, for offers left settling, by the recovery job.
export async function settleClaimedOffer(giftOfferId: string, now = new Date()): Promise<SettleResult> {
  const db = await getDb();
  const [g] = await db.select().from(giftOffers).where(eq(giftOffers.id, giftOfferId)).limit(1);
  if (!g || g.status !== 'settling' || !g.pendingDecision || !g.recipientUserId) {
    if (g?.status === 'accepted') return { outcome: 'accepted', settlement: g.settlement!, orderId: g.orderId };
    throw new AppError('INVALID_STATE', 'This gift can no longer be changed.');
  }
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
        .set({ status: 'expired', expiredAt: now })
        .where(and(eq(giftOffers.id, g.id), eq(giftOffers.status, 'settling')))
        .returning({ id: giftOffers.id });
      if (!row) return false;
      await tx.update(orders).set({ status: 'cancelled', cancelledAt: now, shipToName: null, shipToLine1: null, shipToLine2: null, shipToCity: null, shipToState: null, shipToZip: null }).where(eq(orders.id, g.orderId));
      await releaseStockForOrders(tx, [g.orderId]);
      await notifyGiver(tx, g.orderId, g.giverId, 'not_completed', g.recipientChannel, g.recipientContact);
      return true;
    });
    // A refused capture may leave a live hold: give it back now (a lapsed one is already gone).
    if (ended && capture.code !== 'authorization_expired') {
      // If this fails the hold sweeper retries it; the recipient still gets the true message below.
      await voidPaymentsForOrders([g.orderId]).catch((e: unknown) => console.error(`[gifts] could not release the hold of order ${g.orderId}`, e));
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
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(giftOffers)
      .set({ status: 'accepted', settlement, acceptedAt: now })
      .where(and(eq(giftOffers.id, g.id), eq(giftOffers.status, 'settling')))
      .returning({ id: giftOffers.id });
    if (!row) return; // another attempt finished it
    if (settlement === 'ship') {
      await tx.update(orders).set({ status: 'placed', placedAt: now }).where(eq(orders.id, g.orderId));
    } else {
      const [order] = await tx.update(orders).set({ status: 'closed', closedAt: now }).where(eq(orders.id, g.orderId)).returning({ currency: orders.currency });
      // Not now: stock coming back at the moment of the decision would tell a watching giver it was converted (G7).
      const { convertedStockReleaseMinHours: lo, convertedStockReleaseMaxHours: hi } = config();
      await deferStockRelease(tx, [g.orderId], new Date(now.getTime() + (lo + Math.random() * Math.max(0, hi - lo)) * 3_600_000));
      // G7: the card is worth what the giver was charged (item and any shipping), so the charge is the same as an acceptance's.
      await issueGiftCardFromGift(tx, { ownerId: g.recipientUserId!, giftOfferId: g.id, cents: capture.value.capturedCents, currency: order.currency });
    }
    await notifyGiver(tx, g.orderId, g.giverId, 'accepted', g.recipientChannel, g.recipientContact);
  });
  return { outcome: 'accepted', settlement, orderId: g.orderId };
}

async function notifyGiver(tx: Database, orderId: string, giverId: string, outcome: GiverOutcome, channel: 'email' | 'sms', contact: string) {
  const res = await tx.execute(sql`select u.email as giver_email, u.phone as giver_phone, l.title from users u join order_lines l on l.order_id = ${orderId} where u.id = ${giverId} limit 1`);
  const row = (res as unknown as { rows: (GiverContact & { title: string })[] }).rows[0];
  const notice = row && giverNotice({ ...row, order_id: orderId, recipient_channel: channel, recipient_contact: contact }, outcome);
  if (notice) await enqueueMessages(tx, [notice]);
}

// Offers left settling (the recipient's request died mid-way) are finished by the jobs with the recorded decision.
export async function settleStuckOffers({ olderThanMs = 120_000, now = new Date(), budgetMs = 20_000 } = {}) {
  const deadline = Date.now() + budgetMs;
  const db = await getDb();
  const stuck = await db
    .select({ id: giftOffers.id })
    .from(giftOffers)
    .where(and(eq(giftOffers.status, 'settling'), sql`${giftOffers.settlingSince} < ${new Date(now.getTime() - olderThanMs)}`))
    .orderBy(giftOffers.settlingSince)
    .limit(100);
  let settled = 0;
  for (const s of stuck) {
    // A time budget per run: during a processor outage these calls are slow, and other jobs are waiting.
    if (Date.now() > deadline) break;
    // One row that cannot be finished (processor down) must not hold up the others.
    try {
      await settleClaimedOffer(s.id, now);
      settled++;
    } catch (e) {
      // Expected refusals (the gift ended meanwhile) are quiet; a processor outage is worth a line in the logs.
      if (!(e instanceof AppError) || e.code === 'UNAVAILABLE') console.error(`[jobs] could not finish gift offer ${s.id}`, e instanceof AppError ? e.message : e);
    }
  }
  return settled;
}

