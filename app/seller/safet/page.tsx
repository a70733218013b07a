import type { Metadata } from 'next';
import Link from 'next/link';
import { ClaimStatus } from '@/components/safet/claim-badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { formatMoney } from '@/lib/money';
import { decodeCursor, encodeCursor } from '@/lib/returns/cursor';
import { getSellerFactsForUser } from '@/lib/returns/order-facts';
import { formatDateIn } from '@/lib/returns/rules';
import { listClaimableRefunds, listSellerClaims, safetRules } from '@/lib/safet/commands';
import { filingDeadline, safetReasonLabel, sellerView, type SafetReason } from '@/lib/safet/rules';
import { refundKindLabel } from '@/lib/refunds/service';

export const metadata: Metadata = { title: 'Manage SAFE-T claims' };

export default async function ManageSafetClaims({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage('/seller/safet', ['seller']);
  const seller = await getSellerFactsForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const sp = await searchParams;
  const before = decodeCursor(sp.after);
  const [{ items, hasMore }, refundsList] = await Promise.all([listSellerClaims(seller.id, { before, limit: 20 }), listClaimableRefunds(seller.id)]);
  const now = new Date();
  const tz = seller.timeZone;
  const rules = safetRules();
  const open = refundsList.filter((r) => now <= filingDeadline(r.succeededAt ?? r.createdAt, rules));
  // Claims that need the seller first, then the rest in date order.
  const sorted = [...items].sort((a, b) => Number(Boolean(sellerView(b, now).action)) - Number(Boolean(sellerView(a, now).action)));
  const last = items.at(-1);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Manage SAFE-T claims</h1>
          <p className="text-sm text-slate-600">
            Claim reimbursement for refunds customer service issued and charged to you. Deadlines in {tz.replace('_', ' ')}. Claims don’t count in your seller metrics.
          </p>
        </div>
        <Link href="/seller/safet/calendar" className={buttonClass('secondary')}>
          Deadline calendar
        </Link>
      </div>

      {sorted.length === 0 ? (
        <EmptyState title="No claims yet">When customer service refunds a buyer and charges you, you can file a claim below.</EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Your claims">
          {sorted.map((c) => {
            const needsYou = sellerView(c, now).action?.kind === 'respond';
            return (
              <li key={c.id} data-testid="safet-claim" className={`rounded-xl border bg-white p-4 ${needsYou ? 'border-amber-400 ring-2 ring-amber-200' : 'border-slate-200'}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0 space-y-1">
                    <p className="font-semibold">
                      {safetReasonLabel[c.reason as SafetReason] ?? c.reason} · {formatMoney(c.amountCents)}
                    </p>
                    <p className="text-sm text-slate-600">
                      Order {c.orderId.slice(0, 8)} · filed {formatDateIn(c.createdAt, tz)}
                      {c.grantedCents > 0 && ` · ${formatMoney(c.grantedCents)} reimbursed`}
                    </p>
                    <ClaimStatus claim={c} tz={tz} now={now} />
                  </div>
                  <Link href={`/seller/safet/${c.id}`} className={buttonClass(needsYou ? 'primary' : 'secondary')}>
                    View message
                  </Link>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {hasMore && last && (
        <Link href={`/seller/safet?after=${encodeCursor(last.createdAt, last.id)}`} rel="next">
          Older claims →
        </Link>
      )}

      <section className="space-y-2" aria-labelledby="claimable-heading">
        <h2 id="claimable-heading" className="text-lg font-semibold">
          Refunds you can claim
        </h2>
        {open.length === 0 ? (
          <p className="text-sm text-slate-600">None right now. A claim can be filed within {rules.filingWindowDays} days of a customer-service refund, one per order.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {open.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 p-4 text-sm">
                <div>
                  <p className="font-medium">
                    {refundKindLabel[r.kind]} of {formatMoney(r.amountCents)} · order {r.orderId.slice(0, 8)}
                  </p>
                  <p className="text-slate-600">
                    “{r.reason}” · file by {formatDateIn(filingDeadline(r.succeededAt ?? r.createdAt, rules), tz)}
                  </p>
                </div>
                <Link href={`/seller/safet/new?refund=${r.id}`} className={buttonClass('secondary')}>
                  File a claim
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
