// Pure rules of the notification outbox: no I/O, so every one is unit-tested without a database.

export type OutboxChannel = 'email' | 'sms';

export type OutboxMessageInput = {
  channel: OutboxChannel;
  recipient: string;
  template: string;
  subject?: string;
  body: string;
  meta?: Record<string, string>;
  /** What the message is about, for its sender's own use when the outbox gives up on it (e.g. "gift_offer:<id>"). */
  ref?: string;
};

/** The key of `meta` that keeps a message's `ref` (not shown in the development mailbox). */
export const REF_KEY = 'ref';

const HOUR_MS = 60 * 60 * 1000;
export const MAX_RETRY_DELAY_MS = HOUR_MS;
// Spread of the random jitter around the exponential delay (±10%), so failures that happened together
// (an SMTP outage) do not all retry in the same instant.
export const RETRY_JITTER = 0.1;

/**
 * Delay before the next attempt after attempt number `attempts` (1-based) failed:
 * base * 2^(attempts-1), capped at one hour, with ±10% jitter. `random` is a number in [0, 1).
 */
export function retryDelayMs(attempts: number, baseMs: number, random = 0.5, capMs = MAX_RETRY_DELAY_MS): number {
  const n = Math.max(1, Math.floor(attempts));
  // 2^(n-1) overflows to Infinity for huge n; the cap takes care of it.
  const exponential = Math.min(capMs, baseMs * 2 ** (n - 1));
  const r = Math.min(Math.max(random, 0), 1);
  const jittered = exponential * (1 + RETRY_JITTER * (2 * r - 1));
  return Math.max(0, Math.round(Math.min(capMs, jittered)));
}

export type FailureOutcome = { status: 'pending'; delayMs: number } | { status: 'dead' };

/** What happens to a message whose attempt number `attempts` failed. */
export function outcomeOfFailure(attempts: number, maxAttempts: number, baseMs: number, random = 0.5): FailureOutcome {
  if (attempts >= maxAttempts) return { status: 'dead' };
  return { status: 'pending', delayMs: retryDelayMs(attempts, baseMs, random) };
}

// http(s) URLs up to whitespace or a closing bracket/quote; trailing sentence punctuation is trimmed below.
const URL_RE = /\bhttps?:\/\/[^\s<>"'()\[\]{}]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

/** The http(s) links in a text, in order, without duplicates. */
export function extractLinks(text: string): string[] {
  const found = (text.match(URL_RE) ?? []).map((u) => u.replace(TRAILING_PUNCTUATION, ''));
  return [...new Set(found)];
}

/**
 * One-time codes in a text: runs of 4–8 digits in a line that talks about a "code"
 * ("Your sign-in code is 482913", "482913 is your Prime Marketplace code").
 * Numbers elsewhere (prices, order numbers, zip codes on other lines) are not codes.
 */
export function extractCodes(text: string): string[] {
  const codes: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!/\bcodes?\b/i.test(line)) continue;
    const withoutLinks = line.replace(URL_RE, ' ');
    for (const m of withoutLinks.matchAll(/(?<![\d.,$])\b\d{4,8}\b(?![.,]\d)/g)) codes.push(m[0]);
  }
  return [...new Set(codes)];
}

/**
 * The meta a message carries: what the caller gave, plus links and codes found in the body that the caller did not
 * already list (keys link, link2, ..., code, code2, ...).
 */
export function messageMeta(body: string, given: Record<string, string> = {}): Record<string, string> {
  const meta: Record<string, string> = { ...given };
  const present = new Set(Object.values(meta));
  const add = (prefix: string, values: string[]) => {
    let i = 1;
    for (const value of values) {
      if (present.has(value)) continue;
      let key = i === 1 ? prefix : `${prefix}${i}`;
      while (key in meta) key = `${prefix}${++i}`;
      meta[key] = value;
      present.add(value);
      i++;
    }
  };
  add('link', extractLinks(body));
  add('code', extractCodes(body));
  return meta;
}

export type MetaEntry = { key: string; label: string; value: string };

/** Splits a message's meta into links (only http/https are ever rendered as links) and everything else (codes). */
export function classifyMeta(meta: Record<string, string> | null | undefined): { links: MetaEntry[]; codes: MetaEntry[] } {
  const links: MetaEntry[] = [];
  const codes: MetaEntry[] = [];
  for (const [key, value] of Object.entries(meta ?? {})) {
    if (typeof value !== 'string' || value === '' || key === REF_KEY) continue;
    const entry = { key, label: labelOf(key), value };
    if (isHttpUrl(value)) links.push(entry);
    else codes.push(entry);
  }
  return { links, codes };
}

