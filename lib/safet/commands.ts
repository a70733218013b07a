import 'server-only';
import { and, asc, desc, eq, gt, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/db';
import { safetClaimMessages, safetClaims } from '@/db/schema';
import { config } from '@/lib/config';
import { AppError, notFound } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { enqueueMessages, type OutboxMessageInput } from '@/lib/notifications/outbox';
import { oneLine } from '@/lib/text';
import { recordCaseAction, touchCase } from '@/lib/customer-service/notices';
import { getSellerRefund, listSellerChargedMarketplaceRefunds } from '@/lib/refunds/service';
import { postSellerEntry } from '@/lib/seller-account/ledger';
import { getPeople, getSellerFacts, getSellerFactsForUser, type SellerFacts } from '@/lib/returns/order-facts';
import { formatDateTimeIn } from '@/lib/returns/rules';
import {
  appeal,
  autoDeny,
  decide,
  filingProblem,
  outcomeLabel,
  REMINDER_BEFORE_MS,
  requestInfo,
  respond,
  safetReasonLabel,
  type ClaimSnapshot,
  type SafetOutcome,
  type SafetReason,
  type SafetRules,
} from './rules';

// SAFE-T claims (S15, S16). Every transition is one conditional UPDATE on the state it starts from (a race has one
// winner), with the claim's message and any reimbursement in the same transaction. Claims are never reported to
// lib/prime: they do not count in the seller's metrics.

export type SafetClaim = typeof safetClaims.$inferSelect;

export function safetRules(): SafetRules {
  const c = config().sfp;
  return { filingWindowDays: c.safetFilingWindowDays, responseDays: c.safetResponseDays, appealDays: c.safetAppealDays, maxCents: c.safetMaxCents };
}

const snapshot = (c: SafetClaim): ClaimSnapshot => ({
  state: c.state,
  outcome: c.outcome,
  amountCents: c.amountCents,
  grantedCents: c.grantedCents,
  respondBy: c.respondBy,
  decidedAt: c.decidedAt,
  appealBy: c.appealBy,
  appealedAt: c.appealedAt,
});

async function sellerOf(userId: string): Promise<SellerFacts> {
  const s = await getSellerFactsForUser(userId);
  if (!s) throw new AppError('FORBIDDEN', 'Your account has no seller profile.');
  return s;
}

async function mineForUpdate(tx: Database, sellerId: string, claimId: string): Promise<SafetClaim> {
  const [c] = await tx.select().from(safetClaims).where(and(eq(safetClaims.id, claimId), eq(safetClaims.sellerId, sellerId))).for('update').limit(1);
  if (!c) throw notFound('That claim');
  return c;
}

async function anyForUpdate(tx: Database, claimId: string): Promise<SafetClaim> {
  const [c] = await tx.select().from(safetClaims).where(eq(safetClaims.id, claimId)).for('update').limit(1);
  if (!c) throw notFound('That claim');
  return c;
}

async function addMessage(tx: Database, claimId: string, authorRole: 'seller' | 'ops' | 'system', authorId: string | null, body: string) {
  await tx.insert(safetClaimMessages).values({ claimId, authorRole, authorId, body });
}

async function emailSeller(tx: Database, sellerId: string, subject: string, body: string) {
  const seller = await getSellerFacts(sellerId);
  const person = seller ? (await getPeople([seller.userId])).get(seller.userId) : undefined;
  if (person?.email) await enqueueMessages(tx, [{ channel: 'email', recipient: person.email, template: 'safet_update', subject: oneLine(subject), body }]);
}

const claimLink = (id: string) => `${config().appUrl}/seller/safet/${id}`;

export type FileClaimInput = { refundId: string; reason: SafetReason; amountCents: number; evidence: string; wantsReplacement: boolean; attested: boolean };

/** The seller files a claim on a refund customer service issued and charged to them (one per order). */
export async function fileClaim(sellerUserId: string, input: FileClaimInput, now = new Date()): Promise<SafetClaim> {
  const seller = await sellerOf(sellerUserId);
  const db = await getDb();
  const refund = await getSellerRefund(seller.id, input.refundId);
  if (!refund) throw notFound('That refund');
  const [other] = await db.select({ id: safetClaims.id }).from(safetClaims).where(eq(safetClaims.orderId, refund.orderId)).limit(1);
  const problem = filingProblem(
    { refund: { ...refund, createdAt: refund.succeededAt ?? refund.createdAt }, reason: input.reason, amountCents: input.amountCents, attested: input.attested, hasClaimForOrder: Boolean(other), now },
    safetRules(),
  );
  if (problem) {
    // A field's problem is shown beside the field; the banner only points to it.
    if (problem.field === '_form') throw new AppError('VALIDATION', problem.message);
    throw new AppError('VALIDATION', 'Please correct the highlighted fields.', { fieldErrors: { [problem.field]: [problem.message] } });
  }
  return db.transaction(async (tx) => {
    const [claim] = await tx
      .insert(safetClaims)
      .values({
        sellerId: seller.id,
        orderId: refund.orderId,
        refundId: refund.id,
        reason: input.reason,
        amountCents: input.amountCents,
        evidence: input.evidence,
        wantsReplacement: input.wantsReplacement,
        attested: true,
        state: 'submitted',
        createdAt: now,
      })
      .onConflictDoNothing({ target: safetClaims.orderId })
      .returning();
    if (!claim) throw new AppError('CONFLICT', 'This order already has a SAFE-T claim: only one claim per order.');
    await addMessage(
      tx,
      claim.id,
      'seller',
      sellerUserId,
      `Claim filed: ${safetReasonLabel[input.reason]}, ${formatMoney(input.amountCents)}${input.wantsReplacement ? ', with a free replacement' : ''}.\n\n${input.evidence}`,
    );
    await touchCase(tx, refund.orderId, seller.id);
    return claim;
  });
}

/** The seller answers customer service's request for information, before "Respond before". */
export async function respondToClaim(sellerUserId: string, claimId: string, body: string, now = new Date()): Promise<SafetClaim> {
  const seller = await sellerOf(sellerUserId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const c = await mineForUpdate(tx, seller.id, claimId);
    const t = respond(snapshot(c), now);
    if (!t.ok) throw new AppError('INVALID_STATE', t.reason);
    const [row] = await tx.update(safetClaims).set({ state: t.next }).where(and(eq(safetClaims.id, c.id), eq(safetClaims.state, 'info_requested'))).returning();
    await addMessage(tx, c.id, 'seller', sellerUserId, body);
    return row;
  });
}

