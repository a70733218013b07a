import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUserPage } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Marketplace operations' };

export default async function OpsHome() {
  const user = await requireUserPage('/ops', ['ops']);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Marketplace operations</h1>
      <p className="text-slate-600">Signed in as {user.name}.</p>
      <EmptyState title="Review queues are not built yet">
        Plans of action, customer refunds and SAFE-T decisions arrive with the Seller Fulfilled Prime work; this portal is already restricted to operations staff.
      </EmptyState>
    </div>
  );
}
