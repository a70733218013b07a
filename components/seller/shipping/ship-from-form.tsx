'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Input as TextField, Select as SelectField } from './fields';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { US_STATES } from '@/lib/accounts/us-states';
import { saveShipFromAction } from '@/lib/shipping/actions';
import { shipFromSchema, US_TIME_ZONES } from '@/lib/shipping/schemas';
import { applyResult, errorAt } from './form-helpers';

type FormIn = z.input<typeof shipFromSchema>;

export function ShipFromForm({ location, idPrefix }: { location?: FormIn & { id: string }; idPrefix: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, reset, formState: { errors } } = useForm<FormIn>({
    resolver: zodResolver(shipFromSchema),
    defaultValues: location ?? { name: '', line1: '', line2: '', city: '', state: '', zip: '', timeZone: '', saturdayOperations: false, sundayOperations: false },
  });
  const f = (name: string) => `${idPrefix}-${name}`;
  const onSubmit = (values: FormIn) => {
    setMessage(null);
    startTransition(async () => {
      const res = await saveShipFromAction(values);
      const error = applyResult(res, setError);
      if (error) return setMessage({ tone: 'error', text: error });
      setMessage({ tone: 'success', text: location ? 'Location saved.' : 'Location added.' });
      if (!location) reset();
      router.refresh();
    });
  };
  return (
    <form method="post" onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4" aria-label={location ? `Edit ${location.name}` : 'Add a ship-from location'}>
      {location && <input type="hidden" {...register('id')} />}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Location name" id={f('name')} {...register('name')} error={errorAt(errors, 'name')} autoComplete="off" />
        <TextField label="Street address" id={f('line1')} {...register('line1')} error={errorAt(errors, 'line1')} autoComplete="address-line1" />
        <TextField label="Apartment, suite (optional)" id={f('line2')} {...register('line2')} error={errorAt(errors, 'line2')} autoComplete="address-line2" />
        <TextField label="City" id={f('city')} {...register('city')} error={errorAt(errors, 'city')} autoComplete="address-level2" />
        <SelectField label="State" id={f('state')} {...register('state')} error={errorAt(errors, 'state')}>
          <option value="">Choose…</option>
          {US_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <TextField label="ZIP code" id={f('zip')} inputMode="numeric" {...register('zip')} error={errorAt(errors, 'zip')} autoComplete="postal-code" />
        <SelectField label="Time zone" id={f('timeZone')} {...register('timeZone')} error={errorAt(errors, 'timeZone')} hint="Cut-offs and pickups are read in this zone. Leave it on “From the ZIP code” unless the warehouse keeps another zone’s hours.">
          <option value="">From the ZIP code</option>
          {US_TIME_ZONES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </SelectField>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Operating days</legend>
          <p className="text-sm text-slate-600">Monday to Friday, plus:</p>
          <label className="flex items-center gap-2">
            <input type="checkbox" className="size-5" {...register('saturdayOperations')} /> Saturday
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" className="size-5" {...register('sundayOperations')} /> Sunday
          </label>
        </fieldset>
      </div>
      <JsSubmitButton pending={pending} pendingLabel="Saving…">
        {location ? 'Save location' : 'Add location'}
      </JsSubmitButton>
    </form>
  );
}
