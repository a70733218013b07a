import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { isLookupableSegment } from '@/lib/text';
import { CheckoutForm } from '@/components/shop/checkout-form';
import { listAddresses } from '@/lib/accounts/queries';
import { giftingEligibility } from '@/lib/accounts/rules';
import { requireUserPage } from '@/lib/auth/session';
import { getOfferBySlug } from '@/lib/catalog/queries';
import { buyerPromiseView } from '@/lib/shipping/buyer';
import { DEFAULT_DESTINATION_ZIP } from '@/lib/shipping/promise';
import { config } from '@/lib/config';
import { getGiftCardBalance } from '@/lib/gift-cards/ledger';
import { formatMoney } from '@/lib/money';

export const metadata: Metadata = { title: 'Checkout' };

export default async function CheckoutPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!isLookupableSegment(slug)) notFound();
  const user = await requireUserPage(`/checkout/${slug}`);
  const offer = await getOfferBySlug(slug);
  if (!offer) notFound();
  const [addresses, balanceCents] = await Promise.all([listAddresses(user.id), getGiftCardBalance(user.id)]);
  // The delivery promise follows the destination chosen in the form: each saved address's ZIP is looked up here (one
  // lookup per distinct ZIP), a new address's ZIP as the buyer types it (promiseForZipAction), and until then the
  // stated default. A gift whose recipient gives the address gets its promise at acceptance, shown to them only.
  const now = new Date();
  const zips = [...new Set(addresses.map((a) => a.zip.slice(0, 5)))];
  const views = new Map(await Promise.all(zips.map(async (zip) => [zip, await buyerPromiseView(offer, zip, 'saved', now)] as const)));
  const promises = {
    byAddressId: Object.fromEntries(addresses.map((a) => [a.id, views.get(a.zip.slice(0, 5))!])),
    fallback: await buyerPromiseView(offer, DEFAULT_DESTINATION_ZIP, 'default', now),
  };
  const eligibility = giftingEligibility(user);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-bold">Checkout</h1>
      <div className="mb-6 flex items-center gap-4 rounded-xl border border-slate-200 bg-white p-4">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={offer.imageUrl} alt="" width={80} height={60} className="h-16 w-20 rounded bg-slate-100 object-contain" />
        <div>
          <p className="font-semibold">{offer.title}</p>
          <p className="text-sm text-slate-600">
            {formatMoney(offer.priceCents, offer.currency)} · {offer.sellerName}
          </p>
        </div>
      </div>
      <CheckoutForm
        offer={{ id: offer.id, priceCents: offer.priceCents, prime: offer.prime, currency: offer.currency }}
        checkoutKey={randomUUID()}
        promises={promises}
        addresses={addresses.map((a) => ({ id: a.id, label: `${a.fullName}, ${a.line1}, ${a.city}, ${a.state} ${a.zip}` }))}
        balanceCents={balanceCents}
        gifting={eligibility.eligible ? { eligible: true } : { eligible: false, reason: eligibility.reason }}
        offerLifeDays={Math.round(config().giftOfferLifeHours / 24)}
        showTestCards={process.env.NODE_ENV !== 'production' || process.env.SHOW_TEST_CARDS === '1'}
      />
    </div>
  );
}
