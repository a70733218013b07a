import type { Metadata } from 'next';
import Link from 'next/link';
import { StartTrialButton } from '@/components/seller/prime/start-trial-button';
import { TrendChart } from '@/components/seller/prime/trend-chart';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { getDashboard, type Dashboard, type DashboardMetric } from '@/lib/prime/dashboard';
import { thresholds } from '@/lib/prime/evaluation';
import { getSellerForUser } from '@/lib/prime/queries';
import { defectCount, figureDetail, formatRate, higherIsBetter, metricName, PROGRAM_LABEL, thresholdValue, type MetricStatus } from '@/lib/prime/rules';

export const metadata: Metadata = { title: 'Prime performance' };
export const dynamic = 'force-dynamic';

const STATUS_TONE = { enrolled: 'green', trial: 'blue', not_enrolled: 'neutral', ineligible: 'red' } as const;
const METRIC_TONE: Record<MetricStatus, 'green' | 'red' | 'neutral' | 'amber'> = { pass: 'green', fail: 'red', no_data: 'neutral', not_measured: 'neutral', not_enforced: 'amber' };
const METRIC_WORD: Record<MetricStatus, string> = { pass: 'Meets', fail: 'Below requirement', no_data: 'No orders yet', not_measured: 'Not measured yet', not_enforced: 'Not enforced' };

const day = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

function defectHref(m: DashboardMetric, d: Dashboard) {
  return m.defectFilter ? `/seller/prime/defects?metric=${m.defectFilter}&from=${d.windowStart}&to=${d.today}` : null;
}

function Headline({ d }: { d: Dashboard }) {
  const s = d.state.status;
  const failing = d.failing.map(metricName);
  let text: string;
  if (s === 'enrolled') text = failing.length ? `You are eligible today, but ${failing.join(', ')} ${failing.length > 1 ? 'are' : 'is'} below the requirement. The next daily evaluation will revoke eligibility unless it recovers.` : 'You meet every requirement: the Prime badge shows on your offers.';
  else if (s === 'ineligible')
    text = d.openPlan
      ? `Your eligibility was revoked. Your plan of action, submitted ${d.openPlan.submittedAt.toLocaleDateString('en-US', { month: 'short', day: 'numeric' })}, is with our team.`
      : 'Your eligibility was revoked: the Prime badge is off on your offers. Fix what is below, then submit a plan of action.';
  else if (s === 'trial') text = 'You are in the trial. Meet every requirement until it ends and you are enrolled automatically.';
  else text = d.preQualification?.qualified ? 'You pre-qualify for the trial: start it whenever you are ready.' : 'You are not enrolled. Pre-qualify over 90 days to start the trial.';
  return (
    <section aria-labelledby="status-h" className={`rounded-xl border p-4 sm:p-5 ${s === 'ineligible' ? 'border-red-300 bg-red-50' : s === 'enrolled' && !failing.length ? 'border-emerald-300 bg-emerald-50' : 'border-slate-200 bg-white'}`}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="status-h" className="text-sm font-medium text-slate-700">
          Prime shipping programs · Seller Fulfilled Prime
        </h2>
        <Badge tone={STATUS_TONE[s]}>
          <span data-testid="program-status">{PROGRAM_LABEL[s]}</span>
        </Badge>
      </div>
      <p className="mt-2 text-base text-slate-900 sm:text-lg">{text}</p>
      <div className="mt-3 flex flex-wrap gap-3">
        {d.revocationId && (
          <Link href="/seller/prime/poa/new" className={buttonClass('primary')}>
            Create POA
          </Link>
        )}
        <Link href="/seller/prime/defects" className={buttonClass('secondary')}>
          Defect report
        </Link>
        <Link href="/seller/prime/what-if" className={buttonClass('secondary')}>
          What if…
        </Link>
      </div>
      {d.lastPlan?.status === 'rejected' && s === 'ineligible' && !d.openPlan && (
        <div className="mt-3">
          <Alert tone="warning" title="Your last plan of action was not approved">
            {d.lastPlan.reviewNote}
          </Alert>
        </div>
      )}
    </section>
  );
}

