import type { Metadata } from 'next';
import Link from 'next/link';
import { OfferProfileForm } from '@/components/seller/shipping/offer-profile-form';
import { TemplateForm } from '@/components/seller/shipping/template-form';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getSellerForUser, listSellerOffers } from '@/lib/prime/queries';
import { listOfferProfiles, listShipFromLocations } from '@/lib/shipping/settings';
import { listTemplates } from '@/lib/shipping/templates';

export const metadata: Metadata = { title: 'Shipping templates' };

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export default async function TemplatesPage() {
  const user = await requireUserPage('/seller/templates', ['seller']);
  const seller = await getSellerForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const [templates, locations, offers, profiles] = await Promise.all([listTemplates(seller.id), listShipFromLocations(seller.id), listSellerOffers(seller.id), listOfferProfiles(seller.id)]);
  const { oneDayCoverageMin, twoDayCoverageMin } = config().sfp;
  const profileOf = new Map(profiles.map((p) => [p.offerId, p]));
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Prime shipping templates</h1>
      <section aria-labelledby="list" className="space-y-3">
        <h2 id="list" className="text-xl font-semibold">
          Your templates
        </h2>
        {templates.length === 0 ? (
          <EmptyState title="No template yet">Create a standard-size template below: Prime needs one-day, two-day and nationwide coverage.</EmptyState>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {templates.map((t) => (
              <li key={t.id} className="rounded-xl border border-slate-200 bg-white p-4">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/seller/templates/${t.id}`} className="font-semibold">
                    {t.name}
                  </Link>
                  <Badge>{t.sizeTier === 'standard' ? 'Standard size' : 'Oversize'}</Badge>
                  {t.automated && <Badge tone="blue">Automated</Badge>}
                  {t.isDefault && <Badge tone="green">Default</Badge>}
                </div>
                <p className="mt-1 text-sm text-slate-600">Ships from {t.shipFromName}</p>
                <p className="mt-2 text-sm">
                  One-day <strong className={t.oneDayShare >= oneDayCoverageMin ? 'text-emerald-800' : 'text-red-700'}>{pct(t.oneDayShare)}</strong> · Two-day{' '}
                  <strong className={t.twoDayShare >= twoDayCoverageMin ? 'text-emerald-800' : 'text-red-700'}>{pct(t.twoDayShare)}</strong> ·{' '}
                  {t.nationwide ? <span className="text-emerald-800">Nationwide</span> : <span className="text-red-700">Missing {t.missingStates.length} states</span>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="new" className="space-y-3">
        <h2 id="new" className="text-xl font-semibold">
          New template
        </h2>
        {locations.length === 0 ? (
          <EmptyState title="Add a ship-from location first">
            Templates ship from one of your locations. <Link href="/seller/settings/shipping">Open shipping settings</Link>.
          </EmptyState>
        ) : (
          <div className="rounded-xl border border-slate-200 bg-slate-50 p-4">
            <TemplateForm locations={locations.map((l) => ({ id: l.id, name: l.name }))} />
          </div>
        )}
      </section>

      <section aria-labelledby="offers" className="space-y-3">
        <h2 id="offers" className="text-xl font-semibold">
          Offers: parcel size and template
        </h2>
        <p className="text-sm text-slate-700">The parcel’s dimensions and weight decide its size tier (standard: up to 20 lb and 18 × 14 × 8 in). Without a template of its own an offer uses the default template of its tier.</p>
        {offers.length === 0 ? (
          <EmptyState title="No offers yet">Your offers appear here.</EmptyState>
        ) : (
          <ul className="space-y-3">
            {offers.map((o) => {
              const p = profileOf.get(o.id);
              return (
                <li key={o.id} className="rounded-xl border border-slate-200 bg-white p-4">
                  <OfferProfileForm
                    offer={{ id: o.id, title: o.title }}
                    profile={p ? { lengthIn: p.lengthIn, widthIn: p.widthIn, heightIn: p.heightIn, weightLb: Math.round((o.weightOz / 16) * 100) / 100, templateId: p.templateId ?? '', sizeTier: o.sizeClass } : null}
                    templates={templates.map((t) => ({ id: t.id, name: t.name, sizeTier: t.sizeTier }))}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
