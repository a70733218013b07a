import 'server-only';
import { randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import { config } from '@/lib/config';
import { hashToken } from '@/lib/security/tokens';

// A random cookie naming this browser for sign-in: a one-time code can only be redeemed (or burned by wrong guesses)
// from the browser that asked for it. Only its hash is stored with the code.
const DEVICE_COOKIE = 'pm_signin_device';

export const deviceHashOf = (value: string | undefined | null) => (value ? hashToken(value) : '');

// In a server action: this browser's device hash, setting the cookie on first use.
export async function ensureSignInDevice(): Promise<string> {
  const jar = await cookies();
  let value = jar.get(DEVICE_COOKIE)?.value;
  if (!value || !/^[A-Za-z0-9_-]{43}$/.test(value)) {
    value = randomBytes(32).toString('base64url');
    jar.set(DEVICE_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: config().appUrl.startsWith('https:'), path: '/', maxAge: 30 * 24 * 3600 });
  }
  return deviceHashOf(value);
}

// In next-auth's authorize(): the same browser's device hash, from the request's Cookie header.
export function signInDeviceFrom(headers: Headers): string {
  const cookie = headers.get('cookie') ?? '';
  const m = new RegExp(`(?:^|;\\s*)${DEVICE_COOKIE}=([^;]+)`).exec(cookie);
  return deviceHashOf(m?.[1]);
}
