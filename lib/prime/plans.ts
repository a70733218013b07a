import 'server-only';
import { and, asc, desc, eq, gt, inArray, or } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { plansOfAction, primeEvaluations, primeStatusChanges, type PlanSnapshot } from '@/db/schema';
import { getContactsForUsers } from '@/lib/accounts/contacts';
import { applyPrimeStatusChanges, getSellerPrimeState, getSellerPrimeStates } from '@/lib/catalog/prime-status';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { enqueueMessages } from '@/lib/notifications/outbox';
import { getDashboard } from './dashboard';
import { listDefects } from './defects';
import { recordStatusChanges } from './evaluation';
import { DEFECT_OF_METRIC, formatRate, metricName, type Metric } from './rules';

const DEFECT_ORDERS_PER_METRIC = 20;

// What "Create POA" pre-fills: the failing metrics with their figures and the orders behind them (S5, S18).
export async function getPlanDraft(sellerId: string, now = new Date()): Promise<{ revocationId: string; snapshot: PlanSnapshot } | null> {
  const d = await getDashboard(sellerId, now);
  if (!d || !d.revocationId) return null;
  const db = await getDb();
  // The revocation's failing list says what was wrong when eligibility went; today's figures show where it stands.
  const [revocation] = await db.select().from(primeStatusChanges).where(eq(primeStatusChanges.id, d.revocationId));
  const failing = [...new Set<Metric>([...(revocation?.failing ?? []), ...d.failing])];
  const metrics = failing.map((m) => {
    const r = d.metrics.find((x) => x.metric === m)!;
    return { metric: m, num: r.num ?? 0, den: r.den ?? 0, threshold: r.threshold };
  });
  const defectOrderIds: PlanSnapshot['defectOrderIds'] = [];
  for (const m of failing) {
    const filter = DEFECT_OF_METRIC[m];
    if (!filter) continue;
    const page = await listDefects(db, { sellerId, filter, from: d.windowStart, to: d.today, limit: DEFECT_ORDERS_PER_METRIC }, now);
    defectOrderIds.push({ metric: m, orderIds: page.rows.map((r) => r.orderId) });
  }
  return { revocationId: d.revocationId, snapshot: { evaluatedOn: d.today, metrics, defectOrderIds } };
}

const isUniqueViolation = (e: unknown) => {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) if ((c as { code?: string }).code === '23505') return true;
  return false;
};

// The seller's plan of action, answering their latest revocation. The snapshot is built here, never taken from the form.
export async function submitPlan(sellerId: string, input: { problem: string; rootCause: string; preventiveSteps: string }, now = new Date()) {
  const draft = await getPlanDraft(sellerId, now);
  if (!draft) throw new AppError('INVALID_STATE', 'A plan of action can only be submitted after a revocation, and only one at a time.');
  const db = await getDb();
  try {
    const [plan] = await db
      .insert(plansOfAction)
      .values({ sellerId, problem: input.problem, rootCause: input.rootCause, preventiveSteps: input.preventiveSteps, revocationId: draft.revocationId, snapshot: draft.snapshot, submittedAt: now })
      .returning({ id: plansOfAction.id });
    return plan;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', 'You already have a plan of action waiting for review.');
    throw e;
  }
}

export async function getSellerPlan(sellerId: string, planId: string) {
  const db = await getDb();
  const [p] = await db.select().from(plansOfAction).where(and(eq(plansOfAction.id, planId), eq(plansOfAction.sellerId, sellerId)));
  return p ?? null;
}

export async function listSellerPlans(sellerId: string) {
  const db = await getDb();
  return db.select().from(plansOfAction).where(eq(plansOfAction.sellerId, sellerId)).orderBy(desc(plansOfAction.submittedAt)).limit(20);
}

// Ops queue: submitted plans, oldest first, keyset on (submitted_at, id), with each seller's latest daily figures.
export async function listPlanQueue(opts: { status?: 'submitted' | 'approved' | 'rejected'; after?: { at: Date; id: string } | null; limit?: number } = {}) {
  const db = await getDb();
  const limit = opts.limit ?? 20;
  const status = opts.status ?? 'submitted';
  const where = [eq(plansOfAction.status, status)];
  if (opts.after) where.push(or(gt(plansOfAction.submittedAt, opts.after.at), and(eq(plansOfAction.submittedAt, opts.after.at), gt(plansOfAction.id, opts.after.id)))!);
  const plans = await db
    .select()
    .from(plansOfAction)
    .where(and(...where))
    .orderBy(asc(plansOfAction.submittedAt), asc(plansOfAction.id))
    .limit(limit + 1);
  const page = plans.slice(0, limit);
  const sellerIds = [...new Set(page.map((p) => p.sellerId))];
  const [states, latest] = await Promise.all([
    getSellerPrimeStates(db, sellerIds).then((all) => new Map(all.map((s) => [s.sellerId, s]))),
    sellerIds.length
      ? db
          .selectDistinctOn([primeEvaluations.sellerId])
          .from(primeEvaluations)
          .where(inArray(primeEvaluations.sellerId, sellerIds))
          .orderBy(primeEvaluations.sellerId, desc(primeEvaluations.evaluatedOn))
      : [],
  ]);
  const latestBy = new Map(latest.map((e) => [e.sellerId, e]));
  const last = page.at(-1);
  return {
    items: page.map((p) => ({ plan: p, seller: states.get(p.sellerId) ?? null, latest: latestBy.get(p.sellerId) ?? null })),
    next: plans.length > limit && last ? { at: last.submittedAt, id: last.id } : null,
  };
}

