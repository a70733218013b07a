import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ServiceForm } from '@/components/returns/service-form';
import { ClaimThread } from '@/components/safet/claim-thread';
import { Badge } from '@/components/ui/badge';
import { requireUserPage } from '@/lib/auth/session';
import { formatMoney } from '@/lib/money';
import { formatDateTimeIn } from '@/lib/returns/rules';
import { decideClaimAction, requestClaimInfoAction } from '@/lib/safet/actions';
import { getClaimForStaff } from '@/lib/safet/commands';
import { outcomeLabel, safetReasonLabel, type SafetReason } from '@/lib/safet/rules';

export const metadata: Metadata = { title: 'SAFE-T claim' };
const TZ = 'America/New_York';

export default async function OpsClaimPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUserPage(`/ops/safet/${id}`, ['ops']);
  const found = await getClaimForStaff(id);
  if (!found) notFound();
  const { claim, thread } = found;
  const reviewing = claim.state === 'submitted' || claim.state === 'appealed';
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <Link href="/ops/safet">← SAFE-T claims</Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">SAFE-T claim</h1>
        <Badge tone={reviewing ? 'amber' : 'neutral'}>{claim.state === 'appealed' ? 'Appeal under review' : claim.state.replace('_', ' ')}</Badge>
        {claim.outcome && <Badge tone={claim.outcome === 'denied' ? 'red' : 'green'}>{outcomeLabel[claim.outcome]}</Badge>}
      </div>
      <section className="space-y-1 rounded-xl border border-slate-200 bg-white p-4 text-sm">
        <p className="font-medium">
          {safetReasonLabel[claim.reason as SafetReason] ?? claim.reason} · {formatMoney(claim.amountCents)} claimed{claim.wantsReplacement ? ' · free replacement' : ''}
        </p>
        <p>
          Order <Link href={`/ops/cases/${claim.orderId}`}>{claim.orderId.slice(0, 8)}</Link> · filed {formatDateTimeIn(claim.createdAt, TZ)} · attested: {claim.attested ? 'yes' : 'no'}
        </p>
        {claim.respondBy && claim.state === 'info_requested' && <p>Seller must respond before {formatDateTimeIn(claim.respondBy, TZ)}.</p>}
        {claim.appealBy && claim.state === 'decided' && <p>Seller may appeal before {formatDateTimeIn(claim.appealBy, TZ)}.</p>}
        {claim.grantedCents > 0 && <p>Credited so far: {formatMoney(claim.grantedCents)}</p>}
      </section>
      <section className="space-y-2" aria-labelledby="thread-heading">
        <h2 id="thread-heading" className="text-lg font-semibold">
          Messages
        </h2>
        <ClaimThread thread={thread} tz={TZ} forStaff />
      </section>
      {reviewing && (
        <div className="grid gap-4 md:grid-cols-2">
          <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="decide-heading">
            <h2 id="decide-heading" className="font-semibold">
              {claim.state === 'appealed' ? 'Decide the appeal (final)' : 'Decide'}
            </h2>
            <ServiceForm
              action={decideClaimAction}
              testId="decide-form"
              submitLabel="Record decision"
              pendingLabel="Saving…"
              fields={[
                { kind: 'hidden', name: 'claimId', value: claim.id },
                {
                  kind: 'select',
                  name: 'outcome',
                  label: 'Decision',
                  defaultValue: '',
                  placeholder: 'Choose',
                  options: [
                    { value: 'granted_full', label: `Grant in full (${formatMoney(claim.amountCents)})` },
                    { value: 'granted_partial', label: 'Grant in part' },
                    { value: 'denied', label: 'Deny' },
                  ],
                },
                { kind: 'text', name: 'grantedAmount', label: 'Amount granted (USD, for a partial grant)', inputMode: 'decimal' },
                { kind: 'textarea', name: 'note', label: 'Reason (the seller sees it)', rows: 3 },
              ]}
            />
          </section>
          <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="info-heading">
            <h2 id="info-heading" className="font-semibold">
              Ask the seller for information
            </h2>
            <p className="text-sm text-slate-600">The seller has 7 days; without an answer the claim is denied.</p>
            <ServiceForm
              action={requestClaimInfoAction}
              testId="request-info-form"
              submitLabel="Request information"
              pendingLabel="Sending…"
              fields={[
                { kind: 'hidden', name: 'claimId', value: claim.id },
                { kind: 'textarea', name: 'body', label: 'What you need', rows: 3 },
              ]}
            />
          </section>
        </div>
      )}
    </div>
  );
}
