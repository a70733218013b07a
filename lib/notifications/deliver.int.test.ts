import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb, rows } from '@/db';
import { outboxMessages } from '@/db/schema';
import { config } from '@/lib/config';
import { deliverOutbox, type GiveUpHandler, type GivenUpMessage } from './deliver';
import { enqueueMessage, enqueueMessages } from './outbox';
import { retryDelayMs } from './rules';
import { closeTransports } from './transports';
import { startSmtpServer } from '@/test/support/smtp-server';

// ---- helpers ----

const run = randomUUID().slice(0, 8);
const email = (name: string) => `${name}-${run}@example.test`;
let phoneSeq = 0;
// Unique per run, so rows of other tests in the same database never match.
const phone = () => `+1555${String(Number.parseInt(run.slice(0, 4), 16) % 10_000).padStart(4, '0')}${String(phoneSeq++).padStart(3, '0')}`;

async function rowsFor(recipients: string[]) {
  const db = await getDb();
  return db.select().from(outboxMessages).where(inArray(outboxMessages.recipient, recipients)).orderBy(outboxMessages.id);
}

async function rowFor(recipient: string) {
  const [row] = await rowsFor([recipient]);
  if (!row) throw new Error(`no outbox row for ${recipient}`);
  return row;
}

// Other test files may leave pending messages in the same database: keep delivering until nothing is due.
async function drain(now?: Date, limit?: number) {
  const total = { sent: 0, retried: 0, dead: 0 };
  for (let i = 0; i < 100; i++) {
    const r = await deliverOutbox({ now, limit });
    total.sent += r.sent;
    total.retried += r.retried;
    total.dead += r.dead;
    if (r.sent + r.retried + r.dead === 0) return total;
  }
  throw new Error('the outbox did not drain');
}

async function enqueueCommitted(msgs: Parameters<typeof enqueueMessages>[1]) {
  const db = await getDb();
  return db.transaction((tx) => enqueueMessages(tx, msgs));
}

let smtp: ReturnType<typeof startSmtpServer>;
let smtpUrl: string;
const savedEnv = { SMTP_URL: process.env.SMTP_URL, SMS_PROVIDER: process.env.SMS_PROVIDER };

beforeAll(async () => {
  smtp = startSmtpServer({ rejectRecipient: (a) => a.startsWith('refused-') });
  smtpUrl = await smtp.ready;
  delete process.env.SMS_PROVIDER;
  process.env.SMTP_URL = smtpUrl;
  // Other test files leave messages waiting (the naughty-strings suite leaves thousands): set them aside rather than
  // sending them, so each test below starts from its own messages.
  const db = await getDb();
  await db.execute(sql`update ${outboxMessages} set status = 'dead' where status = 'pending'`);
});

afterEach(() => {
  process.env.SMTP_URL = smtpUrl;
});

