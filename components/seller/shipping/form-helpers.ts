'use client';

import type { FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ActionResult } from '@/lib/auth/action';

// Reads a nested error message ('days.2.orderCutoff') from react-hook-form's errors.
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  let e: unknown = errors;
  for (const p of path.split('.')) e = (e as Record<string, unknown> | undefined)?.[p];
  return (e as { message?: string } | undefined)?.message;
}

// Puts a server action's field errors on the form's fields; returns the form-level message.
export function applyResult<T extends FieldValues>(res: ActionResult<unknown>, setError: UseFormSetError<T>): string | null {
  if (res.ok) return null;
  for (const [field, msgs] of Object.entries(res.fieldErrors ?? {})) {
    if (msgs?.[0]) setError(field as Path<T>, { type: 'server', message: msgs[0] });
  }
  return res.error;
}
