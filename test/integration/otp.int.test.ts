import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { otpCodes, outboxMessages } from '@/db/schema';
import { consumeOneTimeCode, sendOneTimeCode } from '@/lib/accounts/otp';
import { parseContact } from '@/lib/accounts/rules';
import { config } from '@/lib/config';
import { UNIDENTIFIED_CLIENT } from '@/lib/security/client-key';
import { sendGift, uniquePhone } from '@/test/support/gift-fixtures';

const newContact = () => parseContact(`otp-${randomUUID().slice(0, 8)}@example.test`)!;
const device = () => `device-${randomUUID()}`;
const anyone = UNIDENTIFIED_CLIENT;

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
    const mine = device();
    await sendOneTimeCode(c, 'sign_up', anyone, mine);
    const code = await latestCode(c.value);
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await (await getDb()).select().from(otpCodes).where(eq(otpCodes.destination, c.value));
    expect(row.codeHash).not.toContain(code);
    expect(await consumeOneTimeCode(c.value, code, mine)).toBe('ok');
    expect(await consumeOneTimeCode(c.value, code, mine)).toBe('invalid');
  });

  it('a new code replaces the same browser’s previous one', async () => {
    const c = newContact();
    const mine = device();
    await sendOneTimeCode(c, 'sign_in', anyone, mine);
    const first = await latestCode(c.value);
    await sendOneTimeCode(c, 'sign_in', anyone, mine);
    const second = await latestCode(c.value);
    if (first !== second) expect(await consumeOneTimeCode(c.value, first, mine)).toBe('invalid');
    expect(await consumeOneTimeCode(c.value, second, mine)).toBe('ok');
  });

  it('a stranger who knows the address can neither replace, redeem nor burn the owner’s code', async () => {
    const c = newContact();
    const owner = device();
    const stranger = device();
    await sendOneTimeCode(c, 'sign_in', anyone, owner);
    const code = await latestCode(c.value);
    await sendOneTimeCode(c, 'sign_in', anyone, stranger); // does not replace the owner's code
    expect(await consumeOneTimeCode(c.value, code, stranger)).not.toBe('ok');
    for (let i = 0; i < config().otpMaxAttempts * 2; i++) await consumeOneTimeCode(c.value, wrong(code), stranger);
    expect(await consumeOneTimeCode(c.value, code, owner)).toBe('ok');
  });

  it('dies after the allowed wrong attempts, even for the right code', async () => {
    const c = newContact();
    const mine = device();
    await sendOneTimeCode(c, 'sign_in', anyone, mine);
    const code = await latestCode(c.value);
    for (let i = 0; i < config().otpMaxAttempts; i++) expect(await consumeOneTimeCode(c.value, wrong(code), mine)).toBe('invalid');
    expect(await consumeOneTimeCode(c.value, code, mine)).toBe('too_many_attempts');
  });

  it('expires', async () => {
    const c = newContact();
    const mine = device();
    await sendOneTimeCode(c, 'sign_in', anyone, mine);
    const code = await latestCode(c.value);
    await (await getDb()).update(otpCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(otpCodes.destination, c.value));
    expect(await consumeOneTimeCode(c.value, code, mine)).toBe('expired');
  });

  it('limits codes per browser, and more loosely per address across browsers', async () => {
    const c = newContact();
    const mine = device();
    for (let i = 0; i < config().otpSendsPerHour; i++) await sendOneTimeCode(c, 'sign_in', anyone, mine);
    await expect(sendOneTimeCode(c, 'sign_in', anyone, mine)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    let sent = config().otpSendsPerHour;
    while (sent < config().otpSendsPerDestinationPerHour) {
      await sendOneTimeCode(c, 'sign_in', anyone, device());
      sent++;
    }
    await expect(sendOneTimeCode(c, 'sign_in', anyone, device())).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('limits how many codes one identified client can request across addresses', async () => {
    const client = `203.0.113.9-${randomUUID()}`;
    for (let i = 0; i < config().otpSendsPerClientPerHour; i++) await sendOneTimeCode(newContact(), 'sign_in', client, device());
    await expect(sendOneTimeCode(newContact(), 'sign_in', client, device())).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await sendOneTimeCode(newContact(), 'sign_in', `other-${randomUUID()}`, device());
  });

  it('the global cap on texts refuses unknown numbers but never a number with a gift waiting', async () => {
    const db = await getDb();
    await db.execute(sql`insert into rate_limit_buckets (key, window_start, hits) values ('otp-send-texts', now(), ${config().otpTextsPerHour})
                         on conflict (key) do update set window_start = now(), hits = ${config().otpTextsPerHour}`);
    try {
      const stranger = parseContact(uniquePhone())!;
      await expect(sendOneTimeCode(stranger, 'sign_up', anyone, device())).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      const gifted = await sendGift({ recipient: uniquePhone() });
      await sendOneTimeCode(parseContact(gifted.contact)!, 'sign_up', anyone, device());
      expect(await latestCode(gifted.contact)).toMatch(/^\d{6}$/);
    } finally {
      await db.execute(sql`delete from rate_limit_buckets where key = 'otp-send-texts'`);
    }
  });
});
