'use server';

import { headers } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import { consumeOneTimeCode, nextCodeWait, sendOneTimeCode, type CodeCheck } from '@/lib/accounts/otp';
import { endAllSessions, findUserByContact } from '@/lib/accounts/queries';
import { maskContact, type Contact } from '@/lib/accounts/rules';
import { isAppError } from '@/lib/errors';
import { lookupGiftLink } from '@/lib/gifts/queries';
import { logError } from '@/lib/log';
import { describeWait } from '@/lib/security/rate-limit';
import { clientKeyFrom } from '@/lib/security/client-key';
import { defineAction, definePublicAction } from './action';
import { signIn, signOut } from './config';
import { ensureSignInDevice } from './device';
import { issueContactProof, readContactProof } from './proof';
import { giftTokenFromCallback, safeCallbackUrl } from './rules';
import { nameStepInput, requestCodeInput, verifyCodeInput } from './schemas';
import { authSecret } from './secret';

// Everything the sign-in form shows comes from this state, so the form works the same with or without JavaScript
// (it is a server action posted by the form itself: no GET, no contact in the URL).
export type SignInState = {
  step: 'contact' | 'code' | 'name' | 'done';
  contact: string;
  sentTo?: string;
  channel?: 'email' | 'sms';
  proof?: string;
  notice?: string;
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  // Whether a new code would be sent and accepted right now (otherwise the page says when).
  canAskAgain?: boolean;
  redirectTo?: string;
};

const PROOF_MINUTES = 15;

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[String(issue.path[0] ?? '_form')] ??= []).push(issue.message);
  return out;
}

const text = (fd: FormData, key: string) => {
  const v = fd.get(key);
  return typeof v === 'string' ? v : undefined;
};

// The gift's own link, carried as the callback, is proof of holding the gift message: that browser gets the
// recipient's own code budget, but only for the contact the gift was sent to.
async function giftLinkFor(callbackUrl: string | undefined, contact: Contact, clientKey: string): Promise<string | null> {
  const token = giftTokenFromCallback(callbackUrl);
  if (!token) return null;
  try {
    const found = await lookupGiftLink(token, clientKey);
    return found.state === 'open' && found.gift.recipientContact === contact.value ? found.gift.id : null;
  } catch (e) {
    if (isAppError(e) && e.code === 'RATE_LIMITED') return null;
    throw e;
  }
}

const codeSentState = (contact: Contact, notice?: string): SignInState => ({
  step: 'code',
  contact: contact.value,
  sentTo: maskContact(contact.value),
  channel: contact.channel,
  notice,
});

async function requestCode(prev: SignInState, fd: FormData, again: boolean): Promise<SignInState> {
  const parsed = requestCodeInput.safeParse({ contact: text(fd, 'contact') ?? '', callbackUrl: text(fd, 'callbackUrl') });
  if (!parsed.success) return { step: 'contact', contact: text(fd, 'contact') ?? prev.contact, fieldErrors: fieldErrorsOf(parsed.error) };
  const { contact, callbackUrl } = parsed.data;
  const clientKey = clientKeyFrom(await headers());
  const deviceHash = await ensureSignInDevice();
  try {
    await sendOneTimeCode(contact, { clientKey, deviceHash, giftLinkId: await giftLinkFor(callbackUrl, contact, clientKey) });
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (again) return { ...codeSentState(contact), error: e.message, canAskAgain: false };
    return { step: 'contact', contact: text(fd, 'contact') ?? '', error: e.message };
  }
  // The same answer whether or not an account exists for this contact.
  return codeSentState(contact, again ? 'It replaces the earlier one.' : undefined);
}

async function codeRefusal(check: Exclude<CodeCheck, { result: 'ok' }>, contact: Contact, deviceHash: string, callbackUrl: string | undefined): Promise<SignInState> {
  const base = codeSentState(contact);
  if (check.result === 'invalid')
    return { ...base, canAskAgain: true, fieldErrors: { code: [`That code is not right. You can try ${check.triesLeft} more ${check.triesLeft === 1 ? 'time' : 'times'} with this code.`] } };
  if (check.result === 'locked') {
    const wait = describeWait(check.retryAfterSeconds);
    const error =
      check.scope === 'browser'
        ? `Too many wrong codes from this browser. You can try again in ${wait}.`
        : `Too many wrong codes were entered for this ${contact.channel === 'sms' ? 'number' : 'address'}, so signing in with it from a new browser is paused for ${wait}. A browser you signed in with before, or the link in your gift message, can still get a code now.`;
    return { ...base, canAskAgain: false, error };
  }
  const why = { expired: 'That code has expired.', spent: 'That code no longer works: it had too many wrong tries.', no_code: 'That code no longer works.' }[check.result];
  const clientKey = clientKeyFrom(await headers());
  const wait = await nextCodeWait(contact, deviceHash, await giftLinkFor(callbackUrl, contact, clientKey));
  if (wait === 0) return { ...base, canAskAgain: true, error: `${why} Ask for a new code below.` };
  return { ...base, canAskAgain: false, error: `${why} You can ask for a new code in ${describeWait(wait)}.` };
}

