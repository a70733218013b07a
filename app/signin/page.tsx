import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Alert } from '@/components/ui/alert';
import { safeCallbackUrl } from '@/lib/auth/rules';
import { DEMO_ACCOUNTS } from '@/db/seed/demo-accounts';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(sp.callbackUrl);
  const showDemo = process.env.NODE_ENV !== 'production';
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <Link href="/" className="text-lg font-bold text-slate-900 no-underline">
        Prime <span className="text-brand">Marketplace</span>
      </Link>
      <h1 className="mt-6 text-2xl font-bold">Sign in or create an account</h1>
      <p className="mt-1 text-slate-600">We’ll send a one-time code to your email address or mobile phone. No password needed.</p>
      {sp.signedOut === 'everywhere' && (
        <div className="mt-4">
          <Alert tone="success">You were signed out on every browser and device.</Alert>
        </div>
      )}
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-5">
        <SignInForm callbackUrl={callbackUrl} />
      </div>
      {showDemo && (
        <section className="mt-8 rounded-xl border border-dashed border-slate-300 p-4 text-sm" aria-labelledby="demo-heading">
          <h2 id="demo-heading" className="font-semibold">
            Demo accounts (development only)
          </h2>
          <p className="text-slate-600">
            Sign in with one of these; the code arrives in the <Link href="/dev/mailbox">development mailbox</Link>.
          </p>
          <ul className="mt-2 space-y-1">
            {DEMO_ACCOUNTS.map((a) => (
              <li key={a.email}>
                <span className="font-mono">{a.email}</span> — {a.description}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
