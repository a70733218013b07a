// Logs never carry what people typed or were sent: query parameters (drizzle errors carry `params`, and their message
// repeats them), Postgres error details ("Key (email)=(a@b.example) already exists"), email addresses, phone numbers,
// one-time codes and gift link tokens. Everything that logs an error goes through scrubForLog().

const EMAIL = /[^\s"'<>()[\]{},;:@]+@[^\s"'<>()[\]{},;:@]+\.[^\s"'<>()[\]{},;:@]+/g;
const PHONE = /\+\d{8,15}\b/g;
const LINK_TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const CODE = /(?<![\d.:-])\d{6}(?![\d.:-])/g;
// Postgres quotes the offending value in many messages: invalid input syntax for type uuid: "null".
const QUOTED_VALUE = /(: |\()"[^"]*"/g;

export function scrubText(s: string): string {
  return s
    .split('\n')
    .filter((line) => !/^\s*params:/i.test(line))
    .join('\n')
    .replace(EMAIL, '[email]')
    .replace(PHONE, '[phone]')
    .replace(LINK_TOKEN, '[token]')
    .replace(CODE, '[code]')
    .replace(QUOTED_VALUE, '$1"[value]"');
}

export type ScrubbedError = { name: string; message: string; code?: string; query?: string; stack?: string; cause?: ScrubbedError | string };

// What may be logged of an error: its kind, a scrubbed message, the SQL text without parameters, the Postgres error
// code, the stack (frames only carry file names) and the cause, scrubbed the same way. Never `params`, `detail`,
// `where` or any other field a driver attaches.
export function scrubError(e: unknown, depth = 0): ScrubbedError | string {
  if (!(e instanceof Error)) return scrubText(typeof e === 'string' ? e : safeJson(e));
  const x = e as Error & { code?: unknown; query?: unknown };
  const out: ScrubbedError = { name: x.name, message: scrubText(x.message) };
  if (typeof x.code === 'string') out.code = x.code;
  if (typeof x.query === 'string') out.query = scrubText(x.query);
  if (x.stack) out.stack = scrubText(x.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).join('\n'));
  if (x.cause !== undefined && depth < 3) out.cause = scrubError(x.cause, depth + 1);
  return out;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function scrubForLog(v: unknown): unknown {
  if (v instanceof Error) return scrubError(v);
  if (typeof v === 'string') return scrubText(v);
  if (v === null || typeof v !== 'object') return v;
  return scrubText(safeJson(v));
}

// One line per event: `[context] message` plus scrubbed details.
export function logError(context: string, e: unknown) {
  console.error(`[${context}]`, scrubForLog(e));
}

export function logWarn(context: string, message: string, detail?: unknown) {
  if (detail === undefined) console.warn(`[${context}] ${scrubText(message)}`);
  else console.warn(`[${context}] ${scrubText(message)}`, scrubForLog(detail));
}

// For the server process: whatever else calls console.error/warn (Next.js reporting a failed render, a library)
// gets its arguments scrubbed too. Installed once from instrumentation.ts.
const installed = Symbol.for('prime-marketplace.log-scrubber');
export function installLogScrubber() {
  const g = globalThis as typeof globalThis & { [installed]?: boolean };
  if (g[installed]) return;
  g[installed] = true;
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => original(...args.map(scrubForLog));
  }
}
