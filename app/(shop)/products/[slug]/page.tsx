import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PrimeBadge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { getOfferBySlug } from '@/lib/catalog/queries';
import { formatMoney } from '@/lib/money';

export default async function ProductPage({ params }: { params: Promise<{ slug: string }> }) {
  const offer = await getOfferBySlug((await params).slug);
  if (!offer) notFound();
  return (
    <article className="grid gap-8 md:grid-cols-2">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={offer.imageUrl} alt={offer.title} width={480} height={360} className="aspect-[4/3] w-full rounded-xl border border-slate-200 bg-white object-contain p-6" />
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{offer.title}</h1>
        <p className="text-slate-600">Sold and shipped by {offer.sellerName}</p>
        <div className="flex items-center gap-3">
          <span className="text-3xl font-bold">{formatMoney(offer.priceCents, offer.currency)}</span>
          {offer.prime && <PrimeBadge />}
        </div>
        {offer.prime ? (
          <p className="text-sm text-slate-700">FREE two-day delivery with Prime.</p>
        ) : (
          <p className="text-sm text-slate-700">Standard shipping; free on orders over $35.</p>
        )}
        <p className="whitespace-pre-line text-slate-800">{offer.description}</p>
        {offer.stock > 0 ? (
          <>
            {/* Coarse on purpose: exact low counts would let a giver see stock come back when a gift is converted. */}
            <p className="text-sm font-medium text-emerald-800">{offer.stock <= 5 ? 'In stock: only a few left' : 'In stock'}</p>
            <Link href={`/checkout/${offer.slug}`} className={buttonClass('primary', 'w-full sm:w-auto')}>
              Buy now or send as a gift
            </Link>
          </>
        ) : (
          <p className="font-medium text-red-700">Out of stock</p>
        )}
      </div>
    </article>
  );
}
