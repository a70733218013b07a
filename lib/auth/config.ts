import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { consumeOneTimeCode } from '@/lib/accounts/otp';
import { createVerifiedUser, findUserByContact, markContactVerified } from '@/lib/accounts/queries';
import { verifyCodeSchema } from '@/lib/accounts/schemas';
import { signInDeviceFrom } from './device';
import { authSecret } from './secret';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: 'buyer' | 'seller' | 'ops' } & DefaultSession['user'];
  }
}

// Error codes reach the sign-in form through CredentialsSignin.code.
class CodeRejected extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

// Sign-in is a one-time code sent to an email address or a phone. JWT sessions: the code check is the credential.
// (The Drizzle adapter only serves magic-link/OAuth flows with database sessions; it cannot verify SMS codes.)
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/signin' },
  providers: [
    Credentials({
      id: 'one-time-code',
      credentials: { contact: {}, code: {}, name: {} },
      async authorize(raw, request) {
        const parsed = verifyCodeSchema.safeParse(raw);
        if (!parsed.success) throw new CodeRejected('invalid_input');
        const { contact, code, name } = parsed.data;
        let user = await findUserByContact(contact);
        // Ask for the name before spending the code, so a new account doesn't need a second code.
        if (!user && !name) throw new CodeRejected('name_required');
        const check = await consumeOneTimeCode(contact.value, code, signInDeviceFrom(request.headers));
        if (check !== 'ok') throw new CodeRejected(check);
        if (user) await markContactVerified(user.id, contact);
        else user = await createVerifiedUser(contact, name!);
        return { id: user.id, name: user.name, email: user.email ?? undefined, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as { role?: string }).role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid as string;
      session.user.role = token.role as 'buyer' | 'seller' | 'ops';
      return session;
    },
  },
});
