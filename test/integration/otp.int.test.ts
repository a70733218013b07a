import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { otpCodes, outboxMessages } from '@/db/schema';
import { consumeOneTimeCode, nextCodeWait, rememberSignInDevice, sendOneTimeCode } from '@/lib/accounts/otp';
import { parseContact } from '@/lib/accounts/rules';
import { config } from '@/lib/config';
import { UNIDENTIFIED_CLIENT } from '@/lib/security/client-key';
import { uniquePhone } from '@/test/support/gift-fixtures';

const newContact = () => parseContact(`otp-${randomUUID().slice(0, 8)}@example.test`)!;
const device = () => `device-${randomUUID()}`;
const anyone = UNIDENTIFIED_CLIENT;
const from = (deviceHash: string, extra: { clientKey?: string; giftLinkId?: string } = {}) => ({ clientKey: extra.clientKey ?? anyone, deviceHash, giftLinkId: extra.giftLinkId });

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

async function fillBucket(key: string, hits: number) {
  const db = await getDb();
  await db.execute(sql`insert into rate_limit_buckets (key, window_start, hits) values (${key}, now(), ${hits})
                       on conflict (key) do update set window_start = now(), hits = ${hits}`);
}
async function emptyBucket(key: string) {
  await (await getDb()).execute(sql`delete from rate_limit_buckets where key = ${key}`);
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('one-time codes', () => {
  it('are sent through the outbox, stored only as a hash, and work once', async () => {
    const c = newContact();
    const mine = device();
    await sendOneTimeCode(c, from(mine));
    const code = await latestCode(c.value);
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await (await getDb()).select().from(otpCodes).where(eq(otpCodes.destination, c.value));
    expect(row.codeHash).not.toContain(code);
    expect(await consumeOneTimeCode(c.value, code, mine)).toEqual({ result: 'ok' });
    expect((await consumeOneTimeCode(c.value, code, mine)).result).toBe('no_code');
  });

  it('a new code replaces the same browser’s previous one', async () => {
    const c = newContact();
    const mine = device();
    await sendOneTimeCode(c, from(mine));
    const first = await latestCode(c.value);
    await sendOneTimeCode(c, from(mine));
    const second = await latestCode(c.value);
    if (first !== second) expect((await consumeOneTimeCode(c.value, first, mine)).result).not.toBe('ok');
    expect((await consumeOneTimeCode(c.value, second, mine)).result).toBe('ok');
  });

  it('a stranger who knows the address can neither replace, redeem nor burn the owner’s code', async () => {
    const c = newContact();
    const owner = device();
    const stranger = device();
    await rememberSignInDevice(c.value, owner);
    await sendOneTimeCode(c, from(owner));
    const code = await latestCode(c.value);
    await sendOneTimeCode(c, from(stranger)); // does not replace the owner's code
    expect((await consumeOneTimeCode(c.value, code, stranger)).result).not.toBe('ok');
    for (let i = 0; i < config().otpMaxAttempts * 3; i++) await consumeOneTimeCode(c.value, wrong(code), stranger);
    expect((await consumeOneTimeCode(c.value, code, owner)).result).toBe('ok');
  });

  it('says how many tries are left, then that the code is spent after the allowed wrong tries, even for the right code', async () => {
    const c = newContact();
    const mine = device();
    await sendOneTimeCode(c, from(mine));
    const code = await latestCode(c.value);
    const max = config().otpMaxAttempts;
    for (let i = 1; i < max; i++) expect(await consumeOneTimeCode(c.value, wrong(code), mine)).toEqual({ result: 'invalid', triesLeft: max - i });
    expect(await consumeOneTimeCode(c.value, wrong(code), mine)).toEqual({ result: 'spent' });
    expect((await consumeOneTimeCode(c.value, code, mine)).result).not.toBe('ok');
  });

  it('after a spent code the browser can really ask for a new one, and it works (the page’s "ask for a new code" is true)', async () => {
    const c = newContact();
    const mine = device();
    await sendOneTimeCode(c, from(mine));
    const first = await latestCode(c.value);
    for (let i = 0; i < config().otpMaxAttempts; i++) await consumeOneTimeCode(c.value, wrong(first), mine);
    expect(await nextCodeWait(c, mine)).toBe(0);
    await sendOneTimeCode(c, from(mine));
    const second = await latestCode(c.value);
    expect(await consumeOneTimeCode(c.value, second, mine)).toEqual({ result: 'ok' });
  });

  it('when the browser’s guessing window is used up, it says so with the wait, and the next-code check agrees', async () => {
    const c = newContact();
    const mine = device();
    await sendOneTimeCode(c, from(mine));
    const code = await latestCode(c.value);
    await fillBucket(`otp-verify:${c.value}:${mine}`, config().otpMaxAttempts * 3);
    const r = await consumeOneTimeCode(c.value, code, mine);
    expect(r).toMatchObject({ result: 'locked', scope: 'browser' });
    expect((r as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(await nextCodeWait(c, mine)).toBeGreaterThan(0);
  });

  it('expires', async () => {
    const c = newContact();
    const mine = device();
    await sendOneTimeCode(c, from(mine));
    const code = await latestCode(c.value);
    await (await getDb()).update(otpCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(otpCodes.destination, c.value));
    expect((await consumeOneTimeCode(c.value, code, mine)).result).toBe('expired');
  });
});

describe('guessing budget per address, across browsers', () => {
  it('locks the address for strangers after N wrong tries from many browsers, with the true wait', async () => {
    const c = newContact();
    const limit = config().otpWrongCodesPerDestinationPerHour;
    let used = 0;
    // Each stranger's browser asks for a code and guesses wrong until the address-wide budget is gone.
    while (used < limit) {
      const stranger = device();
      await sendOneTimeCode(c, from(stranger));
      const code = await latestCode(c.value);
      for (let i = 0; i < config().otpMaxAttempts - 1 && used < limit; i++, used++) expect((await consumeOneTimeCode(c.value, wrong(code), stranger)).result).toBe('invalid');
    }
    const late = device();
    // A new untrusted browser is told the truth before a useless code is sent.
    await expect(sendOneTimeCode(c, from(late))).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/wrong codes.*Try again in/) });
    expect(await nextCodeWait(c, late)).toBeGreaterThan(0);
  });

  it('the owner recovers at once: a browser that signed in before, or the gift’s link, gets a code the lock does not apply to', async () => {
    const c = newContact();
    const owner = device();
    await rememberSignInDevice(c.value, owner);
    await fillBucket(`otp-wrong:${c.value}`, config().otpWrongCodesPerDestinationPerHour);
    expect(await nextCodeWait(c, owner)).toBe(0);
    await sendOneTimeCode(c, from(owner));
    expect(await consumeOneTimeCode(c.value, await latestCode(c.value), owner)).toEqual({ result: 'ok' });

    const giftBrowser = device();
    await sendOneTimeCode(c, from(giftBrowser, { giftLinkId: randomUUID() }));
    expect(await consumeOneTimeCode(c.value, await latestCode(c.value), giftBrowser)).toEqual({ result: 'ok' });

    // …while a stranger's code for the same address is refused by the lock.
    const stranger = device();
    await emptyBucket(`otp-wrong:${c.value}`);
    await sendOneTimeCode(c, from(stranger));
    const strangerCode = await latestCode(c.value);
    await fillBucket(`otp-wrong:${c.value}`, config().otpWrongCodesPerDestinationPerHour);
    expect(await consumeOneTimeCode(c.value, strangerCode, stranger)).toMatchObject({ result: 'locked', scope: 'address' });
  });
});

