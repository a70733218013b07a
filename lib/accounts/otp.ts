import 'server-only';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { otpCodes } from '@/db/schema';
import { authSecret } from '@/lib/auth/secret';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { enqueueMessage } from '@/lib/notifications/outbox';
import { describeWait, hitRateLimit } from '@/lib/security/rate-limit';
import { UNIDENTIFIED_CLIENT } from '@/lib/security/client-key';
import { hashCode, newNumericCode, safeEqualHex } from '@/lib/security/tokens';
import type { Contact } from './rules';

// A number we already know (an account's, or one with a gift waiting) is never refused by the global text cap:
// that cap bounds what texting strangers can cost, and must not lock gift recipients out.
async function knownPhone(phone: string) {
  const db = await getDb();
  const res = await db.execute(sql`
    select exists (select 1 from users where phone = ${phone})
        or exists (select 1 from gift_offers where recipient_contact = ${phone} and status in ('waiting', 'settling')) as known`);
  return Boolean((res as unknown as { rows: { known: boolean }[] }).rows[0]?.known);
}

// Sends a one-time code to an email or phone, for one browser (`deviceHash`, from its sign-in cookie). Limits: per
// browser and destination, a looser one per destination, per identified client, and a global cap on texts to
// numbers we don't know.
export async function sendOneTimeCode(contact: Contact, purpose: 'sign_in' | 'sign_up', clientKey: string, deviceHash: string) {
  const c = config();
  const what = contact.channel === 'sms' ? 'number' : 'address';
  if (clientKey !== UNIDENTIFIED_CLIENT) {
    const byClient = await hitRateLimit(`otp-send-client:${clientKey}`, c.otpSendsPerClientPerHour, 3600);
    if (!byClient.allowed) throw new AppError('RATE_LIMITED', `Too many codes were requested from here. Try again in ${describeWait(byClient.retryAfterSeconds)}.`);
  }
  if (contact.channel === 'sms' && !(await knownPhone(contact.value))) {
    const texts = await hitRateLimit('otp-send-texts', c.otpTextsPerHour, 3600);
    if (!texts.allowed) throw new AppError('UNAVAILABLE', 'We can’t send text messages right now. Use an email address, or try again later.');
  }
  const mine = await hitRateLimit(`otp-send:${contact.value}:${deviceHash}`, c.otpSendsPerHour, 3600);
  if (!mine.allowed) throw new AppError('RATE_LIMITED', `Too many codes were requested for this ${what}. Try again in ${describeWait(mine.retryAfterSeconds)}.`);
  const all = await hitRateLimit(`otp-send:${contact.value}`, c.otpSendsPerDestinationPerHour, 3600);
  if (!all.allowed) throw new AppError('RATE_LIMITED', `Too many codes were requested for this ${what}. Try again in ${describeWait(all.retryAfterSeconds)}.`);
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
      purpose,
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

export type CodeCheck = 'ok' | 'invalid' | 'expired' | 'too_many_attempts';

// Checks a code against the one this browser asked for; each guess counts, and a code dies after the allowed
// attempts. A stranger's guesses hit only codes their own browser requested.
export async function consumeOneTimeCode(destination: string, code: string, deviceHash: string): Promise<CodeCheck> {
  const c = config();
  const limit = await hitRateLimit(`otp-verify:${destination}:${deviceHash}`, c.otpMaxAttempts * 2, 900);
  if (!limit.allowed) return 'too_many_attempts';
  const db = await getDb();
  const [row] = await db
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.destination, destination), eq(otpCodes.deviceHash, deviceHash), isNull(otpCodes.consumedAt)))
    .orderBy(desc(otpCodes.createdAt))
    .limit(1);
  if (!row) return 'invalid';
  if (row.expiresAt <= new Date()) return 'expired';
  // Count the attempt first, in one statement, so parallel guesses cannot exceed the limit.
  const [counted] = await db
    .update(otpCodes)
    .set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(and(eq(otpCodes.id, row.id), isNull(otpCodes.consumedAt), lt(otpCodes.attempts, c.otpMaxAttempts)))
    .returning({ attempts: otpCodes.attempts });
  if (!counted) return 'too_many_attempts';
  if (!safeEqualHex(row.codeHash, hashCode(authSecret(), destination, code))) return 'invalid';
  const [used] = await db
    .update(otpCodes)
    .set({ consumedAt: new Date() })
    .where(and(eq(otpCodes.id, row.id), isNull(otpCodes.consumedAt), gt(otpCodes.expiresAt, new Date())))
    .returning({ id: otpCodes.id });
  return used ? 'ok' : 'invalid';
}
