import { describedBy, FieldFrame } from '@/components/ui/field';
import { forwardRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

// Labelled inputs whose element id is separate from the field name, so one page can hold several copies of a form
// (one per location or carrier) without duplicate ids.
type Common = { label: ReactNode; id: string; error?: string; hint?: ReactNode; srOnlyLabel?: boolean };

const inputClass = (error?: string, extra = '') =>
  `mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base shadow-sm focus:border-brand focus:ring-2 focus:ring-brand/30 focus:outline-none disabled:bg-slate-100 disabled:text-slate-500 ${error ? 'border-red-500' : 'border-slate-300'} ${extra}`;



export const Input = forwardRef<HTMLInputElement, Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>>(function Input({ label, id, error, hint, srOnlyLabel, className, ...rest }, ref) {
  return (
    <FieldFrame label={label} id={id} error={error} hint={hint} srOnlyLabel={srOnlyLabel}>
      <input ref={ref} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} className={inputClass(error, className)} {...rest} />
    </FieldFrame>
  );
});

export const Select = forwardRef<HTMLSelectElement, Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>>(function Select({ label, id, error, hint, srOnlyLabel, children, className, ...rest }, ref) {
  return (
    <FieldFrame label={label} id={id} error={error} hint={hint} srOnlyLabel={srOnlyLabel}>
      <select ref={ref} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} className={inputClass(error, className)} {...rest}>
        {children}
      </select>
    </FieldFrame>
  );
});
