import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getSellerForUser } from '@/lib/prime/queries';
import { listApiKeys, MAX_ACTIVE_KEYS } from '@/lib/shipments/api-keys';
import { CreateApiKeyForm, RevokeApiKeyButton } from './api-key-forms';

export const metadata: Metadata = { title: 'API keys · Seller Central' };

const when = (d: Date | null) => (d ? d.toLocaleString('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }) : 'Never');

export default async function ApiKeysPage() {
  const user = await requireUserPage('/seller/settings/api-keys', ['seller']);
  const seller = await getSellerForUser(user.id);
  if (!seller) return <EmptyState title="No seller profile">Your account has the seller role but no seller profile yet.</EmptyState>;
  const keys = await listApiKeys(seller.id);
  const active = keys.filter((k) => !k.revokedAt);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">API keys</h1>
        <p className="text-slate-700">
          Approved shipping software uses a key to get rates, buy and void labels and read tracking for your orders through the Shipping API (
          <a className="font-medium underline" href="/api/shipping/v2/openapi.json">OpenAPI document</a>). A key acts only for your account, is limited to {config().shippingApiRequestsPerMinute} requests a minute, and is shown once:
          we keep only a fingerprint of it.
        </p>
      </div>
      <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 sm:p-5" aria-labelledby="new-key">
        <h2 id="new-key" className="text-lg font-semibold">
          Create a key
        </h2>
        {active.length >= MAX_ACTIVE_KEYS ? <p className="text-sm">You have {MAX_ACTIVE_KEYS} active keys, the most allowed. Revoke one to create another.</p> : <CreateApiKeyForm />}
      </section>
      <section className="space-y-2" aria-labelledby="your-keys">
        <h2 id="your-keys" className="text-lg font-semibold">
          Your keys
        </h2>
        {keys.length === 0 ? (
          <EmptyState title="No keys yet">Create one for the shipping software you use.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {keys.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="api-key">
                <div className="text-sm">
                  <p className="font-semibold">{k.name}</p>
                  <p className="font-mono text-slate-700">{k.prefix}_…</p>
                  <p className="text-slate-600">
                    Created {when(k.createdAt)} · last used {when(k.lastUsedAt)}
                  </p>
                </div>
                {k.revokedAt ? <span className="text-sm font-medium text-slate-600">Revoked {when(k.revokedAt)}</span> : <RevokeApiKeyButton keyId={k.id} name={k.name} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
