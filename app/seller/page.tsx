import type { Metadata } from 'next';
import { PrimeStatusSummary } from '@/components/seller/prime/status-summary';
import { PrimeBadge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { formatMoney } from '@/lib/money';
import { getDashboard } from '@/lib/prime/dashboard';
import { getSellerForUser, listOrdersToShip, listSellerOffers } from '@/lib/prime/queries';

export const metadata: Metadata = { title: 'Seller Central' };

export default async function SellerHome() {
  const user = await requireUserPage('/seller', ['seller']);
  const seller = await getSellerForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet. Contact marketplace support.</EmptyState>;
  const [offers, toShip, prime] = await Promise.all([listSellerOffers(seller.id), listOrdersToShip(seller.id), getDashboard(seller.id)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{seller.displayName}</h1>
      {prime && <PrimeStatusSummary d={prime} />}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Orders to ship</h2>
        {toShip.length === 0 ? (
          <EmptyState title="Nothing to ship">New orders appear here once they’re paid.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {toShip.map((o) => (
              <li key={o.orderId} className="p-4 text-sm">
                <span className="font-medium">{o.title}</span> × {o.quantity} → {o.city}, {o.state}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Your offers</h2>
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th className="p-3">Offer</th>
                <th className="p-3">Price</th>
                <th className="p-3">Stock</th>
                <th className="p-3">Badge</th>
              </tr>
            </thead>
            <tbody>
              {offers.map((o) => (
                <tr key={o.id} className="border-t border-slate-200">
                  <td className="p-3">{o.title}</td>
                  <td className="p-3">{formatMoney(o.priceCents, o.currency)}</td>
                  <td className="p-3">{o.stock}</td>
                  <td className="p-3">{seller.primeEligible ? <PrimeBadge /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