afterAll(async () => {
  closeTransports();
  await smtp?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('deliverOutbox', () => {
  it('sends a committed email over SMTP and marks it sent; an SMS without a provider stays in the mailbox', async () => {
    const to = email('jane');
    const sms = phone();
    const link = `http://localhost:3000/gift/${run}-token-with-a-fairly-long-tail-so-that-encoders-wrap-it-0123456789`;
    await enqueueCommitted([
      { channel: 'email', recipient: to, template: 'gift_offer', subject: 'Sam sent you a gift', body: `Hi Jane,\n\nAccept or decline it here: ${link}\n\nPrime Marketplace` },
      { channel: 'sms', recipient: sms, template: 'otp', body: 'Your Prime Marketplace code is 482913' },
    ]);

    const result = await drain();
    expect(result.sent).toBeGreaterThanOrEqual(2);

    const [mail, ...more] = smtp.to(to);
    expect(more).toHaveLength(0);
    expect(mail.to).toBe(to);
    expect(mail.subject).toBe('Sam sent you a gift');
    expect(mail.text).toContain(link);
    expect(mail.headers['from']).toContain(config().mailFrom.match(/<(.+)>/)?.[1] ?? config().mailFrom);

    const emailRow = await rowFor(to);
    expect(emailRow).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1, lastError: null });
    expect(emailRow.sentAt).toBeInstanceOf(Date);
    // Delivered to a real inbox: nothing live stays behind in the outbox.
    expect(emailRow.meta).toBeNull();

    const smsRow = await rowFor(sms);
    expect(smsRow).toMatchObject({ status: 'sent', transport: 'mailbox', attempts: 1 });
    expect(smsRow.meta).toMatchObject({ code: '482913' });
    expect(smtp.received.some((m) => m.rcptTo.includes(sms))).toBe(false);
  });

  it('removes gift links and one-time codes from messages once delivered over SMTP, and from dead ones', async () => {
    const token = 'A'.repeat(21) + 'b_-' + 'C'.repeat(19);
    const to = email('scrub');
    await enqueueCommitted([
      { channel: 'email', recipient: to, template: 'gift_waiting', subject: '123456 is your code', body: `Open http://localhost:3000/gift/${token} or use 654321. ZIP 97201 stays.` },
    ]);
    await drain();
    expect(smtp.to(to)[0].text).toContain(`/gift/${token}`);
    const row = await rowFor(to);
    expect(row.status).toBe('sent');
    expect(row.subject).toBe('[code removed] is your code');
    expect(row.body).toBe('Open http://localhost:3000/gift/[link removed] or use [code removed]. ZIP 97201 stays.');
    expect(row.meta).toBeNull();
  });

  it('never sends a message whose transaction rolled back', async () => {
    const to = email('rolledback');
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await enqueueMessage(tx, { channel: 'email', recipient: to, template: 'gift_offer', subject: 'Never', body: 'This change did not happen.' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    await drain();
    expect(await rowsFor([to])).toHaveLength(0);
    expect(smtp.to(to)).toHaveLength(0);
  });

  it('retries a rejected email with exponential backoff and gives up after the maximum attempts', async () => {
    const recipient = email('refused');
    await enqueueCommitted([{ channel: 'email', recipient, template: 'gift_offer', subject: 'Bounce', body: 'Will not arrive.' }]);
    const { outboxMaxAttempts, outboxBackoffBaseMs } = config();

    // A little ahead of the clock: the row's enqueue time has microseconds, a JS Date only milliseconds.
    let now = new Date(Date.now() + 1000);
    for (let attempt = 1; attempt < outboxMaxAttempts; attempt++) {
      const r = await drain(now);
      expect(r.retried).toBeGreaterThanOrEqual(1);
      const row = await rowFor(recipient);
      expect(row.status).toBe('pending');
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toMatch(/^smtp: .*550/);
      expect(row.sentAt).toBeNull();
      // The next attempt waits base * 2^(attempt-1), ±10% jitter.
      const wait = row.nextAttemptAt.getTime() - now.getTime();
      expect(wait).toBeGreaterThanOrEqual(retryDelayMs(attempt, outboxBackoffBaseMs, 0) - 1);
      expect(wait).toBeLessThanOrEqual(retryDelayMs(attempt, outboxBackoffBaseMs, 1) + 1);

      // Not due yet: a run a moment before the next attempt leaves it alone.
      await drain(new Date(row.nextAttemptAt.getTime() - 1));
      expect((await rowFor(recipient)).attempts).toBe(attempt);
      now = row.nextAttemptAt;
    }

    const r = await drain(now);
    expect(r.dead).toBeGreaterThanOrEqual(1);
    const dead = await rowFor(recipient);
    expect(dead).toMatchObject({ status: 'dead', attempts: outboxMaxAttempts, sentAt: null });
    expect(dead.lastError).toMatch(/550/);

    // Dead is final: however late the job runs, the message is not tried again.
    await drain(new Date(now.getTime() + 24 * 3600_000));
    expect((await rowFor(recipient)).attempts).toBe(outboxMaxAttempts);
    expect(smtp.to(recipient)).toHaveLength(0);
  });

  it('hands a message it gives up on back to its sender, in the transaction that marks it dead', async () => {
    const recipient = email('refused-ref');
    await enqueueCommitted([{ channel: 'email', recipient, template: 'gift_waiting', subject: 'A gift', body: 'Never arrives.', ref: `test:${run}` }]);
    // The ref is the sender's, not something the development mailbox shows.
    expect((await rowFor(recipient)).meta).toMatchObject({ ref: `test:${run}` });
    const given: GivenUpMessage[] = [];
    const committed: boolean[] = [];
    const onGiveUp: GiveUpHandler = async (tx, messages) => {
      given.push(...messages.filter((m) => m.recipient === recipient));
      // Inside the outbox's own transaction: the message is already dead there.
      const [row] = rows<{ status: string }>(await tx.execute(sql`select status from outbox_messages where recipient = ${recipient}`));
      committed.push(row.status === 'dead');
      return async () => {
        committed.push((await rowFor(recipient)).status === 'dead');
      };
    };
    let now = new Date(Date.now() + 1000);
    for (let i = 0; i < config().outboxMaxAttempts; i++) {
      await deliverOutbox({ now, onGiveUp });
      now = (await rowFor(recipient)).nextAttemptAt;
    }
    expect((await rowFor(recipient)).status).toBe('dead');
    expect(given).toEqual([{ id: expect.any(Number), template: 'gift_waiting', channel: 'email', recipient, ref: `test:${run}` }]);
    expect(committed).toEqual([true, true]);
  });

  it('a sender that fails to handle a message given up on leaves it to be tried again, not dead', async () => {
    const recipient = email('refused-retry');
    await enqueueCommitted([{ channel: 'email', recipient, template: 'gift_waiting', subject: 'A gift', body: 'Never arrives.', ref: `test:${run}:2` }]);
    let now = new Date(Date.now() + 1000);
    for (let i = 1; i < config().outboxMaxAttempts; i++) {
      await deliverOutbox({ now });
      now = (await rowFor(recipient)).nextAttemptAt;
    }
    await expect(deliverOutbox({ now, onGiveUp: async () => Promise.reject(new Error('the sender failed')) })).rejects.toThrow('the sender failed');
    const row = await rowFor(recipient);
    expect(row.status).toBe('pending');
    expect(row.meta).toMatchObject({ ref: `test:${run}:2` });
    // Once the claim's lease is over it is tried again, and this time given up on for good.
    const given: string[] = [];
    await deliverOutbox({ now: new Date(row.nextAttemptAt.getTime() + 1), onGiveUp: async (_tx, ms) => void given.push(...ms.map((m) => m.ref ?? '')) });
    expect((await rowFor(recipient)).status).toBe('dead');
    expect(given).toContain(`test:${run}:2`);
  });

  it('retries while the SMTP server is down and delivers once it is back', async () => {
    const down = startSmtpServer();
    const downUrl = await down.ready;
    await down.close();
    process.env.SMTP_URL = downUrl;

    const to = email('patient');
    await enqueueCommitted([{ channel: 'email', recipient: to, template: 'otp', subject: 'Your sign-in code', body: 'Your code is 135790' }]);
    const now = new Date(Date.now() + 1000); // ahead of the row's microsecond enqueue time
    await drain(now);
    const waiting = await rowFor(to);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(waiting.lastError).toMatch(/^smtp: .*(ECONNREFUSED|connect)/i);
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());

    process.env.SMTP_URL = smtpUrl;
    await drain(waiting.nextAttemptAt);
    expect(await rowFor(to)).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 2 });
    expect(smtp.to(to)).toHaveLength(1);
    expect(smtp.to(to)[0].text).toContain('135790');
  });

  it('sends each message once when several deliveries run at the same time', async () => {
    const recipients = Array.from({ length: 24 }, (_, i) => email(`crowd${i}`));
    await enqueueCommitted(recipients.map((r, i) => ({ channel: 'email' as const, recipient: r, template: 'gift_offer', subject: `Gift ${i}`, body: `Gift ${i}` })));

    // Small batches, so the runs keep claiming while the others send. On PGlite (one connection) they interleave
    // rather than run in parallel; the guarantee is the same.
    await Promise.all([drain(undefined, 4), drain(undefined, 4), drain(undefined, 4)]);

    for (const r of recipients) expect(smtp.to(r), r).toHaveLength(1);
    const rows = await rowsFor(recipients);
    expect(rows).toHaveLength(recipients.length);
    for (const row of rows) expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('does nothing when nothing is due', async () => {
    await drain();
    expect(await deliverOutbox()).toEqual({ sent: 0, retried: 0, dead: 0 });
  });
});
