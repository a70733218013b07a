import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { listPlanQueue } from '@/lib/prime/plans';
import { failingMetricsOfRow } from '@/lib/prime/queries';
import { metricName } from '@/lib/prime/rules';

export const metadata: Metadata = { title: 'Plans of action' };
export const dynamic = 'force-dynamic';

const STATUSES = ['submitted', 'approved', 'rejected'] as const;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

function parseAfter(raw: string) {
  const [at, id] = raw.split('_');
  const d = new Date(Number(at));
  return at && id && /^[0-9a-f-]{36}$/i.test(id) && !Number.isNaN(d.getTime()) ? { at: d, id } : null;
}

export default async function PlanQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUserPage('/ops/plans', ['ops']);
  const sp = await searchParams;
  const status = (STATUSES as readonly string[]).includes(one(sp.status)) ? (one(sp.status) as (typeof STATUSES)[number]) : 'submitted';
  const after = parseAfter(one(sp.after));
  const { items, next } = await listPlanQueue({ status, after, limit: 20 });
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Plans of action</h1>
      {sp.decided && <Alert tone="success">{sp.decided === 'approved' ? 'Plan approved: the seller’s eligibility and badge are restored and they have been emailed.' : 'Plan rejected: the seller has been emailed your reasons.'}</Alert>}
      <nav aria-label="Plan status" className="flex gap-4 text-sm">
        {STATUSES.map((s) => (
          <Link key={s} href={`/ops/plans?status=${s}`} aria-current={s === status ? 'page' : undefined} className={s === status ? 'font-semibold text-slate-900 underline' : 'text-brand-dark'}>
            {s === 'submitted' ? 'Waiting for review' : s === 'approved' ? 'Approved' : 'Rejected'}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <EmptyState title={status === 'submitted' ? 'No plans waiting' : 'None yet'}>{status === 'submitted' ? 'Submitted plans appear here, oldest first.' : ''}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {items.map(({ plan, seller, latest }) => (
            <li key={plan.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="plan-row">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link href={`/ops/plans/${plan.id}`} className="text-lg font-semibold text-brand-dark underline">
                  {seller?.displayName ?? 'Unknown seller'}
                </Link>
                <span className="text-sm text-slate-600">Submitted {plan.submittedAt.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })}</span>
              </div>
              <p className="mt-1 line-clamp-2 text-sm text-slate-700">{plan.problem}</p>
              <p className="mt-1 text-sm">
                Latest evaluation{latest ? ` (${latest.evaluatedOn})` : ''}:{' '}
                {latest ? (failingMetricsOfRow(latest).length ? failingMetricsOfRow(latest).map(metricName).join(', ') : 'meets every requirement') : 'none yet'}
              </p>
            </li>
          ))}
        </ul>
      )}
      {next && (
        <Link href={`/ops/plans?status=${status}&after=${next.at.getTime()}_${next.id}`} rel="next" className="text-sm text-brand-dark underline">
          Next page →
        </Link>
      )}
    </div>
  );
}
