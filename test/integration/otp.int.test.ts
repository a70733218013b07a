import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { otpCodes, outboxMessages } from '@/db/schema';
import { consumeOneTimeCode, sendOneTimeCode } from '@/lib/accounts/otp';
import { parseContact } from '@/lib/accounts/rules';
import { config } from '@/lib/config';
import { UNIDENTIFIED_CLIENT } from '@/lib/security/client-key';

const newContact = () => parseContact(`otp-${randomUUID().slice(0, 8)}@example.test`)!;

async function latestCode(destination: string) {
  const db = await getDb();
  const [m] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.recipient, destination), eq(outboxMessages.template, 'one_time_code')))
    .orderBy(desc(outboxMessages.id))
    .limit(1);
  return m.meta!.code;
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('one-time codes', () => {
  it('are sent through the outbox, stored only as a hash, and work once', async () => {
    const c = newContact();
    await sendOneTimeCode(c, 'sign_up', UNIDENTIFIED_CLIENT);
    const code = await latestCode(c.value);
    expect(code).toMatch(/^\d{6}$/);
    const db = await getDb();
    const [row] = await db.select().from(otpCodes).where(eq(otpCodes.destination, c.value));
    expect(row.codeHash).not.toContain(code);
    expect(await consumeOneTimeCode(c.value, code, UNIDENTIFIED_CLIENT)).toBe('ok');
    expect(await consumeOneTimeCode(c.value, code, UNIDENTIFIED_CLIENT)).toBe('invalid');
  });

  it('a new code replaces the previous one', async () => {
    const c = newContact();
    await sendOneTimeCode(c, 'sign_in', UNIDENTIFIED_CLIENT);
    const first = await latestCode(c.value);
    await sendOneTimeCode(c, 'sign_in', UNIDENTIFIED_CLIENT);
    const second = await latestCode(c.value);
    if (first !== second) expect(await consumeOneTimeCode(c.value, first, UNIDENTIFIED_CLIENT)).toBe('invalid');
    expect(await consumeOneTimeCode(c.value, second, UNIDENTIFIED_CLIENT)).toBe('ok');
  });

  it('dies after the allowed wrong attempts, even for the right code', async () => {
    const c = newContact();
    await sendOneTimeCode(c, 'sign_in', UNIDENTIFIED_CLIENT);
    const code = await latestCode(c.value);
    for (let i = 0; i < config().otpMaxAttempts; i++) expect(await consumeOneTimeCode(c.value, wrong(code), UNIDENTIFIED_CLIENT)).toBe('invalid');
    expect(await consumeOneTimeCode(c.value, code, UNIDENTIFIED_CLIENT)).toBe('too_many_attempts');
  });

  it('expires', async () => {
    const c = newContact();
    await sendOneTimeCode(c, 'sign_in', UNIDENTIFIED_CLIENT);
    const code = await latestCode(c.value);
    await (await getDb()).update(otpCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(otpCodes.destination, c.value));
    expect(await consumeOneTimeCode(c.value, code, UNIDENTIFIED_CLIENT)).toBe('expired');
  });

  it('limits how many codes one address can be sent in an hour', async () => {
    const c = newContact();
    for (let i = 0; i < config().otpSendsPerHour; i++) await sendOneTimeCode(c, 'sign_in', UNIDENTIFIED_CLIENT);
    await expect(sendOneTimeCode(c, 'sign_in', UNIDENTIFIED_CLIENT)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('limits how many codes one identified client can request across addresses', async () => {
    const client = `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    for (let i = 0; i < config().otpSendsPerClientPerHour; i++) await sendOneTimeCode(newContact(), 'sign_in', client);
    await expect(sendOneTimeCode(newContact(), 'sign_in', client)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Another client is unaffected.
    await sendOneTimeCode(newContact(), 'sign_in', `other-${randomUUID()}`);
  });
});
