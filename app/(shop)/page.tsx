import type { Metadata } from 'next';
import { OfferCard } from '@/components/shop/offer-card';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination, parsePage } from '@/components/ui/pagination';
import { currentUser } from '@/lib/auth/session';
import { listOffers } from '@/lib/catalog/queries';
import { destinationZipFor, primeBadges } from '@/lib/shipping/buyer';

export const metadata: Metadata = { title: 'Shop' };

export default async function ShopPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = parsePage((await searchParams).page);
  const [{ items, pageCount }, dest] = await Promise.all([listOffers({ page }), currentUser().then((u) => destinationZipFor(u, undefined))]);
  // The badge follows the delivery promise to the buyer's saved address (or the stated default ZIP), as on the product page.
  const prime = await primeBadges(items, dest.zip);
  return (
    <div>
      <div className="mb-6">
        <h1 className="text-2xl font-bold">Shop</h1>
        <p className="text-slate-600">Prime offers ship free in two days. Send any of them as a gift with just an email address or phone number.</p>
        <p className="text-sm text-slate-600" data-testid="list-destination">
          Delivery to {dest.zip}
          {dest.source === 'saved' ? ' (your saved address)' : ' (a sample ZIP: open a product to enter yours)'}.
        </p>
      </div>
      {items.length === 0 ? (
        <EmptyState title="Nothing for sale yet">Sellers’ offers will appear here.</EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((o) => (
            <OfferCard key={o.id} offer={o} prime={prime.has(o.id)} />
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} href={(p) => `/?page=${p}`} />
    </div>
  );
}
