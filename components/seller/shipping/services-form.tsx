'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { WEEKEND_LABEL, type WeekendCapability } from '@/lib/shipping/carriers';
import { saveServicesAction } from '@/lib/shipping/actions';
import { servicesSchema } from '@/lib/shipping/schemas';
import { applyResult, errorAt } from './form-helpers';

type FormIn = z.input<typeof servicesSchema>;
export type ServiceRow = {
  id: string;
  carrier: string;
  name: string;
  transitDays: number[];
  deliveryWeekdays: number[];
  saturdayPickup: WeekendCapability;
  saturdayDropOff: WeekendCapability;
  sundayPickup: WeekendCapability;
  sundayDropOff: WeekendCapability;
  specialOperatingPlan: boolean;
  enabled: boolean;
  maxZone: number;
};

const tone: Record<WeekendCapability, string> = { yes: 'text-emerald-800', limited: 'text-amber-800', no: 'text-slate-500' };

// Enable services and set each one's delivery-zone limit (S20: automated template regions follow these).
export function ServicesForm({ services }: { services: ServiceRow[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, formState: { errors } } = useForm<FormIn>({
    resolver: zodResolver(servicesSchema),
    defaultValues: { services: services.map((s) => ({ serviceId: s.id, enabled: s.enabled, maxZone: s.maxZone })) },
  });
  const onSubmit = (values: FormIn) => {
    setMessage(null);
    startTransition(async () => {
      const res = await saveServicesAction(values);
      const error = applyResult(res, setError);
      if (error) return setMessage({ tone: 'error', text: error });
      setMessage({ tone: 'success', text: 'Services saved. Automated template regions were recomputed.' });
      router.refresh();
    });
  };
  const cap = (c: WeekendCapability) => <span className={tone[c]}>{WEEKEND_LABEL[c]}</span>;
  return (
    <form method="post" onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4" aria-label="Carrier services">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full min-w-[720px] text-left text-sm">
          <caption className="sr-only">Carrier services, their transit days by zone and weekend capabilities</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="p-3">Use</th>
              <th scope="col" className="p-3">Service</th>
              <th scope="col" className="p-3">Transit, zones 1–8 (days)</th>
              <th scope="col" className="p-3">Sat pickup / drop-off</th>
              <th scope="col" className="p-3">Sun pickup / drop-off</th>
              <th scope="col" className="p-3">Zone limit</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s, i) => (
              <tr key={s.id} className="border-t border-slate-200 align-middle">
                <td className="p-3">
                  <input type="hidden" {...register(`services.${i}.serviceId`)} />
                  <input type="checkbox" className="size-5" id={`svc-${s.id}`} aria-label={`Use ${s.name}`} {...register(`services.${i}.enabled`)} />
                </td>
                <td className="p-3">
                  <label htmlFor={`svc-${s.id}`} className="font-medium">
                    {s.name}
                  </label>
                  {s.specialOperatingPlan && <span className="block text-xs text-slate-600">Special operating plan: not sold through Buy Shipping, exempt from its requirement</span>}
                </td>
                <td className="p-3 font-mono text-xs">{s.transitDays.join(' ')}</td>
                <td className="p-3">
                  {cap(s.saturdayPickup)} / {cap(s.saturdayDropOff)}
                </td>
                <td className="p-3">
                  {cap(s.sundayPickup)} / {cap(s.sundayDropOff)}
                </td>
                <td className="p-3">
                  <label className="sr-only" htmlFor={`zone-${s.id}`}>
                    Zone limit for {s.name}
                  </label>
                  <select id={`zone-${s.id}`} className="rounded-lg border border-slate-300 bg-white px-2 py-1" {...register(`services.${i}.maxZone`)}>
                    {[1, 2, 3, 4, 5, 6, 7, 8].map((z) => (
                      <option key={z} value={z}>
                        Up to zone {z}
                      </option>
                    ))}
                  </select>
                  {errorAt(errors, `services.${i}.maxZone`) && <p className="text-sm text-red-700" role="alert">{errorAt(errors, `services.${i}.maxZone`)}</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <JsSubmitButton pending={pending} pendingLabel="Saving…">
        Save services
      </JsSubmitButton>
    </form>
  );
}