/** The seller appeals a decided claim, once, before "Appeal before". */
export async function appealClaim(sellerUserId: string, claimId: string, body: string, now = new Date()): Promise<SafetClaim> {
  const seller = await sellerOf(sellerUserId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const c = await mineForUpdate(tx, seller.id, claimId);
    const t = appeal(snapshot(c), now);
    if (!t.ok) throw new AppError('INVALID_STATE', t.reason);
    const [row] = await tx
      .update(safetClaims)
      .set({ state: 'appealed', appealedAt: now })
      .where(and(eq(safetClaims.id, c.id), eq(safetClaims.state, 'decided'), sql`${safetClaims.appealedAt} is null`))
      .returning();
    await addMessage(tx, c.id, 'seller', sellerUserId, `Appeal: ${body}`);
    return row;
  });
}

/** Staff ask the seller for information: the seller has 7 days ("Respond before"). */
export async function requestClaimInfo(staffId: string, claimId: string, body: string, now = new Date()): Promise<SafetClaim> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const c = await anyForUpdate(tx, claimId);
    const t = requestInfo(snapshot(c), now, safetRules());
    if (!t.ok) throw new AppError('INVALID_STATE', t.reason);
    const [row] = await tx
      .update(safetClaims)
      .set({ state: 'info_requested', infoRequestedAt: now, respondBy: t.respondBy })
      .where(and(eq(safetClaims.id, c.id), eq(safetClaims.state, c.state)))
      .returning();
    await addMessage(tx, c.id, 'ops', staffId, body);
    await recordCaseAction(tx, { orderId: c.orderId, staffUserId: staffId, action: 'safet_info_requested', reason: body, claimId: c.id });
    const seller = await getSellerFacts(c.sellerId);
    const by = formatDateTimeIn(t.respondBy, seller?.timeZone ?? 'America/New_York');
    await emailSeller(tx, c.sellerId, 'SAFE-T: information requested', `We need more information about your SAFE-T claim.\n\n${body}\n\nRespond before ${by}: ${claimLink(c.id)}\nWithout an answer by then, the claim is denied.\n`);
    return row;
  });
}

