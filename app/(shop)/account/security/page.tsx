import type { Metadata } from 'next';
import Link from 'next/link';
import { SubmitButton } from '@/components/ui/submit-button';
import { countLiveSessions } from '@/lib/accounts/queries';
import { formatPhone } from '@/lib/accounts/rules';
import { signOutEverywhereAction } from '@/lib/auth/actions';
import { requireUserPage } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Security and sign-in' };

export default async function AccountSecurityPage() {
  const user = await requireUserPage('/account/security');
  const sessions = await countLiveSessions(user.id);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link href="/account">← Your account</Link>
      </p>
      <h1 className="text-2xl font-bold">Security and sign-in</h1>
      <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">How you sign in</h2>
        <p className="text-sm text-slate-700">
          With a one-time code sent to {[user.email, user.phone ? formatPhone(user.phone) : null].filter(Boolean).join(' or ')}. There is no password to steal.
        </p>
      </section>
      <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading" className="font-semibold">
          Sign out everywhere
        </h2>
        <p className="text-sm text-slate-700">
          You’re signed in on {sessions} {sessions === 1 ? 'browser or device' : 'browsers or devices'}, this one included. If you used a shared computer or lost a
          phone, sign out everywhere: every session ends at once, and each needs a new code to sign in again.
        </p>
        <form
          action={async () => {
            'use server';
            await signOutEverywhereAction({});
          }}
        >
          <SubmitButton variant="danger" pendingLabel="Signing out…">
            Sign out everywhere
          </SubmitButton>
        </form>
      </section>
    </div>
  );
}
