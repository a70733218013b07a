import { forwardRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

type Common = { label: string; name: string; error?: string; hint?: ReactNode };

const inputClass = (error?: string) =>
  `mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base shadow-sm focus:border-brand focus:ring-2 focus:ring-brand/30 focus:outline-none ${error ? 'border-red-500' : 'border-slate-300'}`;

/** A labelled control with its hint or error: the one frame every form field of the app uses. */
export function FieldFrame({ id, label, error, hint, srOnlyLabel, children }: { id: string; label: ReactNode; error?: string; hint?: ReactNode; srOnlyLabel?: boolean; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={srOnlyLabel ? 'sr-only' : 'block text-sm font-medium text-slate-800'}>
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const Wrap = ({ label, name, error, hint, children }: Common & { children: ReactNode }) => (
  <FieldFrame id={name} label={label} error={error} hint={hint}>
    {children}
  </FieldFrame>
);

/** The aria-describedby of a control inside a FieldFrame with the same id. */
export const describedBy = (id: string, error?: string, hint?: ReactNode) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

export const TextField = forwardRef<HTMLInputElement, Common & InputHTMLAttributes<HTMLInputElement>>(function TextField(
  { label, name, error, hint, ...rest },
  ref,
) {
  return (
    <Wrap label={label} name={name} error={error} hint={hint}>
      <input ref={ref} id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, error, hint)} className={inputClass(error)} {...rest} />
    </Wrap>
  );
});

export const TextAreaField = forwardRef<HTMLTextAreaElement, Common & TextareaHTMLAttributes<HTMLTextAreaElement>>(function TextAreaField(
  { label, name, error, hint, ...rest },
  ref,
) {
  return (
    <Wrap label={label} name={name} error={error} hint={hint}>
      <textarea ref={ref} id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, error, hint)} className={inputClass(error)} {...rest} />
    </Wrap>
  );
});

export const SelectField = forwardRef<HTMLSelectElement, Common & SelectHTMLAttributes<HTMLSelectElement>>(function SelectField(
  { label, name, error, hint, children, ...rest },
  ref,
) {
  return (
    <Wrap label={label} name={name} error={error} hint={hint}>
      <select ref={ref} id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, error, hint)} className={inputClass(error)} {...rest}>
        {children}
      </select>
    </Wrap>
  );
});
