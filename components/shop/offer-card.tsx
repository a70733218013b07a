import Link from 'next/link';
import { PrimeBadge } from '@/components/ui/badge';
import { formatMoney } from '@/lib/money';
import type { OfferSummary } from '@/lib/catalog/queries';

// `prime` is the S2 decision for the buyer's destination (lib/shipping/buyer primeBadges), the same as the product page's.
export function OfferCard({ offer, prime }: { offer: OfferSummary; prime: boolean }) {
  return (
    <li className="flex flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <Link href={`/products/${offer.slug}`} className="flex flex-1 flex-col no-underline">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={offer.imageUrl} alt="" width={320} height={240} className="aspect-[4/3] w-full bg-slate-100 object-contain p-4" />
        <div className="flex flex-1 flex-col gap-1 p-4">
          <h2 className="font-semibold text-slate-900">{offer.title}</h2>
          <p className="text-sm text-slate-600">by {offer.sellerName}</p>
          <div className="mt-auto flex items-center gap-2 pt-2">
            <span className="text-lg font-bold text-slate-900">{formatMoney(offer.priceCents, offer.currency)}</span>
            {prime && <PrimeBadge />}
          </div>
          {offer.stock === 0 && <p className="text-sm font-medium text-red-700">Out of stock</p>}
        </div>
      </Link>
    </li>
  );
}
