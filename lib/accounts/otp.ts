import 'server-only';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { affectedRows, getDb } from '@/db';
import { otpCodes, signInDevices } from '@/db/schema';
import { authSecret } from '@/lib/auth/secret';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { enqueueMessage } from '@/lib/notifications/outbox';
import { describeWait, hitRateLimit, peekRateLimit } from '@/lib/security/rate-limit';
import { UNIDENTIFIED_CLIENT } from '@/lib/security/client-key';
import { hashCode, newNumericCode, safeEqualHex } from '@/lib/security/tokens';
import { purgeEndedSessions } from './queries';
import type { Contact } from './rules';

const VERIFY_WINDOW_SECONDS = 900;
const KNOWN_DEVICE_DAYS = 90;

// Who is asking, for the code budgets. The owner of an address always keeps a budget of their own: a browser that
// signed in with this contact before, or one that holds the gift's link (proven by the caller against the gift).
export type CodeRequester = { clientKey: string; deviceHash: string; giftLinkId?: string | null };

const verifyBrowserLimit = () => config().otpMaxAttempts * 3;

// A browser that proved this contact with a code before (its sign-in cookie's hash was recorded then).
export async function isKnownSignInDevice(destination: string, deviceHash: string): Promise<boolean> {
  if (!deviceHash) return false;
  const db = await getDb();
  const [row] = await db
    .select({ at: signInDevices.lastSignInAt })
    .from(signInDevices)
    .where(and(eq(signInDevices.destination, destination), eq(signInDevices.deviceHash, deviceHash), gt(signInDevices.lastSignInAt, sql`now() - make_interval(days => ${KNOWN_DEVICE_DAYS})`)))
    .limit(1);
  return Boolean(row);
}

export async function rememberSignInDevice(destination: string, deviceHash: string) {
  if (!deviceHash) return;
  const db = await getDb();
  await db
    .insert(signInDevices)
    .values({ destination, deviceHash })
    .onConflictDoUpdate({ target: [signInDevices.destination, signInDevices.deviceHash], set: { lastSignInAt: sql`now()` } });
}

const tooMany = (what: string, seconds: number) => new AppError('RATE_LIMITED', `${what} Try again in ${describeWait(seconds)}.`, { detail: { retryAfterSeconds: seconds } });

