import type { InputHTMLAttributes, SelectHTMLAttributes } from 'react';
import { US_STATES } from '@/lib/accounts/us-states';
import { SelectField, TextField } from './field';

type Name = 'fullName' | 'line1' | 'line2' | 'city' | 'state' | 'zip';

// The US address inputs, for a plain form (name attributes) or react-hook-form (register), via `field`.
export function AddressFields({
  field,
  error,
}: {
  field: (name: Name) => InputHTMLAttributes<HTMLInputElement> & SelectHTMLAttributes<HTMLSelectElement> & { name: string };
  error: (name: Name) => string | undefined;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <TextField label="Full name" autoComplete="name" {...field('fullName')} error={error('fullName')} />
      </div>
      <div className="sm:col-span-2">
        <TextField label="Street address" autoComplete="address-line1" {...field('line1')} error={error('line1')} />
      </div>
      <div className="sm:col-span-2">
        <TextField label="Apartment, suite (optional)" autoComplete="address-line2" {...field('line2')} error={error('line2')} />
      </div>
      <TextField label="City" autoComplete="address-level2" {...field('city')} error={error('city')} />
      <SelectField label="State" autoComplete="address-level1" {...field('state')} error={error('state')}>
        <option value="">Choose…</option>
        {US_STATES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <TextField label="ZIP code" autoComplete="postal-code" inputMode="numeric" {...field('zip')} error={error('zip')} />
    </div>
  );
}
