import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { formatMoney } from '@/lib/money';
import { getSellerFactsForUser } from '@/lib/returns/order-facts';
import { formatDateTimeIn } from '@/lib/returns/rules';
import { parseStatementFilters, statementQuery } from '@/lib/seller-account/filters';
import { STATEMENT_KINDS, statementKindLabel, statementPage, statementTotals } from '@/lib/seller-account/statement';

export const metadata: Metadata = { title: 'Account statement' };

const money = (c: number) => <span className={c < 0 ? 'text-red-800' : c > 0 ? 'text-emerald-800' : ''}>{c < 0 ? `−${formatMoney(-c)}` : formatMoney(c)}</span>;

export default async function AccountStatementPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage('/seller/account', ['seller']);
  const seller = await getSellerFactsForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const f = parseStatementFilters(await searchParams);
  const filter = { kinds: f.kinds, from: f.from, to: f.to, tz: seller.timeZone };
  const [page, totals] = await Promise.all([statementPage(seller.id, filter, { before: f.after ? { id: f.after } : undefined, limit: 25 }), statementTotals(seller.id, filter)]);
  const filtered = f.kinds.length > 0 || f.from || f.to;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Account statement</h1>
          <p className="text-sm text-slate-600">Every charge and credit on your seller account, newest first. Times in {seller.timeZone.replace('_', ' ')}.</p>
        </div>
        <a href={`/seller/account/statement.csv?${statementQuery(f)}`} className={buttonClass('secondary')} download>
          Download CSV
        </a>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Totals">
        <Total label="Account balance" value={totals.balanceCents} testId="balance" />
        <Total label={filtered ? 'Charges (filtered)' : 'Charges'} value={totals.chargesCents} />
        <Total label={filtered ? 'Credits (filtered)' : 'Credits'} value={totals.creditsCents} />
        <Total label={filtered ? 'Net (filtered)' : 'Net'} value={totals.netCents} />
      </dl>

      <form method="get" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" aria-label="Filter the statement">
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Type</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {STATEMENT_KINDS.map((k) => (
              <label key={k.value} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="kind" value={k.value} defaultChecked={f.kinds.includes(k.value)} className="size-4" />
                {k.label}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="text-sm font-medium text-slate-800">
          From
          <input type="date" name="from" defaultValue={f.from} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
        </label>
        <label className="text-sm font-medium text-slate-800">
          To
          <input type="date" name="to" defaultValue={f.to} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
        </label>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass('primary')}>
            Apply
          </button>
          {filtered && (
            <Link href="/seller/account" className={buttonClass('ghost')}>
              Clear
            </Link>
          )}
        </div>
      </form>

      {page.items.length === 0 ? (
        <EmptyState title={filtered ? 'Nothing matches these filters' : 'No movements yet'}>Label purchases, refunds and SAFE-T reimbursements appear here as they happen.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full min-w-[40rem] text-left text-sm" data-testid="statement">
            <caption className="sr-only">Account movements with the balance after each</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="p-3">Date</th>
                <th scope="col" className="p-3">Type</th>
                <th scope="col" className="p-3">Description</th>
                <th scope="col" className="p-3 text-right">Amount</th>
                <th scope="col" className="p-3 text-right">Balance</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.id} className="border-t border-slate-200 align-top">
                  <td className="p-3 whitespace-nowrap">{formatDateTimeIn(r.createdAt, seller.timeZone)}</td>
                  <td className="p-3">{statementKindLabel[r.kind]}</td>
                  <td className="p-3">
                    {r.description}
                    {r.orderId && <span className="block text-xs text-slate-500">Order {r.orderId.slice(0, 8)}</span>}
                  </td>
                  <td className="p-3 text-right whitespace-nowrap">{money(r.amountCents)}</td>
                  <td className="p-3 text-right whitespace-nowrap">{money(r.balanceCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {f.after ? <Link href={`/seller/account?${statementQuery(f)}`}>← Newest</Link> : <span />}
        {page.next && (
          <Link href={`/seller/account?${statementQuery(f, { after: String(page.next.id) })}`} rel="next">
            Older →
          </Link>
        )}
      </nav>
    </div>
  );
}

function Total({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-3">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold" data-testid={testId}>
        {money(value)}
      </dd>
    </div>
  );
}