function Fixes({ d }: { d: Dashboard }) {
  const failing = d.metrics.filter((m) => m.status === 'fail');
  if (failing.length === 0) return null;
  return (
    <section aria-labelledby="fix-h" className="space-y-3">
      <h2 id="fix-h" className="text-lg font-semibold">
        What to fix
      </h2>
      <ul className="space-y-3">
        {failing.map((m) => {
          const href = defectHref(m, d);
          const n = defectCount(m);
          return (
            <li key={m.metric} className="rounded-xl border border-red-200 bg-white p-4" data-testid={`fix-${m.metric}`}>
              <p className="font-semibold text-red-800">
                {metricName(m.metric)}: {formatRate(m)} <span className="font-normal text-slate-600">(requirement {m.threshold})</span>
              </p>
              <dl className="mt-2 grid gap-2 text-sm sm:grid-cols-[8rem_1fr]">
                <dt className="font-medium text-slate-600">Cause</dt>
                <dd>{m.advice!.cause}</dd>
                <dt className="font-medium text-slate-600">Action</dt>
                <dd>
                  {m.advice!.action}
                  {m.advice!.note && <span className="mt-1 block text-slate-600">{m.advice!.note}</span>}
                </dd>
              </dl>
              {href ? (
                <Link href={href} className="mt-3 inline-block font-medium text-brand-dark underline">
                  See the {n} {n === 1 ? 'order' : 'orders'} behind it in the defect report
                </Link>
              ) : (
                <Link href="/seller/prime/what-if" className="mt-3 inline-block font-medium text-brand-dark underline">
                  Try changes in the what-if panel
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Program({ d }: { d: Dashboard }) {
  if (d.trial) {
    const t = d.trial;
    return (
      <section aria-labelledby="trial-h" className="rounded-xl border border-blue-200 bg-white p-4">
        <h2 id="trial-h" className="font-semibold">
          Trial: day {t.daysElapsed} of {t.total}
        </h2>
        <div className="mt-2 h-3 w-full overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={t.total} aria-valuenow={t.daysElapsed} aria-label="Trial progress">
          <div className="h-full bg-blue-600" style={{ width: `${(100 * t.daysElapsed) / t.total}%` }} />
        </div>
        <p className="mt-2 text-sm text-slate-700">
          Started {day(t.startedOn)} · {t.daysLeft} {t.daysLeft === 1 ? 'day' : 'days'} left · ends {day(t.endsOn)}. The figures below are your trial so far.
          {d.failing.length ? ` If the trial ended today it would fail on: ${d.failing.map(metricName).join(', ')}.` : ' If it ended today you would be enrolled.'}
        </p>
      </section>
    );
  }
  if (d.preQualification) {
    const p = d.preQualification;
    return (
      <section aria-labelledby="pq-h" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="pq-h" className="font-semibold">
          Pre-qualification (last 90 days)
        </h2>
        <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
          <li>Seller-fulfilled packages: {p.packages}</li>
          <li>Late shipment rate: {formatRate(p.lateShipment)} (below 4%)</li>
          <li>Cancellation rate: {formatRate(p.cancellation)} (below 2.5%)</li>
          <li>Valid tracking rate: {formatRate(p.validTracking)} (above 95%)</li>
        </ul>
        {p.qualified ? (
          <div className="mt-3">
            <StartTrialButton trialDays={thresholds().trialDays} />
          </div>
        ) : (
          <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-amber-900">
            {p.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </section>
    );
  }
  return null;
}

function MetricCard({ m, d }: { m: DashboardMetric; d: Dashboard }) {
  const t = thresholds();
  const href = defectHref(m, d);
  return (
    <li className={`rounded-xl border bg-white p-3 sm:p-4 ${m.status === 'fail' ? 'border-red-300' : 'border-slate-200'}`} data-testid={`metric-${m.metric}`}>
      <div className="flex flex-wrap items-start justify-between gap-1">
        <h3 className="text-sm font-medium text-slate-700">{metricName(m.metric)}</h3>
        <Badge tone={METRIC_TONE[m.status]}>{METRIC_WORD[m.status]}</Badge>
      </div>
      <p className="mt-1 text-xl font-bold tabular-nums sm:text-2xl">{formatRate(m)}</p>
      <p className="text-xs text-slate-600">
        {figureDetail(m)} · requirement {m.threshold}
      </p>
      <div className="mt-2">
        <TrendChart points={m.trend} threshold={thresholdValue(m.metric, t)} higherIsBetter={higherIsBetter(m.metric)} label={metricName(m.metric)} today={d.today} />
      </div>
      {href && defectCount(m) > 0 && (
        <Link href={href} className="mt-1 inline-block text-sm text-brand-dark underline">
          {defectCount(m)} in the defect report
        </Link>
      )}
    </li>
  );
}

export default async function PrimeDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage('/seller/prime', ['seller']);
  const seller = await getSellerForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet. Contact marketplace support.</EmptyState>;
  const [d, sp] = await Promise.all([getDashboard(seller.id), searchParams]);
  if (!d) return <EmptyState title="No seller profile" />;
  const orderMetrics = d.metrics.slice(0, 5);
  const coverage = d.metrics.slice(5);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Prime performance</h1>
        <p className="text-sm text-slate-600">
          Last {d.windowDays} days by promised dates: {day(d.windowStart)} – {day(d.today)}
          {d.lastEvaluatedOn ? ` · last daily evaluation ${day(d.lastEvaluatedOn)}` : ''}
        </p>
      </div>
      {sp.plan === 'submitted' && <Alert tone="success" title="Plan of action submitted">Our team reviews it and emails you the decision.</Alert>}
      <Headline d={d} />
      <Fixes d={d} />
      <Program d={d} />
      <section aria-labelledby="metrics-h" className="space-y-3">
        <h2 id="metrics-h" className="text-lg font-semibold">
          Order metrics
        </h2>
        <ul className="grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-3">
          {orderMetrics.map((m) => (
            <MetricCard key={m.metric} m={m} d={d} />
          ))}
        </ul>
        <h2 className="pt-2 text-lg font-semibold">Delivery speed, coverage and operations</h2>
        {coverage.every((m) => m.status === 'not_measured') ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-700">
            One-day and two-day delivery speed, nationwide coverage, weekend operations, weekend delivery and cut-off times come from your shipping templates and order handling
            settings: not measured yet. Their requirements are in the table below.
          </p>
        ) : (
          <ul className="grid grid-cols-2 gap-3 lg:grid-cols-3">
            {coverage.map((m) => (
              <MetricCard key={m.metric} m={m} d={d} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="req-h" className="space-y-2">
        <h2 id="req-h" className="text-lg font-semibold">
          Requirements
        </h2>
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="p-3">
                  Metric
                </th>
                <th scope="col" className="p-3">
                  Requirement
                </th>
                <th scope="col" className="p-3">
                  Yours
                </th>
                <th scope="col" className="p-3">
                  Status
                </th>
              </tr>
            </thead>
            <tbody>
              {d.metrics.map((m) => (
                <tr key={m.metric} className="border-t border-slate-200">
                  <th scope="row" className="p-3 font-medium">
                    {metricName(m.metric)}
                  </th>
                  <td className="p-3">{m.threshold}</td>
                  <td className="p-3 tabular-nums">{formatRate(m)}</td>
                  <td className="p-3">{METRIC_WORD[m.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-600">
          On-time delivery: a package shipped on time on a Buy Shipping label and delivered late is not held against you. Cancellations count only when you cancel; gifts declined,
          expired, cancelled by the giver or taken as a gift card, and buyers’ requests, never do. Services under special operating plans are exempt from Buy Shipping.
        </p>
      </section>
      {d.history.length > 0 && (
        <section aria-labelledby="hist-h" className="space-y-2">
          <h2 id="hist-h" className="text-lg font-semibold">
            Status history
          </h2>
          <ol className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white text-sm">
            {d.history.map((h) => (
              <li key={h.id} className="p-3">
                <span className="font-medium">{h.at.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' })}</span>:{' '}
                {PROGRAM_LABEL[h.from as keyof typeof PROGRAM_LABEL]} → {PROGRAM_LABEL[h.to as keyof typeof PROGRAM_LABEL]}
                {h.note && <span className="block text-slate-600">{h.note}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
