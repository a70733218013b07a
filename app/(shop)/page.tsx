import type { Metadata } from 'next';
import { OfferCard } from '@/components/shop/offer-card';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination, parsePage } from '@/components/ui/pagination';
import { listOffers } from '@/lib/catalog/queries';

export const metadata: Metadata = { title: 'Shop' };

export default async function ShopPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = parsePage((await searchParams).page);
  const { items, pageCount } = await listOffers({ page });
  return (
    <div>
      <div className="mb-6">
        <h1 className="text-2xl font-bold">Shop</h1>
        <p className="text-slate-600">Prime offers ship free in two days. Send any of them as a gift with just an email address or phone number.</p>
      </div>
      {items.length === 0 ? (
        <EmptyState title="Nothing for sale yet">Sellers’ offers will appear here.</EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((o) => (
            <OfferCard key={o.id} offer={o} />
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} href={(p) => `/?page=${p}`} />
    </div>
  );
}
