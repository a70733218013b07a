'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { describedBy, FieldFrame } from '@/components/ui/field';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionResult } from '@/lib/auth/action';

// One small form for the post-sale screens (returns, refunds, messages, SAFE-T), described by serializable field specs
// so server pages can render it with a server action. Shows the action's error and field errors, keeps what was typed
// on failure, and refreshes the page on success.

export type FieldSpec =
  | { kind: 'hidden'; name: string; value: string }
  | { kind: 'text'; name: string; label: string; hint?: string; defaultValue?: string; inputMode?: 'decimal' | 'text' | 'email'; placeholder?: string; required?: boolean }
  | { kind: 'textarea'; name: string; label: string; hint?: string; defaultValue?: string; rows?: number; required?: boolean }
  | { kind: 'select'; name: string; label: string; hint?: string; options: { value: string; label: string }[]; defaultValue?: string; placeholder?: string }
  | { kind: 'checkbox'; name: string; label: string; hint?: string; required?: boolean };

type Props = {
  action: (fd: FormData) => Promise<ActionResult<unknown>>;
  fields: FieldSpec[];
  submitLabel: string;
  pendingLabel?: string;
  successMessage?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  resetOnSuccess?: boolean;
  confirm?: string;
  testId?: string;
  // On success, go to `${successHref}${data[successHrefKey]}` instead of refreshing in place.
  successHref?: string;
  successHrefKey?: string;
};

export function ServiceForm({ action, fields, submitLabel, pendingLabel, successMessage, variant = 'primary', resetOnSuccess = true, confirm, testId, successHref, successHrefKey }: Props) {
  const router = useRouter();
  const { state, onSubmit, pending } = useFormAction(action);
  const formRef = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState(false);
  const prefix = useId().replace(/:/g, '');
  useEffect(() => {
    if (state?.ok) {
      const data = state.data as Record<string, unknown> | null;
      if (successHref && successHrefKey && data && typeof data[successHrefKey] === 'string') {
        router.push(`${successHref}${data[successHrefKey] as string}`);
        return;
      }
      setDone(true);
      if (resetOnSuccess) formRef.current?.reset();
      router.refresh();
    } else if (state) setDone(false);
  }, [state, router, resetOnSuccess, successHref, successHrefKey]);
  const err = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <form
      ref={formRef}
      method="post"
      noValidate
      data-testid={testId}
      className="space-y-3"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) {
          e.preventDefault();
          return;
        }
        setDone(false);
        onSubmit(e);
      }}
    >
      {state && !state.ok && <Alert tone="error">{state.error}</Alert>}
      {done && successMessage && <Alert tone="success">{successMessage}</Alert>}
      {fields.map((f) => {
        switch (f.kind) {
          case 'hidden':
            return <input key={f.name} type="hidden" name={f.name} value={f.value} />;
          case 'text':
            return (
              <FieldFrame key={f.name} id={id(f.name)} label={f.label} hint={f.hint} error={err(f.name)}>
                <input
                  id={id(f.name)}
                  name={f.name}
                  defaultValue={f.defaultValue}
                  inputMode={f.inputMode}
                  placeholder={f.placeholder}
                  aria-required={f.required || undefined}
                  aria-invalid={err(f.name) ? true : undefined}
                  aria-describedby={describedBy(id(f.name), err(f.name), f.hint)}
                  className={inputClass(err(f.name))}
                />
              </FieldFrame>
            );
          case 'textarea':
            return (
              <FieldFrame key={f.name} id={id(f.name)} label={f.label} hint={f.hint} error={err(f.name)}>
                <textarea
                  id={id(f.name)}
                  name={f.name}
                  defaultValue={f.defaultValue}
                  rows={f.rows ?? 3}
                  aria-required={f.required || undefined}
                  aria-invalid={err(f.name) ? true : undefined}
                  aria-describedby={describedBy(id(f.name), err(f.name), f.hint)}
                  className={inputClass(err(f.name))}
                />
              </FieldFrame>
            );
          case 'select':
            return (
              <FieldFrame key={f.name} id={id(f.name)} label={f.label} hint={f.hint} error={err(f.name)}>
                <select
                  id={id(f.name)}
                  name={f.name}
                  defaultValue={f.defaultValue ?? ''}
                  aria-invalid={err(f.name) ? true : undefined}
                  aria-describedby={describedBy(id(f.name), err(f.name), f.hint)}
                  className={inputClass(err(f.name))}
                >
                  {f.placeholder !== undefined && (
                    <option value="" disabled>
                      {f.placeholder}
                    </option>
                  )}
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </FieldFrame>
            );
          case 'checkbox':
            return (
              <div key={f.name} className="space-y-1">
                <label className="flex items-start gap-3 text-sm">
                  <input
                    type="checkbox"
                    name={f.name}
                    className="mt-1 size-5 shrink-0"
                    aria-invalid={err(f.name) ? true : undefined}
                    aria-describedby={err(f.name) ? `${id(f.name)}-error` : undefined}
                  />
                  <span>{f.label}</span>
                </label>
                {f.hint && <p className="text-sm text-slate-600">{f.hint}</p>}
                {err(f.name) && (
                  <p id={`${id(f.name)}-error`} role="alert" className="text-sm font-medium text-red-700">
                    {err(f.name)}
                  </p>
                )}
              </div>
            );
        }
      })}
      <JsSubmitButton variant={variant} pending={pending} pendingLabel={pendingLabel ?? 'Working…'}>
        {submitLabel}
      </JsSubmitButton>
    </form>
  );
}

const inputClass = (error?: string) =>
  `mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base shadow-sm focus:border-brand focus:ring-2 focus:ring-brand/30 focus:outline-none ${error ? 'border-red-500' : 'border-slate-300'}`;


