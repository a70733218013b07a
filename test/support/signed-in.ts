import type { AppUser } from '@/lib/accounts/queries';
import { AppError } from '@/lib/errors';

// The server actions under test read the signed-in user from lib/auth/session. Integration tests replace that module
// (vi.mock, in the test file) with this one, so each action runs its real wrapper (parse, authorize, domain call)
// for the user a test names, without a browser or cookies.
let current: AppUser | null = null;

export function signInAs(user: AppUser | null) {
  current = user;
}

export const sessionModule = {
  currentUser: async () => current,
  requireUser: async (roles?: AppUser['role'][]) => {
    if (!current) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
    if (roles && !roles.includes(current.role)) throw new AppError('FORBIDDEN', 'Your account cannot do that.');
    return current;
  },
  requireUserPage: async () => {
    if (!current) throw new Error('not signed in');
    return current;
  },
};

/** Runs a server action that may end in redirect(): resolves with its result, or with { redirect: url }. */
export async function runAction<T>(p: Promise<T>): Promise<T | { redirect: string }> {
  try {
    return await p;
  } catch (e) {
    const digest = (e as { digest?: string }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return { redirect: digest.split(';')[2] };
    throw e;
  }
}

/** A server action called with whatever a client might send (the point of these tests): typed loosely on purpose. */
export const loosely = <R>(action: (input: never) => Promise<R>) => action as unknown as (input: unknown) => Promise<R>;
