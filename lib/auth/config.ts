import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { rememberSignInDevice } from '@/lib/accounts/otp';
import { createVerifiedUser, endSession, findUserByContact, markContactVerified, startSession } from '@/lib/accounts/queries';
import { parseContact } from '@/lib/accounts/rules';
import { nameField } from './schemas';
import { logWarn } from '@/lib/log';
import { signInDeviceFrom } from './device';
import { readContactProof } from './proof';
import { authSecret } from './secret';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: 'buyer' | 'seller' | 'ops' } & DefaultSession['user'];
    // The server-side session row this cookie names: signing out revokes it.
    sid?: string;
  }
}

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

// Error codes reach the sign-in action through CredentialsSignin.code.
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

const credentials = z.object({ contact: z.string().max(320), proof: z.string().max(1000), name: z.string().max(1000).optional() });

// Sign-in is a one-time code sent to an email address or a phone. The code is checked by the sign-in action
// (lib/auth/actions.ts), which hands next-auth a short-lived proof that this browser verified the contact; the
// session is a JWT naming a server-side session row (auth_sessions), so signing out really ends it.
// The configuration is built on first use, not at import: `next build` needs no secret.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/signin' },
  // A refused sign-in is one log line, not a stack trace; nothing about who tried.
  logger: {
    error(error) {
      const kind = (error as { type?: string }).type ?? error.name;
      if (kind === 'CredentialsSignin') logWarn('auth', `sign-in refused (${(error as { code?: string }).code ?? 'credentials'})`);
      else logWarn('auth', `${kind}: ${error.message}`);
    },
    warn(code) {
      logWarn('auth', `warning ${code}`);
    },
    debug() {},
  },
  providers: [
    Credentials({
      id: 'one-time-code',
      credentials: { contact: {}, proof: {}, name: {} },
      async authorize(raw, request) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) throw new SignInRefused('invalid_input');
        const deviceHash = signInDeviceFrom(request.headers);
        const proven = readContactProof(authSecret(), parsed.data.proof, deviceHash);
        const contact = proven ? parseContact(proven) : null;
        if (!contact || contact.value !== parsed.data.contact) throw new SignInRefused('proof_invalid');
        let user = await findUserByContact(contact);
        if (!user) {
          const name = nameField.safeParse(parsed.data.name ?? '');
          if (!name.success) throw new SignInRefused('name_required');
          user = await createVerifiedUser(contact, name.data);
        } else await markContactVerified(user.id, contact);
        await rememberSignInDevice(contact.value, deviceHash);
        const sid = await startSession(user.id, SESSION_MAX_AGE_SECONDS);
        return { id: user.id, name: user.name, email: user.email ?? undefined, role: user.role, sid };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as { role?: string }).role;
        token.sid = (user as { sid?: string }).sid;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid as string;
      session.user.role = token.role as 'buyer' | 'seller' | 'ops';
      session.sid = token.sid as string | undefined;
      return session;
    },
  },
  events: {
    // Every way of signing out (our pages, POST /api/auth/signout) ends the server-side session, so the cookie, even
    // copied elsewhere beforehand, no longer signs anyone in.
    async signOut(message) {
      const sid = 'token' in message ? (message.token?.sid as string | undefined) : undefined;
      if (sid) await endSession(sid);
    },
  },
}));
