import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { Dashboard } from '@/lib/prime/dashboard';
import { formatRate, metricName, PROGRAM_LABEL } from '@/lib/prime/rules';

const TONE = { enrolled: 'green', trial: 'blue', not_enrolled: 'neutral', ineligible: 'red' } as const;

// The seller home's one-look Prime status: where they stand, why, and the one thing to do next.
export function PrimeStatusSummary({ d }: { d: Dashboard }) {
  const s = d.state.status;
  const failing = d.metrics.filter((m) => m.status === 'fail');
  let next: { href: string; label: string };
  if (s === 'ineligible' && d.revocationId) next = { href: '/seller/prime/poa/new', label: 'Create POA' };
  else if (failing.length) next = { href: '/seller/prime', label: 'See what to fix' };
  else if (s === 'not_enrolled' && d.preQualification?.qualified) next = { href: '/seller/prime', label: 'Start the trial' };
  else next = { href: '/seller/prime', label: 'Prime performance' };
  return (
    <section aria-labelledby="prime-summary-h" className={`rounded-xl border p-4 ${s === 'ineligible' ? 'border-red-300 bg-red-50' : 'border-slate-200 bg-white'}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="prime-summary-h" className="font-semibold">
            Seller Fulfilled Prime
          </h2>
          <Badge tone={TONE[s]}>{PROGRAM_LABEL[s]}</Badge>
        </div>
        <Link href={next.href} className="font-medium text-brand-dark underline">
          {next.label}
        </Link>
      </div>
      <p className="mt-2 text-sm text-slate-700">
        {failing.length
          ? `Below requirement: ${failing.map((m) => `${metricName(m.metric)} ${formatRate(m)} (${m.threshold})`).join('; ')}.`
          : s === 'trial' && d.trial
            ? `Trial day ${d.trial.daysElapsed} of ${d.trial.total}: every requirement met so far.`
            : s === 'enrolled'
              ? 'Every requirement met: the Prime badge shows on your offers.'
              : s === 'ineligible'
                ? d.openPlan
                  ? 'Your plan of action is with our team.'
                  : 'Eligibility revoked: submit a plan of action.'
                : d.preQualification?.qualified
                  ? 'You pre-qualify for the 30-day trial.'
                  : 'Not enrolled yet.'}
      </p>
    </section>
  );
}
