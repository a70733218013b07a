import Link from 'next/link';

// The same for everyone: served as a static file (its scripts are allowed by hash, see proxy.ts).
export const dynamic = 'force-static';

export default function ForbiddenPage() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">This area isn’t available to your account</h1>
      <p className="mt-2 text-slate-600">Sign in with an account that has access, or go back to the shop.</p>
      <p className="mt-4 flex justify-center gap-4">
        <Link href="/signout">Switch account</Link>
        <Link href="/">Shop</Link>
      </p>
    </main>
  );
}