// Sends a one-time code to an email or phone, for one browser. Every requester is bounded per browser and address.
// Strangers (no proof of owning the address) are also bounded per browser across addresses, per client address when a
// trusted proxy names it, per destination across browsers, by a global hourly cap, and for texts by a cap on what
// texting costs. The owner's requests skip those shared caps, so nobody else can use them up.
// Whether an account exists for the contact plays no part: the same code, limits and answer for everyone.
export async function sendOneTimeCode(contact: Contact, who: CodeRequester) {
  const c = config();
  const what = contact.channel === 'sms' ? 'number' : 'address';
  const { deviceHash, clientKey, giftLinkId } = who;
  const knownDevice = await isKnownSignInDevice(contact.value, deviceHash);
  const trusted = knownDevice || Boolean(giftLinkId);

  const mine = await hitRateLimit(`otp-send:${contact.value}:${deviceHash}`, c.otpSendsPerHour, 3600);
  if (!mine.allowed) throw tooMany(`Too many codes were requested for this ${what} from this browser.`, mine.retryAfterSeconds);

  if (giftLinkId) {
    const gift = await hitRateLimit(`otp-send-gift:${giftLinkId}`, c.otpSendsPerGiftLinkPerHour, 3600);
    if (!gift.allowed) throw tooMany(`Too many codes were requested from this gift’s link.`, gift.retryAfterSeconds);
  }

  if (!trusted) {
    // A code nobody may use is not worth sending: say so now, with the true wait.
    const lock = await peekRateLimit(`otp-wrong:${contact.value}`, c.otpWrongCodesPerDestinationPerHour, 3600);
    if (!lock.allowed) throw tooMany(`Too many wrong codes were entered for this ${what}, so sign-in with it is paused.`, lock.retryAfterSeconds);
    const browser = await hitRateLimit(`otp-send-device:${deviceHash}`, c.otpSendsPerDevicePerHour, 3600);
    if (!browser.allowed) throw tooMany('Too many codes were requested from this browser.', browser.retryAfterSeconds);
    if (clientKey !== UNIDENTIFIED_CLIENT) {
      const byClient = await hitRateLimit(`otp-send-client:${clientKey}`, c.otpSendsPerClientPerHour, 3600);
      if (!byClient.allowed) throw tooMany('Too many codes were requested from here.', byClient.retryAfterSeconds);
    }
    const all = await hitRateLimit(`otp-send:${contact.value}`, c.otpSendsPerDestinationPerHour, 3600);
    if (!all.allowed) throw tooMany(`Too many codes were requested for this ${what}.`, all.retryAfterSeconds);
    if (contact.channel === 'sms') {
      const texts = await hitRateLimit('otp-send-texts', c.otpTextsPerHour, 3600);
      if (!texts.allowed) throw new AppError('UNAVAILABLE', 'We can’t send text messages right now. Use an email address, or try again later.');
    }
    const global = await hitRateLimit('otp-send-global', c.otpSendsGlobalPerHour, 3600);
    if (!global.allowed) throw new AppError('UNAVAILABLE', `We’re receiving too many sign-in requests right now. Try again in ${describeWait(global.retryAfterSeconds)}.`);
  }

  const code = newNumericCode();
  const db = await getDb();
  await db.transaction(async (tx) => {
    // A new code replaces this browser's earlier one; other browsers' codes (the owner's) are left alone.
    await tx
      .update(otpCodes)
      .set({ consumedAt: new Date() })
      .where(and(eq(otpCodes.destination, contact.value), eq(otpCodes.deviceHash, deviceHash), isNull(otpCodes.consumedAt)));
    await tx.insert(otpCodes).values({
      channel: contact.channel,
      destination: contact.value,
      deviceHash,
      purpose: 'sign_in',
      trusted,
      codeHash: hashCode(authSecret(), contact.value, code),
      expiresAt: new Date(Date.now() + c.otpTtlMinutes * 60_000),
    });
    const text = `Your Prime Marketplace code is ${code}. It expires in ${c.otpTtlMinutes} minutes. If you didn't ask for it, ignore this message.`;
    await enqueueMessage(tx, {
      channel: contact.channel,
      recipient: contact.value,
      template: 'one_time_code',
      subject: contact.channel === 'email' ? `${code} is your Prime Marketplace code` : undefined,
      body: text,
      meta: { code },
    });
  });
}

// ok; invalid (with tries left on this code); expired; spent (this code took its last wrong try); no_code (this
// browser has no live code for it); locked (too many wrong tries from this browser, or at this address from browsers
// without the owner's budget), with the true wait.
export type CodeCheck =
  | { result: 'ok' }
  | { result: 'invalid'; triesLeft: number }
  | { result: 'expired' }
  | { result: 'spent' }
  | { result: 'no_code' }
  | { result: 'locked'; scope: 'browser' | 'address'; retryAfterSeconds: number };

