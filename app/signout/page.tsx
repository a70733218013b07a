import { safeCallbackUrl } from '@/lib/auth/rules';
import { signOut } from '@/lib/auth/config';
import { SubmitButton } from '@/components/ui/submit-button';

export default async function SignOutPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const to = safeCallbackUrl((await searchParams).callbackUrl);
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <form
        action={async () => {
          'use server';
          await signOut({ redirectTo: `/signin?callbackUrl=${encodeURIComponent(to)}` });
        }}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-5"
      >
        <h1 className="text-xl font-bold">Sign out?</h1>
        <p className="text-slate-700">You’ll be able to sign in with another account right after.</p>
        <SubmitButton>Sign out</SubmitButton>
      </form>
    </main>
  );
}
