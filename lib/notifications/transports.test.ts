import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailTransport, smsTransport, transportFor, type OutgoingMessage } from './transports';

const sms: OutgoingMessage = { id: 1, channel: 'sms', recipient: '+15551234567', template: 'otp', subject: null, body: 'Your code is 123456' };
const mail: OutgoingMessage = { id: 2, channel: 'email', recipient: 'jane@example.test', template: 'otp', subject: 'Code', body: 'Your code is 123456' };

describe('choosing a transport', () => {
  it('keeps messages in the mailbox when nothing is configured in development', async () => {
    expect(transportFor('email', { NODE_ENV: 'development' }).name).toBe('mailbox');
    expect(transportFor('sms', {}).name).toBe('mailbox');
    expect(transportFor('sms', { SMS_PROVIDER: 'mailbox' }).name).toBe('mailbox');
    await expect(transportFor('sms', {}).send(sms)).resolves.toBeUndefined();
  });

  it('uses SMTP for email when SMTP_URL is set', () => {
    expect(emailTransport({ SMTP_URL: 'smtp://127.0.0.1:2525' }).name).toBe('smtp');
  });

  it('refuses to pretend in production: an unconfigured channel fails with the reason', async () => {
    await expect(emailTransport({ NODE_ENV: 'production' }).send(mail)).rejects.toThrow(/set SMTP_URL/);
    await expect(smsTransport({ NODE_ENV: 'production' }).send(sms)).rejects.toThrow(/set SMS_PROVIDER/);
    expect(emailTransport({ NODE_ENV: 'production', OUTBOX_ALLOW_MAILBOX: '1' }).name).toBe('mailbox');
  });

  it('reports a misconfigured SMS provider on send rather than crashing the job', async () => {
    await expect(smsTransport({ SMS_PROVIDER: 'webhook' }).send(sms)).rejects.toThrow(/SMS_WEBHOOK_URL/);
    await expect(smsTransport({ SMS_PROVIDER: 'carrier-pigeon' }).send(sms)).rejects.toThrow(/Unknown SMS_PROVIDER/);
  });
});

describe('webhook SMS provider', () => {
  const requests: { headers: IncomingMessage['headers']; body: unknown }[] = [];
  let status = 202;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        requests.push({ headers: req.headers, body: JSON.parse(data) });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'queued' : 'gateway exploded');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the number and the text as JSON, with the bearer token', async () => {
    status = 202;
    const t = smsTransport({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: url, SMS_WEBHOOK_TOKEN: 's3cret' });
    expect(t.name).toBe('webhook');
    await t.send(sms);
    const last = requests.at(-1)!;
    expect(last.body).toEqual({ to: '+15551234567', body: 'Your code is 123456' });
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.headers.authorization).toBe('Bearer s3cret');
  });

  it('fails when the gateway does not accept the message, so it is retried', async () => {
    status = 503;
    await expect(smsTransport({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: url }).send(sms)).rejects.toThrow('SMS webhook answered 503: gateway exploded');
  });

  it('fails without echoing the gateway URL when it cannot be reached', async () => {
    const closed = 'http://127.0.0.1:1/sms?token=secret';
    const err = await smsTransport({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: closed }).send(sms).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^SMS webhook unreachable/);
    expect((err as Error).message).not.toContain('secret');
  });
});
