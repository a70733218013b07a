import type { Metadata } from 'next';
import Link from 'next/link';
import { WhatIfForm } from '@/components/seller/prime/what-if-form';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getSellerForUser } from '@/lib/prime/queries';
import { whatIfDefaults } from '@/lib/prime/what-if';
import { getShippingSettings } from '@/lib/shipping/settings';

export const metadata: Metadata = { title: 'What if…' };
export const dynamic = 'force-dynamic';

export default async function WhatIfPage() {
  const user = await requireUserPage('/seller/prime/what-if', ['seller']);
  const seller = await getSellerForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile" />;
  const [settings, defaults] = await Promise.all([getShippingSettings(seller.id), whatIfDefaults(seller.id)]);
  const t = config().sfp;
  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm">
          <Link href="/seller/prime" className="text-brand-dark underline">
            ← Prime performance
          </Link>
        </p>
        <h1 className="text-2xl font-bold">What if…</h1>
        <p className="text-slate-700">
          Add services, widen a zone limit, add states to your Prime templates or move a cut-off, and see the delivery speed, coverage and promise your Prime templates
          would reach, before saving anything.
        </p>
      </div>
      {settings.locations.length === 0 ? (
        <EmptyState title="No ship-from location yet">
          Add one under <Link href="/seller/settings/shipping" className="underline">Shipping settings</Link> first.
        </EmptyState>
      ) : (
        <WhatIfForm
          locations={settings.locations.map((l) => ({ id: l.id, name: l.name }))}
          services={settings.services.map((s) => ({ id: s.id, name: s.name, enabled: s.enabled, maxZone: s.maxZone }))}
          thresholds={{ oneDay: t.oneDayCoverageMin, twoDay: t.twoDayCoverageMin, weekdayCutoff: t.weekdayCutoffEarliest, weekendCutoff: t.weekendCutoffEarliest }}
          defaults={defaults}
        />
      )}
    </div>
  );
}
