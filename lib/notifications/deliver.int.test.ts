import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { inArray, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { outboxMessages } from '@/db/schema';
import { config } from '@/lib/config';
import { deliverOutbox } from './deliver';
import { enqueueMessage, enqueueMessages } from './outbox';
import { retryDelayMs } from './rules';
import { closeTransports } from './transports';

// ---- a real SMTP server on a free local port ----

type ReceivedMail = { rcptTo: string[]; to: string; subject: string; text: string; headers: Record<string, string> };

function startSmtpServer(opts: { rejectRecipient?: (address: string) => boolean } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain local SMTP, like a development mail catcher: no TLS upgrade with a self-signed certificate.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (opts.rejectRecipient?.(address.address)) {
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), ...parseMail(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  const ready = new Promise<string>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`));
  });
  return {
    received,
    ready,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    to: (recipient: string) => received.filter((m) => m.rcptTo.includes(recipient)),
  };
}

// Enough MIME to read what a person would see: headers, and the text/plain part decoded.
function parseMail(raw: string): Omit<ReceivedMail, 'rcptTo'> {
  const { headers, body } = splitHeaders(raw);
  return { headers, to: headers['to'] ?? '', subject: decodeWords(headers['subject'] ?? ''), text: textPart(headers, body) };
}

function splitHeaders(raw: string) {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, end).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body: raw.slice(end + 4) };
}

function textPart(headers: Record<string, string>, body: string): string {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.startsWith('multipart/') || !boundary) return decodeBody(body, headers['content-transfer-encoding']);
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break;
    const p = splitHeaders(part.replace(/^\r\n/, ''));
    const text = textPart(p.headers, p.body.replace(/\r\n$/, ''));
    if ((p.headers['content-type'] ?? '').startsWith('text/plain') || (p.headers['content-type'] ?? '').startsWith('multipart/')) return text;
  }
  return '';
}

function decodeBody(body: string, encoding = '7bit'): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(
        body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
    default:
      return body;
  }
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
  );
}

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
