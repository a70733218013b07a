'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { saveOfferProfileAction } from '@/lib/shipping/actions';
import { offerProfileSchema } from '@/lib/shipping/schemas';
import { Input, Select } from './fields';
import { applyResult, errorAt } from './form-helpers';

type FormIn = z.input<typeof offerProfileSchema>;

export function OfferProfileForm({ offer, profile, templates }: { offer: { id: string; title: string }; profile: { lengthIn: number; widthIn: number; heightIn: number; weightLb: number; templateId: string; sizeTier: 'standard' | 'oversize' } | null; templates: { id: string; name: string; sizeTier: 'standard' | 'oversize' }[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, formState: { errors } } = useForm<FormIn>({
    resolver: zodResolver(offerProfileSchema),
    defaultValues: { offerId: offer.id, lengthIn: profile?.lengthIn ?? '', widthIn: profile?.widthIn ?? '', heightIn: profile?.heightIn ?? '', weightLb: profile?.weightLb ?? '', templateId: profile?.templateId ?? '' },
  });
  const id = (s: string) => `op-${offer.id.slice(0, 8)}-${s}`;
  const onSubmit = (values: FormIn) => {
    setMessage(null);
    startTransition(async () => {
      const res = await saveOfferProfileAction(values);
      const error = applyResult(res, setError);
      if (error) return setMessage({ error: true, text: error });
      setMessage({ error: false, text: `Saved: ${res.ok && res.data.sizeTier === 'standard' ? 'standard size' : 'oversize'}.` });
      router.refresh();
    });
  };
  return (
    <form method="post" onSubmit={handleSubmit(onSubmit)} noValidate aria-label={`Parcel for ${offer.title}`} className="space-y-3">
      <input type="hidden" {...register('offerId')} />
      <p className="font-medium">
        {offer.title}
        {profile && <span className="ml-2 text-sm font-normal text-slate-600">({profile.sizeTier === 'standard' ? 'standard size' : 'oversize'})</span>}
      </p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Input label="Length (in)" id={id('l')} inputMode="decimal" {...register('lengthIn')} error={errorAt(errors, 'lengthIn')} />
        <Input label="Width (in)" id={id('w')} inputMode="decimal" {...register('widthIn')} error={errorAt(errors, 'widthIn')} />
        <Input label="Height (in)" id={id('h')} inputMode="decimal" {...register('heightIn')} error={errorAt(errors, 'heightIn')} />
        <Input label="Weight (lb)" id={id('wt')} inputMode="decimal" {...register('weightLb')} error={errorAt(errors, 'weightLb')} />
        <Select label="Template" id={id('t')} {...register('templateId')} error={errorAt(errors, 'templateId')}>
          <option value="">Default for its size</option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.sizeTier})
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <JsSubmitButton variant="secondary" pending={pending} pendingLabel="Saving…">
          Save parcel
        </JsSubmitButton>
        {message && (
          <p role={message.error ? 'alert' : 'status'} className={`text-sm ${message.error ? 'font-medium text-red-700' : 'text-emerald-800'}`}>
            {message.text}
          </p>
        )}
      </div>
    </form>
  );
}
