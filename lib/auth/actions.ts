'use server';

import { headers } from 'next/headers';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import { sendOneTimeCode } from '@/lib/accounts/otp';
import { findUserByContact } from '@/lib/accounts/queries';
import { maskContact } from '@/lib/accounts/rules';
import { requestCodeSchema, verifyCodeSchema } from '@/lib/accounts/schemas';
import { AppError } from '@/lib/errors';
import { clientKeyFrom } from '@/lib/security/client-key';
import { definePublicAction } from './action';
import { ensureSignInDevice } from './device';
import { safeCallbackUrl } from './rules';
import { signIn, signOut } from './config';

export const requestSignInCode = definePublicAction(requestCodeSchema, async ({ contact }) => {
  const existing = await findUserByContact(contact);
  await sendOneTimeCode(contact, existing ? 'sign_in' : 'sign_up', clientKeyFrom(await headers()), await ensureSignInDevice());
  return { channel: contact.channel, sentTo: maskContact(contact.value), contact: contact.value, isNewAccount: !existing };
});

const messages: Record<string, string> = {
  invalid: 'That code is not right. Check the latest message we sent and try again.',
  expired: 'That code has expired. Ask for a new one.',
  too_many_attempts: 'Too many wrong codes. Ask for a new code and try again.',
  name_required: 'Tell us your name to create your account.',
  invalid_input: 'Enter the 6-digit code.',
};

export const verifySignInCode = definePublicAction(verifyCodeSchema, async ({ contact, code, name, callbackUrl }) => {
  try {
    // No server redirect: the form reloads the page it goes to, so every part of it (header, gift page) sees the session.
    await signIn('one-time-code', { contact: contact.value, code, name: name ?? '', redirect: false });
  } catch (e) {
    if (e instanceof AuthError) {
      const key = (e as AuthError & { code?: string }).code ?? 'invalid';
      throw new AppError('VALIDATION', messages[key] ?? messages.invalid, { fieldErrors: key === 'name_required' ? { name: [messages.name_required] } : { code: [messages[key] ?? messages.invalid] } });
    }
    throw e;
  }
  return { redirectTo: safeCallbackUrl(callbackUrl) };
});

export const signOutAction = definePublicAction(z.object({}), async () => {
  await signOut({ redirectTo: '/' });
  return null;
});
