'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { saveHandlingAction } from '@/lib/shipping/actions';
import { handlingSchema } from '@/lib/shipping/schemas';
import { applyResult, errorAt } from './form-helpers';
import { Input } from './fields';

type FormIn = z.input<typeof handlingSchema>;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
// Monday first, as sellers read a week.
const ORDER = [1, 2, 3, 4, 5, 6, 0];

type Day = { weekday: number; operating: boolean; orderCutoff: string; lastPickup: string };

// S7: one carrier's week at one location: operating or not, the order cut-off and the last pickup, in local time.
export function HandlingForm(props: { shipFromId: string; carrier: string; days: Day[]; weekendOps: { saturday: boolean; sunday: boolean }; saved: boolean; initialWarnings: string[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'success' | 'warning'; text: string; list?: string[] } | null>(
    props.initialWarnings.length ? { tone: 'warning', text: 'Saved, with notes:', list: props.initialWarnings } : null,
  );
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, control, formState: { errors } } = useForm<FormIn>({
    resolver: zodResolver(handlingSchema),
    defaultValues: { shipFromId: props.shipFromId, carrier: props.carrier as FormIn['carrier'], days: props.days },
  });
  const operating = useWatch({ control, name: 'days' });
  const id = (s: string) => `h-${props.shipFromId.slice(0, 8)}-${props.carrier}-${s}`;
  const onSubmit = (values: FormIn) => {
    setMessage(null);
    startTransition(async () => {
      const res = await saveHandlingAction(values);
      const error = applyResult(res, setError);
      if (error) return setMessage({ tone: 'error', text: error });
      const warnings = res.ok ? res.data.warnings : [];
      setMessage(warnings.length ? { tone: 'warning', text: `${props.carrier} handling saved, with notes:`, list: warnings } : { tone: 'success', text: `${props.carrier} handling saved.` });
      router.refresh();
    });
  };
  return (
    <form method="post" onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-3" aria-label={`${props.carrier} order handling`}>
      <input type="hidden" {...register('shipFromId')} />
      <input type="hidden" {...register('carrier')} />
      {message && (
        <Alert tone={message.tone} title={message.text}>
          {message.list && (
            <ul className="list-disc pl-5">
              {message.list.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {!props.saved && <p className="text-sm text-slate-600">Not saved yet: these are suggested times.</p>}
      <div className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {ORDER.map((wd) => {
          const closed = (wd === 6 && !props.weekendOps.saturday) || (wd === 0 && !props.weekendOps.sunday);
          const on = operating?.[wd]?.operating && !closed;
          return (
            <fieldset key={wd} className="grid grid-cols-2 items-start gap-3 p-3 sm:grid-cols-[10rem_1fr_1fr]">
              <legend className="sr-only">{DAYS[wd]}</legend>
              <div className="col-span-2 sm:col-span-1">
                <input type="hidden" {...register(`days.${wd}.weekday`)} />
                <label className="flex items-center gap-2 font-medium">
                  <input type="checkbox" className="size-5" disabled={closed} {...register(`days.${wd}.operating`)} />
                  {DAYS[wd]}
                </label>
                {closed && <p className="text-xs text-slate-600">The location is closed this day</p>}
              </div>
              <Input label={`Order cut-off, ${DAYS[wd]}`} id={id(`${wd}-cutoff`)} type="time" step={60} readOnly={!on} className={on ? "" : "bg-slate-100 text-slate-500"} {...register(`days.${wd}.orderCutoff`)} error={errorAt(errors, `days.${wd}.orderCutoff`)} />
              <Input label={`Last pickup, ${DAYS[wd]}`} id={id(`${wd}-pickup`)} type="time" step={60} readOnly={!on} className={on ? "" : "bg-slate-100 text-slate-500"} {...register(`days.${wd}.lastPickup`)} error={errorAt(errors, `days.${wd}.lastPickup`)} />
            </fieldset>
          );
        })}
      </div>
      <JsSubmitButton pending={pending} pendingLabel="Saving…">
        Save {props.carrier} handling
      </JsSubmitButton>
    </form>
  );
}
