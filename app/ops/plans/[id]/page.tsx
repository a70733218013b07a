import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PlanDecision } from '@/components/seller/prime/plan-decision';
import { Badge } from '@/components/ui/badge';
import { requireUserPage } from '@/lib/auth/session';
import { getPlanForOps, planMetricLine } from '@/lib/prime/plans';
import { formatRate, metricName, PROGRAM_LABEL, type Metric } from '@/lib/prime/rules';

export const metadata: Metadata = { title: 'Plan of action' };
export const dynamic = 'force-dynamic';

export default async function OpsPlanPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUserPage('/ops/plans', ['ops']);
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const found = await getPlanForOps(id);
  if (!found) notFound();
  const { plan, seller, dashboard } = found;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/ops/plans" className="text-brand-dark underline">
          ← Plans of action
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{seller?.displayName ?? 'Seller'}: plan of action</h1>
        <Badge tone={plan.status === 'submitted' ? 'amber' : plan.status === 'approved' ? 'green' : 'red'}>{plan.status === 'submitted' ? 'Waiting for review' : plan.status === 'approved' ? 'Approved' : 'Rejected'}</Badge>
        {seller && <Badge tone={seller.status === 'ineligible' ? 'red' : 'neutral'}>Program: {PROGRAM_LABEL[seller.status]}</Badge>}
      </div>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <article className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-600">Submitted {plan.submittedAt.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })}</p>
          <section>
            <h2 className="font-semibold">The problem</h2>
            <p className="whitespace-pre-line text-sm">{plan.problem}</p>
          </section>
          <section>
            <h2 className="font-semibold">Root cause</h2>
            <p className="whitespace-pre-line text-sm">{plan.rootCause}</p>
          </section>
          <section>
            <h2 className="font-semibold">Preventive steps</h2>
            <p className="whitespace-pre-line text-sm">{plan.preventiveSteps}</p>
          </section>
          {plan.snapshot && (
            <section>
              <h2 className="font-semibold">Figures when submitted ({plan.snapshot.evaluatedOn})</h2>
              <ul className="list-disc pl-5 text-sm">
                {plan.snapshot.metrics.map((m) => (
                  <li key={m.metric}>{planMetricLine(m)}</li>
                ))}
              </ul>
              {plan.snapshot.defectOrderIds.map((d) => (
                <p key={d.metric} className="mt-1 text-xs">
                  {metricName(d.metric as Metric)}: <span className="font-mono">{d.orderIds.map((o) => o.slice(0, 8)).join(' ') || 'none'}</span>
                </p>
              ))}
            </section>
          )}
          {plan.status !== 'submitted' && (
            <section>
              <h2 className="font-semibold">Decision</h2>
              <p className="text-sm">
                {plan.status === 'approved' ? 'Approved' : 'Rejected'} {(plan.approvedAt ?? plan.rejectedAt)?.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })}
              </p>
              <p className="whitespace-pre-line text-sm">{plan.reviewNote}</p>
            </section>
          )}
        </article>
        <aside className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="now-h">
          <h2 id="now-h" className="font-semibold">
            Seller’s metrics now
          </h2>
          {dashboard ? (
            <table className="w-full text-left text-sm">
              <tbody>
                {dashboard.metrics.map((m) => (
                  <tr key={m.metric} className="border-t border-slate-100">
                    <th scope="row" className="py-1 pr-2 font-normal">
                      {metricName(m.metric)}
                    </th>
                    <td className={`py-1 tabular-nums ${m.status === 'fail' ? 'font-semibold text-red-700' : ''}`}>{formatRate(m)}</td>
                    <td className="py-1 text-xs text-slate-600">{m.threshold}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm">No figures.</p>
          )}
        </aside>
      </div>
      {plan.status === 'submitted' && <PlanDecision planId={plan.id} />}
    </div>
  );
}
