import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ServiceForm } from '@/components/returns/service-form';
import { ClaimStatus } from '@/components/safet/claim-badge';
import { ClaimThread } from '@/components/safet/claim-thread';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { formatMoney } from '@/lib/money';
import { getSellerFactsForUser } from '@/lib/returns/order-facts';
import { appealClaimAction, respondToClaimAction } from '@/lib/safet/actions';
import { getSellerClaim } from '@/lib/safet/commands';
import { safetReasonLabel, sellerView, type SafetReason } from '@/lib/safet/rules';

export const metadata: Metadata = { title: 'SAFE-T claim' };

export default async function ClaimPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUserPage(`/seller/safet/${id}`, ['seller']);
  const seller = await getSellerFactsForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const found = await getSellerClaim(seller.id, id);
  if (!found) notFound();
  const { claim, thread } = found;
  const now = new Date();
  const action = sellerView(claim, now).action;
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <Link href="/seller/safet">← Manage SAFE-T claims</Link>
      <h1 className="text-2xl font-bold">SAFE-T claim</h1>
      <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm">
        <p className="font-medium">
          {safetReasonLabel[claim.reason as SafetReason] ?? claim.reason} · {formatMoney(claim.amountCents)} claimed{claim.wantsReplacement ? ' · free replacement' : ''}
        </p>
        <p className="text-slate-600">Order {claim.orderId.slice(0, 8)}</p>
        <ClaimStatus claim={claim} tz={seller.timeZone} now={now} />
        {claim.grantedCents > 0 && <p>{formatMoney(claim.grantedCents)} credited to your account.</p>}
      </section>
      <section className="space-y-3" aria-labelledby="thread-heading">
        <h2 id="thread-heading" className="text-lg font-semibold">
          Messages
        </h2>
        <ClaimThread thread={thread} tz={seller.timeZone} />
      </section>
      {action?.kind === 'respond' && (
        <section className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-4" aria-labelledby="respond-heading">
          <h2 id="respond-heading" className="font-semibold">
            Answer the SAFE-T team
          </h2>
          <ServiceForm
            action={respondToClaimAction}
            testId="respond-form"
            submitLabel="Send answer"
            pendingLabel="Sending…"
            fields={[
              { kind: 'hidden', name: 'claimId', value: claim.id },
              { kind: 'textarea', name: 'body', label: 'Your answer', rows: 4 },
            ]}
          />
        </section>
      )}
      {action?.kind === 'appeal' && (
        <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="appeal-heading">
          <h2 id="appeal-heading" className="font-semibold">
            Appeal this decision
          </h2>
          <p className="text-sm text-slate-600">You can appeal once. Read the reasons above and add the information or evidence that supports your claim.</p>
          <ServiceForm
            action={appealClaimAction}
            testId="appeal-form"
            submitLabel="Appeal"
            pendingLabel="Sending…"
            confirm="A claim can be appealed only once. Send this appeal?"
            fields={[
              { kind: 'hidden', name: 'claimId', value: claim.id },
              { kind: 'textarea', name: 'body', label: 'Why the decision should change', rows: 4 },
            ]}
          />
        </section>
      )}
    </div>
  );
}
