import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUserPage } from '@/lib/auth/session';
import { countPlansWaiting } from '@/lib/prime/plans';

export const metadata: Metadata = { title: 'Marketplace operations' };
export const dynamic = 'force-dynamic';

export default async function OpsHome() {
  const user = await requireUserPage('/ops', ['ops']);
  const waiting = await countPlansWaiting();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Marketplace operations</h1>
      <p className="text-slate-600">Signed in as {user.name}.</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        <li className="rounded-xl border border-slate-200 bg-white p-4">
          <Link href="/ops/plans" className="text-lg font-semibold text-brand-dark underline">
            Plans of action
          </Link>
          <p className="mt-1 text-sm text-slate-700">{waiting === 0 ? 'None waiting for review.' : `${waiting} waiting for review, oldest first.`}</p>
        </li>
        <li className="rounded-xl border border-slate-200 bg-white p-4">
          <Link href="/ops/cases" className="text-lg font-semibold text-brand-dark underline">
            Customer service
          </Link>
          <p className="mt-1 text-sm text-slate-700">Returns, refunds and exceptions.</p>
        </li>
        <li className="rounded-xl border border-slate-200 bg-white p-4">
          <Link href="/ops/safet" className="text-lg font-semibold text-brand-dark underline">
            SAFE-T claims
          </Link>
          <p className="mt-1 text-sm text-slate-700">Sellers’ reimbursement claims to decide.</p>
        </li>
      </ul>
    </div>
  );
}