/** Staff decide a claim or its appeal. A grant is credited to the seller's account (idempotent per stage). */
export async function decideClaim(staffId: string, claimId: string, d: { outcome: SafetOutcome; grantedCents: number; note: string }, now = new Date()): Promise<SafetClaim> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const c = await anyForUpdate(tx, claimId);
    const stage = c.state === 'appealed' ? 'appeal' : 'claim';
    const t = decide(snapshot(c), { outcome: d.outcome, grantedCents: d.grantedCents }, now, safetRules());
    if (!t.ok) throw new AppError('INVALID_STATE', t.reason);
    const [row] = await tx
      .update(safetClaims)
      .set({
        state: t.next,
        outcome: d.outcome,
        grantedCents: d.grantedCents,
        decidedAt: now,
        appealBy: t.next === 'decided' ? t.appealBy : c.appealBy,
        finalAt: t.next === 'final' ? now : null,
        decisionNote: d.note,
      })
      .where(and(eq(safetClaims.id, c.id), eq(safetClaims.state, c.state)))
      .returning();
    if (t.creditCents > 0) {
      await postSellerEntry(tx, {
        sellerId: c.sellerId,
        kind: 'safet_reimbursement',
        amountCents: t.creditCents,
        orderId: c.orderId,
        reference: `safet:${c.id}`,
        description: `SAFE-T reimbursement (${stage === 'appeal' ? 'appeal' : 'claim'}): ${outcomeLabel[d.outcome].toLowerCase()}`,
        idempotencyKey: `safet:${c.id}:${stage}`,
      });
    }
    await addMessage(tx, c.id, 'ops', staffId, `${stage === 'appeal' ? 'Appeal decision' : 'Decision'}: ${outcomeLabel[d.outcome]}${d.grantedCents ? ` (${formatMoney(d.grantedCents)})` : ''}. ${d.note}`);
    await recordCaseAction(tx, {
      orderId: c.orderId,
      staffUserId: staffId,
      action: stage === 'appeal' ? 'safet_appeal_decided' : 'safet_decided',
      reason: `${outcomeLabel[d.outcome]}: ${d.note}`,
      amountCents: d.grantedCents,
      claimId: c.id,
    });
    const seller = await getSellerFacts(c.sellerId);
    const appealLine =
      t.next === 'decided' && d.outcome !== 'granted_full' && t.appealBy
        ? `\nYou can appeal once, with new information, before ${formatDateTimeIn(t.appealBy, seller?.timeZone ?? 'America/New_York')}.`
        : '';
    await emailSeller(tx, c.sellerId, `SAFE-T ${stage === 'appeal' ? 'appeal' : 'claim'}: ${outcomeLabel[d.outcome]}`, `${outcomeLabel[d.outcome]}${d.grantedCents ? `: ${formatMoney(d.grantedCents)} credited to your account` : ''}.\n\n${d.note}${appealLine}\n\n${claimLink(c.id)}\n`);
    return row;
  });
}

/**
 * Jobs: claims whose "Respond before" passed without the information are denied, at exactly the deadline. Set-based:
 * one UPDATE for every due claim, then their messages and emails in the same transaction.
 */
