import Link from 'next/link';
import { notFound } from 'next/navigation';
import { isLookupableSegment } from '@/lib/text';
import { PrimeBadge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { OfferQuestionSection } from '@/components/returns/offer-question-section';
import { DeliveryPromise, ZipForm } from '@/components/shop/delivery-promise';
import { currentUser } from '@/lib/auth/session';
import { getOfferBySlug } from '@/lib/catalog/queries';
import { formatMoney } from '@/lib/money';
import { buyerPromiseView, destinationZipFor } from '@/lib/shipping/buyer';

export default async function ProductPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ zip?: string | string[] }> }) {
  const { slug } = await params;
  // A slug with a NUL or a broken character can't name an offer: not found, before the database sees it.
  if (!isLookupableSegment(slug)) notFound();
  const offer = await getOfferBySlug(slug);
  if (!offer) notFound();
  const entered = (await searchParams).zip;
  // The promise for the buyer's destination: an entered ZIP, their saved address, or a stated default (lib/shipping).
  const user = await currentUser();
  const dest = await destinationZipFor(user, typeof entered === 'string' ? entered : undefined);
  const promise = await buyerPromiseView(offer, dest.zip, dest.source);
  return (
    <article className="grid gap-8 md:grid-cols-2">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={offer.imageUrl} alt={offer.title} width={480} height={360} className="aspect-[4/3] w-full rounded-xl border border-slate-200 bg-white object-contain p-6" />
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{offer.title}</h1>
        <p className="text-slate-600">Sold and shipped by {offer.sellerName}</p>
        <div className="flex items-center gap-3">
          <span className="text-3xl font-bold">{formatMoney(offer.priceCents, offer.currency)}</span>
          {promise.prime && <PrimeBadge />}
        </div>
        <section aria-label="Delivery" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          <DeliveryPromise view={promise} />
          {!offer.prime && <p className="text-sm text-slate-700">Standard shipping; free on orders over $35.</p>}
          <ZipForm action={`/products/${offer.slug}`} zip={dest.source === 'default' ? '' : dest.zip} error={dest.error} />
        </section>
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
        <OfferQuestionSection offerId={offer.id} slug={offer.slug} user={user ? { id: user.id, role: user.role } : null} />
      </div>
    </article>
  );
}