async function finish(contact: Contact, proof: string, name: string | undefined, fd: FormData): Promise<SignInState> {
  const redirectTo = safeCallbackUrl(text(fd, 'callbackUrl'));
  try {
    await signIn('one-time-code', { contact: contact.value, proof, name: name ?? '', redirect: false });
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    const code = (e as AuthError & { code?: string }).code;
    if (code === 'name_required') return { step: 'name', contact: contact.value, proof, fieldErrors: { name: ['Tell us your name to create your account.'] } };
    return { step: 'contact', contact: contact.value, error: 'Your confirmation has expired. Ask for a new code to continue.' };
  }
  // With JavaScript the page reloads itself (every part of it, the gift page too, then sees the session); without,
  // the server answers with a redirect.
  if (text(fd, 'js') !== '1') redirect(redirectTo);
  return { step: 'done', contact: contact.value, redirectTo };
}

async function verifyCode(fd: FormData): Promise<SignInState> {
  const parsed = verifyCodeInput.safeParse({ contact: text(fd, 'contact') ?? '', code: text(fd, 'code') ?? '', callbackUrl: text(fd, 'callbackUrl') });
  if (!parsed.success) {
    const contact = requestCodeInput.shape.contact.safeParse(text(fd, 'contact') ?? '');
    if (!contact.success) return { step: 'contact', contact: '', error: 'Start again: enter your email or mobile number.' };
    return { ...codeSentState(contact.data), canAskAgain: true, fieldErrors: fieldErrorsOf(parsed.error) };
  }
  const { contact, code, callbackUrl } = parsed.data;
  const deviceHash = await ensureSignInDevice();
  const check = await consumeOneTimeCode(contact.value, code, deviceHash);
  if (check.result !== 'ok') return codeRefusal(check, contact, deviceHash, callbackUrl);
  const proof = issueContactProof(authSecret(), { contact: contact.value, deviceHash, expiresAt: Date.now() + PROOF_MINUTES * 60_000 });
  // Only now, with the address proven, does it matter whether an account exists: a new person gives their name.
  if (!(await findUserByContact(contact))) return { step: 'name', contact: contact.value, proof };
  return finish(contact, proof, undefined, fd);
}

async function giveName(fd: FormData): Promise<SignInState> {
  const raw = { contact: text(fd, 'contact') ?? '', proof: text(fd, 'proof') ?? '', name: text(fd, 'name') ?? '', callbackUrl: text(fd, 'callbackUrl') };
  const parsed = nameStepInput.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    if (fieldErrors.contact || fieldErrors.proof) return { step: 'contact', contact: '', error: 'Your confirmation has expired. Ask for a new code to continue.' };
    return { step: 'name', contact: raw.contact, proof: raw.proof, fieldErrors };
  }
  const deviceHash = await ensureSignInDevice();
  if (readContactProof(authSecret(), parsed.data.proof, deviceHash) !== parsed.data.contact.value)
    return { step: 'contact', contact: parsed.data.contact.value, error: 'Your confirmation has expired. Ask for a new code to continue.' };
  return finish(parsed.data.contact, parsed.data.proof, parsed.data.name, fd);
}

// The sign-in form's one action (useActionState): request a code, check it, and for a new person, their name.
export async function signInStep(prev: SignInState, fd: FormData): Promise<SignInState> {
  try {
    switch (text(fd, 'intent')) {
      case 'request':
        return await requestCode(prev, fd, false);
      case 'resend':
        return await requestCode(prev, fd, true);
      case 'verify':
        return await verifyCode(fd);
      case 'name':
        return await giveName(fd);
      default:
        return { step: 'contact', contact: prev.step === 'contact' ? prev.contact : '' };
    }
  } catch (e) {
    unstable_rethrow(e);
    logError('sign-in', e);
    return { ...prev, error: 'Something went wrong on our side. Please try again in a moment.' };
  }
}

export const signOutAction = definePublicAction(z.object({}), async () => {
  await signOut({ redirectTo: '/' });
  return null;
});

// Ends every session of the account (all browsers and devices), this one included.
export const signOutEverywhereAction = defineAction(z.object({}), 'any', async (_input, user) => {
  await endAllSessions(user.id);
  await signOut({ redirectTo: '/signin?signedOut=everywhere' });
  return null;
});