export async function autoDenyOverdueClaims({ now = new Date() } = {}): Promise<number> {
  const db = await getDb();
  const appealDays = safetRules().appealDays;
  const at = sql`${now.toISOString()}::timestamptz`;
  return db.transaction(async (tx) => {
    const res = await tx.execute(sql`
      update ${safetClaims} c set
        state = (case when c.appealed_at is null then 'decided' else 'final' end)::safet_state,
        outcome = 'denied',
        decided_at = ${at},
        appeal_by = case when c.appealed_at is null then ${at} + make_interval(days => ${appealDays}) else c.appeal_by end,
        final_at = case when c.appealed_at is null then null else ${at} end,
        decision_note = 'Denied: the information requested was not provided within 7 days.'
      where c.id in (
        select id from ${safetClaims} where state = 'info_requested' and respond_by <= ${at}
        order by respond_by limit 1000 for update skip locked)
      returning c.id, c.seller_id, c.order_id, c.appeal_by, c.appealed_at`);
    const denied = rows<{ id: string; seller_id: string; order_id: string; appeal_by: string | Date | null; appealed_at: unknown }>(res);
    if (denied.length === 0) return 0;
    const ids = denied.map((d) => d.id);
    await tx.execute(sql`
      insert into ${safetClaimMessages} (claim_id, author_role, body)
      select x, 'system', 'Denied automatically: the information requested was not provided within 7 days.'
      from unnest(${sql.param(ids)}::uuid[]) as x`);
    const msgs = await sellerEmails(denied.map((d) => d.seller_id));
    const out: OutboxMessageInput[] = [];
    for (const d of denied) {
      const s = msgs.get(d.seller_id);
      if (!s?.email) continue;
      const appealLine = d.appealed_at ? '' : d.appeal_by ? `\nYou can appeal once before ${formatDateTimeIn(new Date(d.appeal_by), s.timeZone)}.` : '';
      out.push({
        channel: 'email',
        recipient: s.email,
        template: 'safet_update',
        subject: 'SAFE-T claim denied: no answer within 7 days',
        body: `Your SAFE-T claim was denied because the information requested was not provided within 7 days.${appealLine}\n\n${claimLink(d.id)}\n`,
      });
    }
    await enqueueMessages(tx, out);
    return denied.length;
  });
}

async function sellerEmails(sellerIds: string[]) {
  const out = new Map<string, { email: string | null; timeZone: string }>();
  const unique = [...new Set(sellerIds)];
  const sellers = await Promise.all(unique.map((id) => getSellerFacts(id)));
  const people = await getPeople(sellers.filter(Boolean).map((s) => s!.userId));
  for (const s of sellers) if (s) out.set(s.id, { email: people.get(s.userId)?.email ?? null, timeZone: s.timeZone });
  return out;
}

/**
 * Jobs: one reminder email per deadline, 48 hours before it passes ("Respond before" and "Appeal before"). The
 * reminders table's primary key (claim, kind, deadline) makes it once per deadline, even with several runners.
 */
export async function sendSafetDeadlineReminders({ now = new Date() } = {}): Promise<number> {
  const db = await getDb();
  const at = sql`${now.toISOString()}::timestamptz`;
  const horizon = sql`${new Date(now.getTime() + REMINDER_BEFORE_MS).toISOString()}::timestamptz`;
  return db.transaction(async (tx) => {
    const res = await tx.execute(sql`
      insert into safet_reminders (claim_id, deadline_kind, deadline_at)
      select id, 'respond', respond_by from ${safetClaims}
        where state = 'info_requested' and respond_by > ${at} and respond_by <= ${horizon}
      union all
      select id, 'appeal', appeal_by from ${safetClaims}
        where state = 'decided' and appealed_at is null and outcome <> 'granted_full' and appeal_by > ${at} and appeal_by <= ${horizon}
      on conflict do nothing
      returning claim_id, deadline_kind, deadline_at`);
    const due = rows<{ claim_id: string; deadline_kind: 'respond' | 'appeal'; deadline_at: string | Date }>(res);
    if (due.length === 0) return 0;
    const claims = await tx
      .select({ id: safetClaims.id, sellerId: safetClaims.sellerId })
      .from(safetClaims)
      .where(sql`${safetClaims.id} = any(${sql.param(due.map((d) => d.claim_id))}::uuid[])`);
    const sellerOfClaim = new Map(claims.map((c) => [c.id, c.sellerId]));
    const contacts = await sellerEmails(claims.map((c) => c.sellerId));
    const out: OutboxMessageInput[] = [];
    for (const d of due) {
      const s = contacts.get(sellerOfClaim.get(d.claim_id)!);
      if (!s?.email) continue;
      const when = formatDateTimeIn(new Date(d.deadline_at), s.timeZone);
      out.push({
        channel: 'email',
        recipient: s.email,
        template: 'safet_deadline_reminder',
        subject: d.deadline_kind === 'respond' ? `SAFE-T: respond before ${when}` : `SAFE-T: appeal before ${when}`,
        body:
          d.deadline_kind === 'respond'
            ? `Customer service is waiting for your answer on a SAFE-T claim. Respond before ${when}, or the claim is denied.\n\n${claimLink(d.claim_id)}\n`
            : `You can appeal the decision on your SAFE-T claim once, before ${when}.\n\n${claimLink(d.claim_id)}\n`,
      });
    }
    await enqueueMessages(tx, out);
    return out.length;
  });
}

