import { z } from 'zod';

// Text a person types, before it is stored or sent anywhere. Pure (no I/O): shared by the forms (in the browser) and
// the server actions, so a value refused here is refused the same way on both sides and never reaches the database
// (Postgres refuses NUL in text, which used to surface as a generic server error).

// C0 controls (except tab/LF/CR, judged separately), DEL, C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Bidirectional embeddings/overrides/isolates: they can make a name or a message read differently from what it is
// ("gift.exe" shown as "exe.tfig"), a classic phishing trick. Ordinary right-to-left text never needs them.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// Half of a UTF-16 surrogate pair without its other half: not a character, and not encodable as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Line breaks of every kind: CR, LF, NEL is a C1 control (above), LINE and PARAGRAPH SEPARATOR.
const LINE_BREAK = /[\r\n\u2028\u2029]/;

export type TextProblem = 'control' | 'bidi' | 'surrogate' | 'line_break' | 'tab';

/** The first reason a text can't be stored, or null. `multiLine` allows \n (after normalizeLineBreaks). */
export function textProblem(value: string, multiLine: boolean): TextProblem | null {
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  if (CONTROL.test(value)) return 'control';
  if (value.includes('\t')) return 'tab';
  if (BIDI_CONTROL.test(value)) return 'bidi';
  if (multiLine ? /[\r\u2028\u2029]/.test(value) : LINE_BREAK.test(value)) return 'line_break';
  return null;
}

/** CRLF (what a browser sends for a textarea), lone CR and the Unicode line/paragraph separators become \n. */
export function normalizeLineBreaks(value: string): string {
  return value.replace(/\r\n?|[\u2028\u2029]/g, '\n');
}

export function textProblemMessage(problem: TextProblem, label: string): string {
  switch (problem) {
    case 'surrogate':
      return `${label} contains a broken character (half of an emoji or symbol). Retype it and try again.`;
    case 'control':
      return `${label} contains an invisible control character. Remove it and try again.`;
    case 'tab':
      return `${label} can’t contain tab characters.`;
    case 'bidi':
      return `${label} contains an invisible text-direction character. Remove it and try again.`;
    case 'line_break':
      return `${label} must be on one line.`;
  }
}

type TextOptions = { label: string; max: number; min?: number; requiredMessage?: string };

function textField(multiLine: boolean, { label, max, min = 0, requiredMessage }: TextOptions) {
  return z
    .string({ error: `Enter ${label.toLowerCase()}.` })
    .transform((raw, ctx) => {
      // Judge the raw value first: an over-long paste of control characters gets the length message, not a scan.
      if (raw.length > max * 4 + 100) {
        ctx.addIssue({ code: 'custom', message: `${label} is too long: keep it under ${max} characters.` });
        return z.NEVER;
      }
      const value = (multiLine ? normalizeLineBreaks(raw) : raw).trim();
      const problem = textProblem(value, multiLine);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: textProblemMessage(problem, label) });
        return z.NEVER;
      }
      if (value.length < min) {
        ctx.addIssue({ code: 'custom', message: requiredMessage ?? `Enter ${label.toLowerCase()}.` });
        return z.NEVER;
      }
      if (value.length > max) {
        ctx.addIssue({ code: 'custom', message: `${label} is too long: keep it under ${max} characters (it has ${value.length}).` });
        return z.NEVER;
      }
      return value;
    });
}

/** One line of text (a name, a street, a city): trimmed, no control characters, no line breaks, at most `max`. */
export const singleLineText = (opts: TextOptions) => textField(false, opts);

/** Text that may span lines (a gift message): line breaks normalized to \n, otherwise as strict as a single line. */
export const multiLineText = (opts: TextOptions) => textField(true, opts);

/** An id that came from a client: a UUID, or a field error before any query sees it. */
export const clientId = (message = 'That choice is not valid. Reload the page and try again.') => z.uuid({ message });

/** For text shown somewhere it must stay one line (email subjects), whatever was stored before these rules existed. */
export function oneLine(value: string): string {
  return value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A URL path segment (a slug) that can be looked up at all: one line, no control characters, well-formed, bounded. */
export function isLookupableSegment(value: string, max = 200): boolean {
  return value.length > 0 && value.length <= max && textProblem(value, false) === null;
}

const SCREEN_MAX_NODES = 20_000;

/**
 * Every string anywhere in a server action's body (form fields, nested values, array items), judged before the
 * action runs whatever its schema says about the field: no NUL or other control character (tab and line breaks
 * aside), no lone surrogate, no text-direction override. Those can't be stored (Postgres refuses NUL, UTF-8 has no
 * lone surrogate) or only serve to disguise text, so no field needs them; the fields with a text schema of their own
 * (singleLineText, multiLineText) refuse them with their own label first. Returns the problems by field path
 * (`a.0.b`, as zod names them); `_form` when the body is too large to judge.
 */
export function hostileStrings(input: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let nodes = 0;
  const visit = (value: unknown, path: string[], depth: number) => {
    if (++nodes > SCREEN_MAX_NODES || depth > 12) {
      out._form = ['This form is too large to be sent.'];
      return;
    }
    if (typeof value === 'string') {
      const problem = textProblem(normalizeLineBreaks(value).replace(/\t/g, ' '), true);
      if (problem) (out[path.join('.') || '_form'] ??= []).push(textProblemMessage(problem, 'This field'));
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, String(i)], depth + 1));
    else if (value && typeof value === 'object' && !(value instanceof Blob)) for (const [k, v] of Object.entries(value)) visit(v, [...path, k], depth + 1);
  };
  visit(input, [], 0);
  return out;
}
