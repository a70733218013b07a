'use client';

import { useActionState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/auth/action';

// Submits a form to a server action without React's automatic form reset, so a person who made a mistake keeps
// what they typed. Returns the last result, an onSubmit handler and whether the action is running.
export function useFormAction<T>(action: (fd: FormData) => Promise<ActionResult<T>>) {
  const [state, dispatch, running] = useActionState(async (_: ActionResult<T> | null, fd: FormData) => action(fd), null);
  const [starting, startTransition] = useTransition();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    startTransition(() => dispatch(fd));
  };
  return { state, onSubmit, pending: running || starting };
}
