import 'server-only';
import type { Transporter } from 'nodemailer';
import { config } from '@/lib/config';
import { textToHtml, type OutboxChannel } from './rules';

// How a message leaves the system. Which transport a channel uses is read from the environment at send time,
// so a process (or a test) can change SMTP_URL / SMS_PROVIDER without reloading modules.
//
//   email: SMTP_URL set (smtp://user:pass@host:port, smtps://...) -> 'smtp' through nodemailer
//   sms:   SMS_PROVIDER=webhook (+ SMS_WEBHOOK_URL)                -> 'webhook', JSON {to, body} POSTed to the gateway
//   otherwise                                                      -> 'mailbox': marked sent, readable at /dev/mailbox
//
// In production an unconfigured channel is an error (the message is retried, then dead, with the reason in
// last_error) instead of silently going nowhere; OUTBOX_ALLOW_MAILBOX=1 opts back in, e.g. for a demo deployment.

export type OutgoingMessage = {
  id: number;
  channel: OutboxChannel;
  recipient: string;
  template: string;
  subject: string | null;
  body: string;
};

export type Transport = { name: string; send(msg: OutgoingMessage): Promise<void> };

/** A text-message gateway. `to` is an E.164 phone number. */
export type SmsProvider = { name: string; send(to: string, body: string): Promise<void> };

type Env = Record<string, string | undefined>;

// Bounded so that one unresponsive server cannot hold a claimed batch past its lease (see deliver.ts).
export const SEND_TIMEOUT_MS = 30_000;
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export class TransportNotConfiguredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportNotConfiguredError';
  }
}

/** Delivers nothing: the row in outbox_messages is the message, read at /dev/mailbox. */
export const mailboxTransport: Transport = { name: 'mailbox', send: async () => {} };

export function transportFor(channel: OutboxChannel, env: Env = process.env): Transport {
  return channel === 'email' ? emailTransport(env) : smsTransport(env);
}

export function emailTransport(env: Env = process.env): Transport {
  const url = env.SMTP_URL?.trim();
  if (url) return smtpTransport(url);
  return mailboxOrRefuse(env, 'No email transport is configured: set SMTP_URL.');
}

export function smsTransport(env: Env = process.env): Transport {
  const provider = smsProvider(env);
  if (!provider) return mailboxOrRefuse(env, 'No SMS provider is configured: set SMS_PROVIDER.');
  return {
    name: provider.name,
    send: async (msg) => provider.send(msg.recipient, msg.body),
  };
}

function mailboxOrRefuse(env: Env, reason: string): Transport {
  if (env.NODE_ENV !== 'production' || env.OUTBOX_ALLOW_MAILBOX === '1') return mailboxTransport;
  return {
    name: 'unconfigured',
    send: async () => {
      throw new TransportNotConfiguredError(reason);
    },
  };
}

// ---- email: SMTP through nodemailer, one transporter per URL ----

const transporters = new Map<string, Promise<Transporter>>();

async function transporterFor(url: string): Promise<Transporter> {
  let t = transporters.get(url);
  if (!t) {
    t = import('nodemailer').then((nodemailer) => nodemailer.createTransport(withTimeouts(url)));
    transporters.set(url, t);
    // A failed import must not be cached forever.
    t.catch(() => transporters.delete(url));
  }
  return t;
}

// nodemailer reads its options from the URL's query string; add bounded timeouts unless the URL sets its own.
function withTimeouts(url: string): string {
  const u = new URL(url);
  for (const [key, ms] of Object.entries(SMTP_TIMEOUTS)) {
    if (!u.searchParams.has(key)) u.searchParams.set(key, String(ms));
  }
  return u.toString();
}

export function smtpTransport(url: string): Transport {
  return {
    name: 'smtp',
    async send(msg) {
      const transporter = await transporterFor(url);
      await transporter.sendMail({
        from: config().mailFrom,
        to: msg.recipient,
        subject: msg.subject ?? '',
        text: msg.body,
        html: textToHtml(msg.body),
        // Lets a support desk (or a test) trace a delivered mail back to its outbox row.
        headers: { 'X-Outbox-Id': String(msg.id), 'X-Template': msg.template },
      });
    },
  };
}

/** Closes cached SMTP transporters (graceful shutdown, tests). */
export function closeTransports() {
  for (const t of transporters.values()) t.then((x) => x.close()).catch(() => undefined);
  transporters.clear();
}

// ---- SMS providers ----

const smsProviders: Record<string, (env: Env) => SmsProvider> = {
  webhook: (env) => {
    const url = env.SMS_WEBHOOK_URL?.trim();
    if (!url) throw new TransportNotConfiguredError('SMS_PROVIDER=webhook needs SMS_WEBHOOK_URL.');
    return webhookSmsProvider(url, env.SMS_WEBHOOK_TOKEN);
  },
};

/** The configured SMS provider, or null when SMS_PROVIDER is unset (or 'mailbox'). */
export function smsProvider(env: Env = process.env): SmsProvider | null {
  const name = env.SMS_PROVIDER?.trim();
  if (!name || name === 'mailbox') return null;
  const make = smsProviders[name];
  if (!make) {
    return {
      name,
      send: async () => {
        throw new TransportNotConfiguredError(`Unknown SMS_PROVIDER "${name}" (known: ${Object.keys(smsProviders).join(', ')}, mailbox).`);
      },
    };
  }
  try {
    return make(env);
  } catch (e) {
    // A misconfiguration is reported per message in last_error rather than crashing the delivery job.
    return { name, send: async () => Promise.reject(e) };
  }
}

/**
 * Posts {"to": "+15551234567", "body": "..."} as JSON to a gateway (with a bearer token when given).
 * Any 2xx is accepted; anything else is an error and the message is retried.
 */
export function webhookSmsProvider(url: string, token?: string): SmsProvider {
  return {
    name: 'webhook',
    async send(to, body) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ to, body }),
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS - 5_000),
        });
      } catch (e) {
        // Not the URL itself: it may carry a secret.
        const cause = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
        throw new Error(`SMS webhook unreachable: ${cause}`);
      }
      // Drain the body so the connection can be reused; keep a little of it for the error.
      const text = await res.text().catch(() => '');
      if (!res.ok) throw new Error(`SMS webhook answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
    },
  };
}