// Checks a code against the one this browser asked for; each guess counts. A stranger's guesses hit only codes
// their own browser requested, and all browsers without the owner's budget share one guessing budget per address.
export async function consumeOneTimeCode(destination: string, code: string, deviceHash: string): Promise<CodeCheck> {
  const c = config();
  const browser = await hitRateLimit(`otp-verify:${destination}:${deviceHash}`, verifyBrowserLimit(), VERIFY_WINDOW_SECONDS);
  if (!browser.allowed) return { result: 'locked', scope: 'browser', retryAfterSeconds: browser.retryAfterSeconds };
  const db = await getDb();
  const [row] = await db
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.destination, destination), eq(otpCodes.deviceHash, deviceHash), isNull(otpCodes.consumedAt)))
    .orderBy(desc(otpCodes.createdAt))
    .limit(1);
  if (!row) return { result: 'no_code' };
  if (row.expiresAt <= new Date()) return { result: 'expired' };
  if (!row.trusted) {
    const address = await hitRateLimit(`otp-wrong:${destination}`, c.otpWrongCodesPerDestinationPerHour, 3600);
    if (!address.allowed) return { result: 'locked', scope: 'address', retryAfterSeconds: address.retryAfterSeconds };
  }
  // Count the attempt first, in one statement, so parallel guesses cannot exceed the limit.
  const [counted] = await db
    .update(otpCodes)
    .set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(and(eq(otpCodes.id, row.id), isNull(otpCodes.consumedAt), lt(otpCodes.attempts, c.otpMaxAttempts)))
    .returning({ attempts: otpCodes.attempts });
  if (!counted) return { result: 'spent' };
  if (!safeEqualHex(row.codeHash, hashCode(authSecret(), destination, code))) {
    const triesLeft = c.otpMaxAttempts - counted.attempts;
    if (triesLeft > 0) return { result: 'invalid', triesLeft };
    await db.update(otpCodes).set({ consumedAt: new Date() }).where(eq(otpCodes.id, row.id));
    return { result: 'spent' };
  }
  const [used] = await db
    .update(otpCodes)
    .set({ consumedAt: new Date() })
    .where(and(eq(otpCodes.id, row.id), isNull(otpCodes.consumedAt), gt(otpCodes.expiresAt, new Date())))
    .returning({ id: otpCodes.id });
  return used ? { result: 'ok' } : { result: 'no_code' };
}

// Whether this browser could ask for a new code for this contact and use it right now; otherwise how long until it
// can. Lets the page say what is true instead of "ask for a new code" when that would be refused.
export async function nextCodeWait(contact: Contact, deviceHash: string, giftLinkId?: string | null): Promise<number> {
  const c = config();
  const trusted = Boolean(giftLinkId) || (await isKnownSignInDevice(contact.value, deviceHash));
  const waits: number[] = [];
  const check = async (key: string, limit: number, windowSeconds: number) => {
    const r = await peekRateLimit(key, limit, windowSeconds);
    if (!r.allowed) waits.push(Math.max(1, r.retryAfterSeconds));
  };
  await check(`otp-verify:${contact.value}:${deviceHash}`, verifyBrowserLimit(), VERIFY_WINDOW_SECONDS);
  await check(`otp-send:${contact.value}:${deviceHash}`, c.otpSendsPerHour, 3600);
  if (giftLinkId) await check(`otp-send-gift:${giftLinkId}`, c.otpSendsPerGiftLinkPerHour, 3600);
  if (!trusted) {
    await check(`otp-wrong:${contact.value}`, c.otpWrongCodesPerDestinationPerHour, 3600);
    await check(`otp-send-device:${deviceHash}`, c.otpSendsPerDevicePerHour, 3600);
    await check(`otp-send:${contact.value}`, c.otpSendsPerDestinationPerHour, 3600);
  }
  return waits.length ? Math.max(...waits) : 0;
}

// Codes past any use (a day old), browsers not seen signing in for the known-device period, and sessions that ended
// or expired a day ago, in bounded deletes: the jobs call this instead of touching the tables.
export async function purgeOldCodes(): Promise<number> {
  const db = await getDb();
  const codes = affectedRows(await db.execute(sql`delete from otp_codes where id in (select id from otp_codes where created_at < now() - interval '1 day' limit 10000)`));
  const devices = affectedRows(
    await db.execute(sql`delete from sign_in_devices where (destination, device_hash) in
      (select destination, device_hash from sign_in_devices where last_sign_in_at < now() - make_interval(days => ${KNOWN_DEVICE_DAYS}) limit 10000)`),
  );
  return codes + devices + (await purgeEndedSessions());
}