export async function getPlanForOps(planId: string) {
  const db = await getDb();
  const [p] = await db.select().from(plansOfAction).where(eq(plansOfAction.id, planId));
  if (!p) return null;
  const [seller, dashboard] = await Promise.all([getSellerPrimeState(db, p.sellerId), getDashboard(p.sellerId)]);
  return { plan: p, seller, dashboard };
}

async function notifySeller(tx: Database, sellerUserId: string, template: string, subject: string, body: string) {
  const contact = (await getContactsForUsers(tx, [sellerUserId])).get(sellerUserId);
  if (contact?.email) await enqueueMessages(tx, [{ channel: 'email', recipient: contact.email, template, subject, body }]);
}

// Ops approve: the plan, the seller's eligibility and badge, the history row and the seller's email in one
// transaction; the plan must still be submitted and the seller still ineligible (a race has one winner).
export async function approvePlan(planId: string, reviewerId: string, note: string, now = new Date()) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .update(plansOfAction)
      .set({ status: 'approved', reviewerId, reviewNote: note, approvedAt: now })
      .where(and(eq(plansOfAction.id, planId), eq(plansOfAction.status, 'submitted')))
      .returning();
    if (!plan) throw new AppError('INVALID_STATE', 'This plan has already been decided.');
    const seller = await getSellerPrimeState(tx, plan.sellerId);
    if (!seller) throw new AppError('NOT_FOUND', 'That seller could not be found.');
    const changed = await applyPrimeStatusChanges(tx, [{ sellerId: plan.sellerId, from: 'ineligible', to: 'enrolled' }], now);
    if (changed.length === 0) throw new AppError('INVALID_STATE', 'This seller is no longer ineligible; nothing to restore.');
    await recordStatusChanges(tx, [{ sellerId: plan.sellerId, from: 'ineligible', to: 'enrolled', cause: 'plan_approved', planId, actorUserId: reviewerId, note, at: now }]);
    await notifySeller(
      tx,
      seller.userId,
      'prime_plan_approved',
      'Your plan of action was approved: Prime eligibility restored',
      [
        `Hello ${seller.displayName},`,
        '',
        'Your plan of action was approved and your Seller Fulfilled Prime eligibility is restored: the Prime badge is back on your offers.',
        '',
        `Note from our team: ${note}`,
        '',
        `Your metrics are measured again from today: ${config().appUrl}/seller/prime`,
      ].join('\n'),
    );
    return plan;
  });
}

export async function rejectPlan(planId: string, reviewerId: string, reasons: string, now = new Date()) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .update(plansOfAction)
      .set({ status: 'rejected', reviewerId, reviewNote: reasons, rejectedAt: now })
      .where(and(eq(plansOfAction.id, planId), eq(plansOfAction.status, 'submitted')))
      .returning();
    if (!plan) throw new AppError('INVALID_STATE', 'This plan has already been decided.');
    const seller = await getSellerPrimeState(tx, plan.sellerId);
    if (seller)
      await notifySeller(
        tx,
        seller.userId,
        'prime_plan_rejected',
        'Your plan of action was not approved',
        [
          `Hello ${seller.displayName},`,
          '',
          'Your plan of action for Seller Fulfilled Prime was not approved, for these reasons:',
          '',
          reasons,
          '',
          `You may submit a new plan from your Prime performance dashboard: ${config().appUrl}/seller/prime`,
        ].join('\n'),
      );
    return plan;
  });
}

// S1: a pre-qualified seller starts the 30-day trial.
export async function startTrial(sellerId: string, actorUserId: string, now = new Date()) {
  const d = await getDashboard(sellerId, now);
  if (!d) throw new AppError('NOT_FOUND', 'That seller could not be found.');
  if (d.state.status !== 'not_enrolled') throw new AppError('INVALID_STATE', 'A trial can only start from "Not enrolled".');
  if (!d.preQualification?.qualified) throw new AppError('INVALID_STATE', `You don't pre-qualify yet: ${d.preQualification?.reasons.join('; ')}.`);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const changed = await applyPrimeStatusChanges(tx, [{ sellerId, from: 'not_enrolled', to: 'trial' }], now);
    if (changed.length === 0) throw new AppError('INVALID_STATE', 'Your program status changed meanwhile. Reload the page.');
    await recordStatusChanges(tx, [{ sellerId, from: 'not_enrolled', to: 'trial', cause: 'trial_started', actorUserId, note: `Pre-qualified with ${d.preQualification!.packages} packages in ${config().sfp.preQualificationDays} days.`, at: now }]);
  });
}

export const planMetricLine = (m: PlanSnapshot["metrics"][number]) => `${metricName(m.metric as Metric)}: ${formatRate({ ...m, metric: m.metric as Metric })} (${m.num} of ${m.den}; requirement ${m.threshold})`;

export async function countPlansWaiting(): Promise<number> {
  const db = await getDb();
  return db.$count(plansOfAction, eq(plansOfAction.status, 'submitted'));
}