function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164_RE = /^\+[1-9]\d{6,14}$/;

/** Why a message cannot be enqueued, or null when it can. */
export function invalidMessageReason(msg: OutboxMessageInput): string | null {
  if (msg.channel !== 'email' && msg.channel !== 'sms') return `unknown channel ${String(msg.channel)}`;
  if (msg.channel === 'email' && !EMAIL_RE.test(msg.recipient)) return 'an email message needs an email address as its recipient';
  if (msg.channel === 'sms' && !E164_RE.test(msg.recipient)) return 'an SMS message needs an E.164 phone number (+15551234567) as its recipient';
  if (!msg.template.trim()) return 'a message needs a template name';
  if (!msg.body.trim()) return 'a message needs a body';
  if (msg.subject !== undefined && /[\r\n]/.test(msg.subject)) return 'a subject is one line';
  return null;
}

/** A recipient as it may appear in logs: j***@example.com, +1******4567. */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) return `${recipient.charAt(0)}***${recipient.slice(at)}`;
  const phone = recipient.replace(/[\s()-]/g, '');
  if (/^\+\d{6,15}$/.test(phone)) {
    const digits = phone.slice(1);
    return `+${digits.charAt(0)}${'*'.repeat(digits.length - 5)}${digits.slice(-4)}`;
  }
  if (recipient.length <= 4) return '*'.repeat(recipient.length);
  return `${'*'.repeat(recipient.length - 2)}${recipient.slice(-2)}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A plain HTML version of a text email: escaped, line breaks kept, http(s) links clickable. */
export function textToHtml(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => {
    let html = '';
    let last = 0;
    for (const m of line.matchAll(URL_RE)) {
      const url = m[0].replace(TRAILING_PUNCTUATION, '');
      const start = m.index ?? 0;
      html += escapeHtml(line.slice(last, start));
      html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
      last = start + url.length;
    }
    return html + escapeHtml(line.slice(last));
  });
  return `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:16px;line-height:1.5;color:#111">${lines.join('<br>\n')}</body></html>`;
}

/** An error as it is stored in last_error: one line, bounded. */
export function describeError(error: unknown, maxLength = 500): string {
  const raw = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const oneLine = raw.replace(/\s+/g, ' ').trim() || 'unknown error';
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}

// Text someone else wrote (a giver's name and message) that we deliver to a stranger in our own email and SMS. Mail
// apps and phones turn anything that looks like a web address into a link, so such text could make our message carry
// a phishing link with our name on it. It is sent as plain text and "defanged" the way security teams quote hostile
// addresses: every dot that could join two parts of a domain, and every "scheme://", gets brackets, so no URL, domain
// or email address survives for an auto-linker to find, while a person still reads what was written.
// (Full-width and ideographic dots count: IDNA treats them as dots.)
// A domain's last label (its top-level domain) always starts with a letter, so bracketing each dot before a letter
// leaves no whole domain; "2.50" stays as written. Dotted IPv4 addresses are bracketed on their own.
const DOMAIN_DOT = /(?<=[\p{L}\p{N}_-])[.\u3002\uFF0E\uFF61](?=\p{L})/gu;
const IPV4 = /\b\d{1,3}(?:[.\u3002\uFF0E\uFF61]\d{1,3}){3}\b/gu;
const SCHEME = /([a-z][a-z0-9+.-]*):(?=[\\/]{2})/gi;
const BARE_SCHEMES = /\b(javascript|data|vbscript|mailto|tel|sms|file):/gi;

export function unlinkable(text: string): string {
  return text
    .replace(SCHEME, '$1[:]')
    .replace(BARE_SCHEMES, '$1[:]')
    .replace(DOMAIN_DOT, (dot) => `[${dot}]`)
    .replace(IPV4, (ip) => ip.replace(/[.\u3002\uFF0E\uFF61]/gu, (dot) => `[${dot}]`));
}

/** Whether a text still holds something an auto-linker could turn into a link (used by tests and as a guard). */
export function looksLinkable(text: string): boolean {
  return /[a-z][a-z0-9+.-]*:[\\/]{2}/i.test(text) || /\b(javascript|data|vbscript|mailto|tel|sms|file):/i.test(text) || /[\p{L}\p{N}_-][.\u3002\uFF0E\uFF61]\p{L}/u.test(text) || /\b\d{1,3}(?:[.\u3002\uFF0E\uFF61]\d{1,3}){3}\b/u.test(text);
}

/** At most `max` characters (whole code points), with an ellipsis when cut. */
export function clampText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
