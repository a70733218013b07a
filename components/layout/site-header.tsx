import Link from 'next/link';
import { currentUser } from '@/lib/auth/session';
import { signOutAction } from '@/lib/auth/actions';

export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-slate-900 no-underline">
          Prime <span className="text-brand">Marketplace</span>
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          {user ? (
            <>
              {user.role === 'seller' && <Link href="/seller">Seller Central</Link>}
              {user.role === 'ops' && <Link href="/ops">Ops</Link>}
              <Link href="/orders">Orders</Link>
              <Link href="/account">Account</Link>
              <span className="text-slate-600" data-testid="signed-in-as">
                {user.name}
                {user.primeMember && <span className="ml-1 font-semibold text-prime">Prime</span>}
              </span>
              <form action={async () => { 'use server'; await signOutAction({}); }}>
                <button className="text-brand-dark hover:underline" type="submit">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <Link href="/signin">Sign in</Link>
          )}
        </nav>
      </div>
    </header>
  );
}
