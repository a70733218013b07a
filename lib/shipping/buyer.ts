import 'server-only';
import type { AppUser } from '@/lib/accounts/queries';
import { listAddresses } from '@/lib/accounts/queries';
import { zip3Of } from './geo';
import { promiseViewOf, type PromiseSource, type PromiseView } from './rules';
import { DEFAULT_DESTINATION_ZIP, promiseForOffer } from './promise';

// Which ZIP the buyer's promise is for: one they entered (valid), else their first saved address, else the stated
// default. An entered ZIP that is not one we deliver to comes back with an error to show, and the fallback is used.
export async function destinationZipFor(user: AppUser | null, entered: string | undefined): Promise<{ zip: string; source: 'entered' | 'saved' | 'default'; error: string | null }> {
  let error: string | null = null;
  if (entered !== undefined && entered.trim() !== '') {
    const zip = entered.trim().slice(0, 10);
    if (zip3Of(zip)) return { zip: zip.slice(0, 5), source: 'entered', error: null };
    error = 'Enter a 5-digit US ZIP code, e.g. 10001.';
  }
  if (user) {
    const saved = (await listAddresses(user.id)).find((a) => zip3Of(a.zip));
    if (saved) return { zip: saved.zip.slice(0, 5), source: 'saved', error };
  }
  return { zip: DEFAULT_DESTINATION_ZIP, source: 'default', error };
}

type OfferForPromise = { id: string; sellerId: string; sizeClass: 'standard' | 'oversize'; prime: boolean };

// The promise a buyer sees for an offer at a ZIP. Its `prime` is THE badge decision (S2, rules.showsPrimeBadge):
// every place that shows the badge (product page, checkout, offer lists) takes it from here, never from the seller's
// eligibility alone.
export async function buyerPromise(offer: OfferForPromise, zip: string) {
  return promiseForOffer({ offerId: offer.id, sellerId: offer.sellerId, sizeTier: offer.sizeClass, sellerPrimeEligible: offer.prime, zip });
}

// The badge of each offer of a list for one destination: the same promise as the product page, so a card never shows
// the badge where the page would not. Offers of sellers who are not eligible need no lookup.
export async function primeBadges(offers: readonly OfferForPromise[], zip: string): Promise<Set<string>> {
  const shown = await Promise.all(offers.map(async (o) => (o.prime && (await buyerPromise(o, zip))?.prime ? o.id : null)));
  return new Set(shown.filter((id): id is string => id !== null));
}

// The promise for a destination as the buyer reads it (product page, checkout).
export async function buyerPromiseView(offer: OfferForPromise, zip: string, source: PromiseSource, now = new Date()): Promise<PromiseView> {
  return promiseViewOf(await buyerPromise(offer, zip), zip, source, now);
}
