import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { formatMoney } from '@/lib/money';
import { decodeCursor, encodeCursor } from '@/lib/returns/cursor';
import { formatDateTimeIn } from '@/lib/returns/rules';
import { listClaimsForStaff } from '@/lib/safet/commands';
import { outcomeLabel, safetReasonLabel, type SafetReason } from '@/lib/safet/rules';

export const metadata: Metadata = { title: 'SAFE-T claims' };

const stateLabel = { submitted: 'To decide', info_requested: 'Waiting for the seller', decided: 'Decided', appealed: 'Appeal to decide', final: 'Final' } as const;

export default async function OpsSafetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUserPage('/ops/safet', ['ops']);
  const sp = await searchParams;
  const view = sp.view === 'all' ? 'all' : 'review';
  const { items, hasMore } = await listClaimsForStaff({ view, before: decodeCursor(sp.after), limit: 20 });
  const last = items.at(-1);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">SAFE-T claims</h1>
      <nav aria-label="Which claims" className="flex gap-2 text-sm">
        <Link href="/ops/safet" aria-current={view === 'review' ? 'page' : undefined} className={view === 'review' ? 'font-semibold underline' : ''}>
          To decide
        </Link>
        <span aria-hidden>·</span>
        <Link href="/ops/safet?view=all" aria-current={view === 'all' ? 'page' : undefined} className={view === 'all' ? 'font-semibold underline' : ''}>
          All claims
        </Link>
      </nav>
      {items.length === 0 ? (
        <EmptyState title="Nothing to decide">Claims and appeals waiting for a decision appear here.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="ops-claims">
          {items.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 p-4 text-sm">
              <div>
                <Link href={`/ops/safet/${c.id}`} className="font-medium">
                  {safetReasonLabel[c.reason as SafetReason] ?? c.reason} · {formatMoney(c.amountCents)}
                </Link>
                <p className="text-slate-600">
                  Order {c.orderId.slice(0, 8)} · filed {formatDateTimeIn(c.createdAt, 'America/New_York')}
                </p>
              </div>
              <Badge tone={c.state === 'submitted' || c.state === 'appealed' ? 'amber' : 'neutral'}>
                {stateLabel[c.state]}
                {c.outcome && c.state !== 'appealed' ? `: ${outcomeLabel[c.outcome]}` : ''}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      {hasMore && last && (
        <Link href={`/ops/safet?${new URLSearchParams({ ...(view === 'all' ? { view } : {}), after: encodeCursor(last.createdAt, last.id) })}`} rel="next">
          Older claims →
        </Link>
      )}
    </div>
  );
}