// --- Readers --------------------------------------------------------------------------------------------------------

export async function listSellerClaims(sellerId: string, opts: { before?: { at: Date; id: string }; limit?: number } = {}) {
  const db = await getDb();
  const limit = Math.min(opts.limit ?? 20, 100);
  const cursor = opts.before ? or(lt(safetClaims.createdAt, opts.before.at), and(eq(safetClaims.createdAt, opts.before.at), lt(safetClaims.id, opts.before.id))) : undefined;
  const list = await db
    .select()
    .from(safetClaims)
    .where(and(eq(safetClaims.sellerId, sellerId), cursor))
    .orderBy(desc(safetClaims.createdAt), desc(safetClaims.id))
    .limit(limit + 1);
  return { items: list.slice(0, limit), hasMore: list.length > limit };
}

/** Deadlines of a seller's claims between two instants (the calendar). */
export async function listSellerDeadlines(sellerId: string, from: Date, to: Date) {
  const db = await getDb();
  return db
    .select()
    .from(safetClaims)
    .where(
      and(
        eq(safetClaims.sellerId, sellerId),
        or(
          and(eq(safetClaims.state, 'info_requested'), gt(safetClaims.respondBy, from), lte(safetClaims.respondBy, to)),
          and(eq(safetClaims.state, 'decided'), gt(safetClaims.appealBy, from), lte(safetClaims.appealBy, to)),
        ),
      ),
    )
    .limit(500);
}

export async function getSellerClaim(sellerId: string, claimId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(claimId)) return null;
  const db = await getDb();
  const [c] = await db.select().from(safetClaims).where(and(eq(safetClaims.id, claimId), eq(safetClaims.sellerId, sellerId))).limit(1);
  if (!c) return null;
  const thread = await db.select().from(safetClaimMessages).where(eq(safetClaimMessages.claimId, c.id)).orderBy(asc(safetClaimMessages.id)).limit(500);
  return { claim: c, thread };
}

/** Staff: any claim with its thread. */
export async function getClaimForStaff(claimId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(claimId)) return null;
  const db = await getDb();
  const [c] = await db.select().from(safetClaims).where(eq(safetClaims.id, claimId)).limit(1);
  if (!c) return null;
  const thread = await db.select().from(safetClaimMessages).where(eq(safetClaimMessages.claimId, c.id)).orderBy(asc(safetClaimMessages.id)).limit(500);
  return { claim: c, thread };
}

/** Staff queue: claims waiting for a decision first (submitted, appealed), oldest first; keyset. */
export async function listClaimsForStaff(opts: { view?: 'review' | 'all'; before?: { at: Date; id: string }; limit?: number } = {}) {
  const db = await getDb();
  const limit = Math.min(opts.limit ?? 20, 100);
  const cursor = opts.before ? or(lt(safetClaims.createdAt, opts.before.at), and(eq(safetClaims.createdAt, opts.before.at), lt(safetClaims.id, opts.before.id))) : undefined;
  const list = await db
    .select()
    .from(safetClaims)
    .where(and(opts.view === 'all' ? undefined : sql`${safetClaims.state} in ('submitted', 'appealed')`, cursor))
    .orderBy(desc(safetClaims.createdAt), desc(safetClaims.id))
    .limit(limit + 1);
  return { items: list.slice(0, limit), hasMore: list.length > limit };
}

/** Refunds of this seller a claim could be filed on (marketplace-issued, charged to them, order not claimed yet), newest first. */
export async function listClaimableRefunds(sellerId: string) {
  const charged = await listSellerChargedMarketplaceRefunds(sellerId);
  if (charged.length === 0) return [];
  const db = await getDb();
  const claimed = await db
    .select({ orderId: safetClaims.orderId })
    .from(safetClaims)
    .where(inArray(safetClaims.orderId, [...new Set(charged.map((r) => r.orderId))]));
  const claimedOrders = new Set(claimed.map((c) => c.orderId));
  return charged.filter((r) => !claimedOrders.has(r.orderId)).slice(0, 50);
}

/** The SAFE-T claim on an order, if any (one per order), for customer service's case view. */
export async function getClaimForOrder(orderId: string): Promise<SafetClaim | null> {
  const db = await getDb();
  const [c] = await db.select().from(safetClaims).where(eq(safetClaims.orderId, orderId)).limit(1);
  return c ?? null;
}
