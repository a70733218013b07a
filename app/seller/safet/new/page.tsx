import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ServiceForm } from '@/components/returns/service-form';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { formatMoney } from '@/lib/money';
import { getSellerFactsForUser } from '@/lib/returns/order-facts';
import { formatDateIn } from '@/lib/returns/rules';
import { getSellerRefund, refundKindLabel } from '@/lib/refunds/service';
import { fileClaimAction } from '@/lib/safet/actions';
import { safetRules } from '@/lib/safet/commands';
import { CARRIER_CLAIM_POINTER, filingDeadline, SAFET_ATTESTATION, SAFET_REASONS } from '@/lib/safet/rules';

export const metadata: Metadata = { title: 'File a SAFE-T claim' };

export default async function NewClaimPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUserPage('/seller/safet/new', ['seller']);
  const seller = await getSellerFactsForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const refundId = (await searchParams).refund ?? '';
  if (!/^[0-9a-f-]{36}$/i.test(refundId)) notFound();
  const refund = await getSellerRefund(seller.id, refundId);
  if (!refund) notFound();
  const rules = safetRules();
  const cap = Math.min(refund.amountCents, rules.maxCents);
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <Link href="/seller/safet">← Manage SAFE-T claims</Link>
      <h1 className="text-2xl font-bold">File a SAFE-T claim</h1>
      <div className="rounded-xl border border-slate-200 bg-white p-4 text-sm">
        <p className="font-medium">
          {refundKindLabel[refund.kind]} of {formatMoney(refund.amountCents)} on order {refund.orderId.slice(0, 8)}
        </p>
        <p className="text-slate-600">Customer service’s reason: “{refund.reason}”</p>
        <p className="text-slate-600">File by {formatDateIn(filingDeadline(refund.succeededAt ?? refund.createdAt, rules), seller.timeZone)} · one claim per order.</p>
      </div>
      <Alert tone="info" title="Lost or damaged in return transit?">
        {CARRIER_CLAIM_POINTER}
      </Alert>
      <ServiceForm
        action={fileClaimAction}
        testId="claim-form"
        submitLabel="File claim"
        pendingLabel="Filing…"
        successHref="/seller/safet/"
        successHrefKey="claimId"
        resetOnSuccess={false}
        fields={[
          { kind: 'hidden', name: 'refundId', value: refund.id },
          { kind: 'select', name: 'reason', label: 'Reason', options: SAFET_REASONS.map((r) => ({ value: r.value, label: r.label })), placeholder: 'Choose the reason', defaultValue: '' },
          { kind: 'text', name: 'amountCents', label: 'Amount you claim (USD)', inputMode: 'decimal', hint: `At most ${formatMoney(cap)} (the refund, and never more than ${formatMoney(rules.maxCents)} per order).`, defaultValue: (cap / 100).toFixed(2) },
          { kind: 'textarea', name: 'evidence', label: 'What happened, and your evidence', rows: 5, hint: 'Tracking numbers, photos you can describe, dates, what the buyer said.' },
          { kind: 'checkbox', name: 'wantsReplacement', label: 'I sent a free replacement and also claim it' },
          { kind: 'checkbox', name: 'attested', label: SAFET_ATTESTATION, required: true },
        ]}
      />
    </div>
  );
}
