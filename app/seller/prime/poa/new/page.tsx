import type { Metadata } from 'next';
import Link from 'next/link';
import { PlanForm } from '@/components/seller/prime/plan-form';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { getPlanDraft, planMetricLine } from '@/lib/prime/plans';
import { getSellerForUser } from '@/lib/prime/queries';
import { DEFECT_LABEL, DEFECT_OF_METRIC, metricName, type Metric } from '@/lib/prime/rules';

export const metadata: Metadata = { title: 'Create a plan of action' };
export const dynamic = 'force-dynamic';

export default async function NewPlanPage() {
  const user = await requireUserPage('/seller/prime/poa/new', ['seller']);
  const seller = await getSellerForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile" />;
  const draft = await getPlanDraft(seller.id);
  if (!draft)
    return (
      <EmptyState title="No plan of action to write">
        A plan of action answers a revocation of your Prime eligibility, one at a time. <Link href="/seller/prime" className="underline">Back to Prime performance</Link>
      </EmptyState>
    );
  const { snapshot } = draft;
  const problem = `Our Prime eligibility was revoked for: ${snapshot.metrics.map((m) => metricName(m.metric as Metric)).join(', ')}. ${snapshot.metrics.map(planMetricLine).join('. ')}.`;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/seller/prime" className="text-brand-dark underline">
            ← Prime performance
          </Link>
        </p>
        <h1 className="text-2xl font-bold">Create a plan of action</h1>
        <p className="text-slate-700">Tell us what went wrong, why, and what you have changed so it does not happen again. An approved plan restores your eligibility.</p>
      </div>
      <section aria-labelledby="figures-h" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="figures-h" className="font-semibold">
          Failing metrics
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm" data-testid="poa-metrics">
          {snapshot.metrics.map((m) => (
            <li key={m.metric}>{planMetricLine(m)}</li>
          ))}
        </ul>
        {snapshot.defectOrderIds.length > 0 && (
          <>
            <h3 className="mt-4 font-semibold">Orders behind them</h3>
            {snapshot.defectOrderIds.map((d) => {
              const filter = DEFECT_OF_METRIC[d.metric as Metric];
              return (
                <div key={d.metric} className="mt-2 text-sm">
                  <p className="font-medium">
                    {filter ? DEFECT_LABEL[filter] : metricName(d.metric as Metric)} ({d.orderIds.length}
                    {d.orderIds.length >= 20 ? '+' : ''})
                  </p>
                  {d.orderIds.length ? (
                    <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 font-mono text-xs" data-testid="poa-orders">
                      {d.orderIds.map((id) => (
                        <span key={id}>{id.slice(0, 8)}</span>
                      ))}
                    </p>
                  ) : (
                    <p className="text-slate-600">None in the current window.</p>
                  )}
                  {filter && (
                    <Link href={`/seller/prime/defects?metric=${filter}`} className="text-brand-dark underline">
                      All of them in the defect report
                    </Link>
                  )}
                </div>
              );
            })}
          </>
        )}
      </section>
      <PlanForm defaults={{ problem }} />
    </div>
  );
}
