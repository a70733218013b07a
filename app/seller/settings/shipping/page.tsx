import type { Metadata } from 'next';
import Link from 'next/link';
import { HandlingForm } from '@/components/seller/shipping/handling-form';
import { ServicesForm } from '@/components/seller/shipping/services-form';
import { ShipFromForm } from '@/components/seller/shipping/ship-from-form';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getSellerForUser } from '@/lib/prime/queries';
import { getShippingSettings } from '@/lib/shipping/settings';

export const metadata: Metadata = { title: 'Shipping settings' };

// S4: the program status lives here, under "Prime shipping programs".
const PROGRAM = {
  enrolled: { label: 'Eligible', tone: 'green' },
  trial: { label: 'Trial', tone: 'blue' },
  ineligible: { label: 'Ineligible', tone: 'red' },
  not_enrolled: { label: 'Not enrolled', tone: 'neutral' },
} as const;

export default async function ShippingSettingsPage() {
  const user = await requireUserPage('/seller/settings/shipping', ['seller']);
  const seller = await getSellerForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const { locations, services } = await getShippingSettings(seller.id);
  const program = PROGRAM[seller.primeStatus];
  const { weekdayCutoffEarliest, weekendCutoffEarliest, pickupEarliest } = config().sfp;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Shipping settings</h1>
        <section aria-labelledby="programs" className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="programs" className="text-sm font-semibold text-slate-700">
            Prime shipping programs
          </h2>
          <p className="mt-1 flex flex-wrap items-center gap-2">
            <span>Seller Fulfilled Prime —</span> <Badge tone={program.tone}>{program.label}</Badge>
            <Link href="/seller/prime" className="text-sm">
              See your Prime performance
            </Link>
          </p>
        </section>
      </div>

      <section aria-labelledby="locations" className="space-y-4">
        <h2 id="locations" className="text-xl font-semibold">
          Ship-from locations
        </h2>
        {locations.length === 0 && <EmptyState title="No ship-from location yet">Add the address you ship from: delivery promises and Prime templates start there.</EmptyState>}
        {locations.map((loc) => (
          <details key={loc.id} className="rounded-xl border border-slate-200 bg-white p-4" open={locations.length === 1 ? undefined : undefined}>
            <summary className="cursor-pointer font-medium">
              {loc.name} — {loc.city}, {loc.state} {loc.zip} · {loc.timeZone.replace('_', ' ')} · {loc.saturdayOperations || loc.sundayOperations ? `Mon–Fri${loc.saturdayOperations ? ' + Sat' : ''}${loc.sundayOperations ? ' + Sun' : ''}` : 'Mon–Fri'}
              {loc.isDefault && <span className="ml-2 text-sm text-slate-600">(default)</span>}
            </summary>
            <div className="mt-4">
              <ShipFromForm
                idPrefix={`loc-${loc.id.slice(0, 8)}`}
                location={{ id: loc.id, name: loc.name, line1: loc.line1, line2: loc.line2 ?? '', city: loc.city, state: loc.state, zip: loc.zip, timeZone: loc.timeZone, saturdayOperations: loc.saturdayOperations, sundayOperations: loc.sundayOperations }}
              />
            </div>
          </details>
        ))}
        <details className="rounded-xl border border-dashed border-slate-300 bg-white p-4" open={locations.length === 0}>
          <summary className="cursor-pointer font-medium">Add a ship-from location</summary>
          <div className="mt-4">
            <ShipFromForm idPrefix="new-loc" />
          </div>
        </details>
      </section>

      <section aria-labelledby="services" className="space-y-3">
        <h2 id="services" className="text-xl font-semibold">
          Carrier services
        </h2>
        <p className="text-sm text-slate-700">
          The services you ship with and how far each may go. Automated Prime templates use the fastest enabled service that reaches each destination within its zone limit; widening a limit or adding a
          service raises one-day and two-day coverage. Weekend pickup and drop-off follow the carriers’ published capabilities.
        </p>
        <ServicesForm services={services.map((s) => ({ ...s }))} />
      </section>

      <section aria-labelledby="handling" className="space-y-3">
        <h2 id="handling" className="text-xl font-semibold">
          Order handling: cut-offs and pickups
        </h2>
        <p className="text-sm text-slate-700">
          In each location’s local time, so daylight saving never moves them. Orders placed before the cut-off ship the same day. For Seller Fulfilled Prime the weekday cut-off can’t be earlier than{' '}
          {weekdayCutoffEarliest} and the weekend cut-off than {weekendCutoffEarliest}; the last pickup should be {pickupEarliest} or later.
        </p>
        {locations.length === 0 ? (
          <EmptyState title="Add a location first">Handling times belong to a ship-from location.</EmptyState>
        ) : locations.every((l) => l.handling.length === 0) ? (
          <EmptyState title="Enable a carrier service first">Handling times are set per carrier you use.</EmptyState>
        ) : (
          locations.map((loc) => (
            <div key={loc.id} className="space-y-4">
              <h3 className="font-semibold">{loc.name}</h3>
              {loc.handling.map((h) => (
                <details key={h.carrier} className="rounded-xl border border-slate-200 bg-slate-50 p-4" open={loc.handling.length === 1 || h.issues.some((i) => i.level === 'error')}>
                  <summary className="cursor-pointer font-medium">
                    {h.carrier}
                    {h.issues.some((i) => i.level === 'error') && <span className="ml-2 text-sm font-normal text-red-700">Needs attention</span>}
                  </summary>
                  <div className="mt-3">
                    <HandlingForm
                      shipFromId={loc.id}
                      carrier={h.carrier}
                      days={h.days}
                      saved={h.saved}
                      weekendOps={{ saturday: loc.saturdayOperations, sunday: loc.sundayOperations }}
                      initialWarnings={h.notes}
                    />
                  </div>
                </details>
              ))}
            </div>
          ))
        )}
      </section>
    </div>
  );
}
