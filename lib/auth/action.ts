import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import type { AppUser } from '@/lib/accounts/queries';
import { AppError } from '@/lib/errors';
import { logError, logWarn } from '@/lib/log';
import { hostileStrings } from '@/lib/text';
import { requireUser, currentUser, type Role } from './session';

export type FieldErrors = Record<string, string[] | undefined>;
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors };

function toObject(input: unknown): unknown {
  if (input instanceof FormData) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of input.entries()) if (!k.startsWith('$ACTION')) o[k] = typeof v === 'string' ? v : v;
    return o;
  }
  return input;
}

function failure(e: unknown): ActionResult<never> {
  unstable_rethrow(e); // redirect() and notFound() are control flow, not failures
  if (e instanceof AppError) {
    // One line, scrubbed: a refusal is not a stack trace, and its detail may hold what someone typed.
    if (e.detail) logWarn('action', `${e.code}: ${e.message}`, e.detail);
    return { ok: false, error: e.message, fieldErrors: e.fieldErrors };
  }
  // Database errors carry the query's parameters (addresses, emails, codes): only the scrubbed error is logged.
  logError('action', e);
  return { ok: false, error: 'Something went wrong on our side. Please try again in a moment.' };
}

function parse<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | { ok: false; result: ActionResult<never> } {
  const body = toObject(input);
  const parsed = schema.safeParse(body);
  // Whatever a field's schema allows, no string with NUL, a lone surrogate or another control character goes on to
  // the domain (and its queries); a field's own schema message comes first when it has one.
  const fieldErrors: FieldErrors = hostileStrings(body);
  if (parsed.success && Object.keys(fieldErrors).length === 0) return { ok: true, data: parsed.data };
  if (!parsed.success) {
    const own: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.') || '_form';
      (own[key] ??= []).push(issue.message);
    }
    Object.assign(fieldErrors, own);
  }
  return { ok: false, result: { ok: false, error: 'Please correct the highlighted fields.', fieldErrors } };
}

const ALL_ROLES: Role[] = ['buyer', 'seller', 'ops'];

// The one way to write a server action: authenticate and authorize from the session, parse with the domain's
// schema, then run the domain code. Returns a result both useActionState and react-hook-form can show.
export function defineAction<S extends z.ZodType, T>(schema: S, roles: Role[] | 'any', run: (input: z.output<S>, user: AppUser) => Promise<T>) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<T>> => {
    try {
      const user = await requireUser(roles === 'any' ? ALL_ROLES : roles);
      const p = parse(schema, input);
      if (!p.ok) return p.result;
      return { ok: true, data: await run(p.data, user) };
    } catch (e) {
      return failure(e);
    }
  };
}

// For the few actions open to visitors (asking for a sign-in code).
export function definePublicAction<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, user: AppUser | null) => Promise<T>) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<T>> => {
    try {
      const user = await currentUser();
      const p = parse(schema, input);
      if (!p.ok) return p.result;
      return { ok: true, data: await run(p.data, user) };
    } catch (e) {
      return failure(e);
    }
  };
}
