import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getUserBySession, type AppUser } from '@/lib/accounts/queries';
import { AppError } from '@/lib/errors';
import { auth } from './config';

export type Role = AppUser['role'];

// The signed-in user, read fresh from the database once per request (roles and Prime status can change), in the same
// query that checks the session is still live: a cookie whose session was signed out signs nobody in.
export const currentUser = cache(async (): Promise<AppUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const sid = session?.sid;
  if (!id || !sid) return null;
  return getUserBySession(id, sid);
});

// For pages: send visitors to sign in, and show "not found" to the wrong role rather than revealing the portal.
export async function requireUserPage(returnTo: string, roles?: Role[]): Promise<AppUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (roles && !roles.includes(user.role)) redirect('/forbidden');
  return user;
}

// For actions and queries: throw, the action wrapper turns it into a message.
export async function requireUser(roles?: Role[]): Promise<AppUser> {
  const user = await currentUser();
  if (!user) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
  if (roles && !roles.includes(user.role)) throw new AppError('FORBIDDEN', 'Your account cannot do that.');
  return user;
}
