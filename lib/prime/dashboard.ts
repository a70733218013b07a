import 'server-only';
import { and, desc, eq, gte } from 'drizzle-orm';
import { getDb } from '@/db';
import { plansOfAction, primeEvaluations, primeStatusChanges } from '@/db/schema';
import { getSellerPrimeState, type SellerPrimeState } from '@/lib/catalog/prime-status';
import { coverageForSellers } from './coverage';
import { countOrderMetricsSql, thresholds, windowOf } from './evaluation';
import {
  addDays,
  adviceFor,
  DEFECT_OF_METRIC,
  judgeMetrics,
  METRICS,
  NO_COVERAGE,
  preQualify,
  trialProgress,
  utcDay,
  type Metric,
  type MetricResult,
  type PreQualification,
  type TrialProgress,
} from './rules';

export type TrendPoint = { day: string; rate: number | null };
export type DashboardMetric = MetricResult & { trend: TrendPoint[]; advice: ReturnType<typeof adviceFor> | null; defectFilter: string | null };

export type Dashboard = {
  state: SellerPrimeState;
  today: string;
  windowStart: string;
  windowDays: number;
  metrics: DashboardMetric[];
  failing: Metric[];
  lastEvaluatedOn: string | null;
  trial: TrialProgress | null;
  preQualification: PreQualification | null;
  history: { id: string; at: Date; from: string; to: string; cause: string; note: string | null; failing: string[] }[];
  openPlan: { id: string; submittedAt: Date } | null;
  lastPlan: { id: string; status: string; reviewNote: string | null; decidedAt: Date | null } | null;
  revocationId: string | null; // the revocation a new plan would answer (null: no plan can be created now)
};

const TREND_DAYS = 90;

// Trend series from the daily evaluation rows: one rate per day per metric (null where nothing was measured).
function trendOf(rows: (typeof primeEvaluations.$inferSelect)[], metric: Metric): TrendPoint[] {
  const pick: Record<Metric, (r: typeof primeEvaluations.$inferSelect) => [number | null, number | null]> = {
    on_time_shipment: (r) => [r.onTimeShipmentNum, r.onTimeShipmentDen],
    on_time_delivery: (r) => [r.onTimeDeliveryNum, r.onTimeDeliveryDen],
    valid_tracking: (r) => [r.validTrackingNum, r.validTrackingDen],
    cancellation: (r) => [r.cancellationNum, r.cancellationDen],
    buy_shipping: (r) => [r.buyShippingNum, r.buyShippingDen],
    one_day_speed: (r) => [r.oneDayNum, r.oneDayDen],
    two_day_speed: (r) => [r.twoDayNum, r.twoDayDen],
    nationwide_coverage: (r) => [r.nationwideNum, r.nationwideDen],
    weekend_operations: (r) => [r.weekendOpsNum, r.weekendOpsDen],
    weekend_delivery: (r) => [r.weekendDeliveryNum, r.weekendDeliveryDen],
    cutoff_compliance: (r) => [r.cutoffNum, r.cutoffDen],
  };
  return rows.map((r) => {
    const [n, d] = pick[metric](r);
    return { day: r.evaluatedOn, rate: n !== null && d ? n / d : null };
  });
}

// Everything the Prime performance dashboard shows for one seller: current figures over the trailing window up to
// now (the same SQL as the daily evaluation), the 90-day trend of the daily rows, trial progress or pre-qualification,
// status history and plans. Ownership: the caller passes the signed-in seller's own id.
export async function getDashboard(sellerId: string, now = new Date()): Promise<Dashboard | null> {
  const db = await getDb();
  const t = thresholds();
  const state = await getSellerPrimeState(db, sellerId);
  if (!state) return null;
  const today = utcDay(now);
  const [current, coverage, evals, history, plans] = await Promise.all([
    countOrderMetricsSql(db, [windowOf(state)], today, t.windowDays, { oneSeller: true, asOf: now }),
    coverageForSellers(db, [sellerId]),
    db
      .select()
      .from(primeEvaluations)
      .where(and(eq(primeEvaluations.sellerId, sellerId), gte(primeEvaluations.evaluatedOn, addDays(today, -TREND_DAYS))))
      .orderBy(primeEvaluations.evaluatedOn),
    db.select().from(primeStatusChanges).where(eq(primeStatusChanges.sellerId, sellerId)).orderBy(desc(primeStatusChanges.createdAt)).limit(10),
    db.select().from(plansOfAction).where(eq(plansOfAction.sellerId, sellerId)).orderBy(desc(plansOfAction.submittedAt)).limit(1),
  ]);
  const counts = current.get(sellerId)!;
  const results = judgeMetrics(counts, coverage.get(sellerId) ?? NO_COVERAGE, t);
  const metrics: DashboardMetric[] = results.map((r) => ({
    ...r,
    trend: trendOf(evals, r.metric),
    advice: r.status === 'fail' ? adviceFor(r.metric) : null,
    defectFilter: DEFECT_OF_METRIC[r.metric] ?? null,
  }));
  let preQualification: PreQualification | null = null;
  if (state.status === 'not_enrolled') {
    const c = await countOrderMetricsSql(db, [{ sellerId, since: null }], today, t.preQualificationDays, { oneSeller: true, asOf: now });
    preQualification = preQualify(c.get(sellerId)!, t);
  }
  const lastPlan = plans[0] ?? null;
  const lastRevocation = history.find((h) => h.toStatus === 'ineligible') ?? null;
  const openPlan = lastPlan?.status === 'submitted' ? { id: lastPlan.id, submittedAt: lastPlan.submittedAt } : null;
  return {
    state,
    today,
    windowStart: counts.windowStart,
    windowDays: t.windowDays,
    metrics: METRICS.map((m) => metrics.find((x) => x.metric === m)!),
    failing: results.filter((r) => r.status === 'fail').map((r) => r.metric),
    lastEvaluatedOn: evals.at(-1)?.evaluatedOn ?? null,
    trial: state.status === 'trial' && state.trialStartedAt ? trialProgress(state.trialStartedAt, now, t.trialDays) : null,
    preQualification,
    history: history.map((h) => ({ id: h.id, at: h.createdAt, from: h.fromStatus, to: h.toStatus, cause: h.cause, note: h.note, failing: h.failing })),
    openPlan,
    lastPlan: lastPlan ? { id: lastPlan.id, status: lastPlan.status, reviewNote: lastPlan.reviewNote, decidedAt: lastPlan.approvedAt ?? lastPlan.rejectedAt } : null,
    revocationId: state.status === 'ineligible' && !openPlan ? (lastRevocation?.id ?? null) : null,
  };
}
