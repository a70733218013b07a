import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CoverageMap, CoverageSummary } from '@/components/seller/shipping/coverage-map';
import { TemplateForm } from '@/components/seller/shipping/template-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { requireUserPage } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getSellerForUser } from '@/lib/prime/queries';
import { ZIP3_TABLE } from '@/lib/shipping/geo';
import { coverageOf } from '@/lib/shipping/rules';
import { listShipFromLocations } from '@/lib/shipping/settings';
import { getTemplate } from '@/lib/shipping/templates';

export const metadata: Metadata = { title: 'Shipping template' };

export default async function TemplatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  const user = await requireUserPage(`/seller/templates/${id}`, ['seller']);
  const seller = await getSellerForUser(user.id);
  if (!seller || !/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const [template, locations] = await Promise.all([getTemplate(seller.id, id), listShipFromLocations(seller.id)]);
  if (!template) notFound();
  const coverage = coverageOf(new Map(template.promises.map((p) => [p.zip3, p])), ZIP3_TABLE);
  const { oneDayCoverageMin, twoDayCoverageMin } = config().sfp;
  const saved = (await searchParams).saved === '1';
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/seller/templates">← All templates</Link>
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-bold">{template.name}</h1>
        <Badge>{template.sizeTier === 'standard' ? 'Standard size' : 'Oversize'}</Badge>
        {template.automated && <Badge tone="blue">Region automation</Badge>}
        {template.isDefault && <Badge tone="green">Default</Badge>}
      </div>
      {saved && <Alert tone="success">Template created; its regions and coverage were computed.</Alert>}
      <p className="text-sm text-slate-700">
        Ships from {template.shipFromName}.{' '}
        {template.automated ? 'Regions come from your enabled carrier services and their zone limits.' : 'Regions are the ones you chose below.'} Coverage counts people, not land: each ZIP3 weighs its
        population.
      </p>
      <CoverageSummary oneDayShare={coverage.oneDayShare} twoDayShare={coverage.twoDayShare} nationwide={coverage.nationwide} missingStates={coverage.missingStates} thresholds={{ oneDay: oneDayCoverageMin, twoDay: twoDayCoverageMin }} />
      <CoverageMap states={coverage.states} title={`Delivery promise by state for ${template.name}`} />
      <section aria-labelledby="edit" className="space-y-3">
        <h2 id="edit" className="text-xl font-semibold">
          Edit
        </h2>
        <div className="rounded-xl border border-slate-200 bg-slate-50 p-4">
          <TemplateForm
            template={{ id: template.id, name: template.name, sizeTier: template.sizeTier, shipFromId: template.shipFromId, automated: template.automated, isDefault: template.isDefault, regions: template.regions }}
            locations={locations.map((l) => ({ id: l.id, name: l.name }))}
          />
        </div>
      </section>
    </div>
  );
}