describe('code request limits that hold without a trusted proxy', () => {
  it('bound one browser across addresses (a client asking codes for many addresses)', async () => {
    const mine = device();
    for (let i = 0; i < config().otpSendsPerDevicePerHour; i++) await sendOneTimeCode(newContact(), from(mine));
    await expect(sendOneTimeCode(newContact(), from(mine))).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/this browser/) });
  });

  it('bound all strangers together by a global cap, which the owner’s budget is not subject to', async () => {
    await fillBucket('otp-send-global', config().otpSendsGlobalPerHour);
    try {
      await expect(sendOneTimeCode(newContact(), from(device()))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      const c = newContact();
      const owner = device();
      await rememberSignInDevice(c.value, owner);
      await sendOneTimeCode(c, from(owner));
      await sendOneTimeCode(newContact(), from(device(), { giftLinkId: randomUUID() }));
    } finally {
      await emptyBucket('otp-send-global');
    }
  });

  it('per browser and address, and per address across strangers’ browsers; the owner’s own budget survives strangers using up the address', async () => {
    const c = newContact();
    const mine = device();
    for (let i = 0; i < config().otpSendsPerHour; i++) await sendOneTimeCode(c, from(mine));
    await expect(sendOneTimeCode(c, from(mine))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    let sent = config().otpSendsPerHour;
    while (sent < config().otpSendsPerDestinationPerHour) {
      await sendOneTimeCode(c, from(device()));
      sent++;
    }
    await expect(sendOneTimeCode(c, from(device()))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // The address is used up for strangers; its owner still gets in, from a browser they signed in with…
    const owner = device();
    await rememberSignInDevice(c.value, owner);
    await sendOneTimeCode(c, from(owner));
    expect(await consumeOneTimeCode(c.value, await latestCode(c.value), owner)).toEqual({ result: 'ok' });
    // …or from the gift's own link, which has a budget of its own per gift.
    const giftLinkId = randomUUID();
    for (let i = 0; i < config().otpSendsPerGiftLinkPerHour; i++) await sendOneTimeCode(c, from(device(), { giftLinkId }));
    await expect(sendOneTimeCode(c, from(device(), { giftLinkId }))).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/gift’s link/) });
  });

  it('per identified client when a trusted proxy names it', async () => {
    const client = `203.0.113.9-${randomUUID()}`;
    for (let i = 0; i < config().otpSendsPerClientPerHour; i++) await sendOneTimeCode(newContact(), from(device(), { clientKey: client }));
    await expect(sendOneTimeCode(newContact(), from(device(), { clientKey: client }))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await sendOneTimeCode(newContact(), from(device(), { clientKey: `other-${randomUUID()}` }));
  });

  it('the cap on texts refuses strangers’ numbers alike, known or not (no disclosure), but not the owner’s budget', async () => {
    await fillBucket('otp-send-texts', config().otpTextsPerHour);
    try {
      const stranger = parseContact(uniquePhone())!;
      await expect(sendOneTimeCode(stranger, from(device()))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      const recipient = parseContact(uniquePhone())!;
      await sendOneTimeCode(recipient, from(device(), { giftLinkId: randomUUID() }));
      expect(await latestCode(recipient.value)).toMatch(/^\d{6}$/);
    } finally {
      await emptyBucket('otp-send-texts');
    }
  });
});
