'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { US_STATES } from '@/lib/accounts/us-states';
import { saveTemplateAction } from '@/lib/shipping/actions';
import { templateFormSchema, templateFormToInput, type TemplateFormValues } from '@/lib/shipping/schemas';
import { Input, Select } from './fields';
import { errorAt } from './form-helpers';

type Props = {
  template?: { id: string; name: string; sizeTier: 'standard' | 'oversize'; shipFromId: string; automated: boolean; isDefault: boolean; regions: { kind: 'state' | 'zip3'; code: string; level: 'one_day' | 'two_day' | 'standard' }[] };
  locations: { id: string; name: string }[];
};

const LEVELS = [
  ['none', '—'],
  ['one_day', 'One-day'],
  ['two_day', 'Two-day'],
  ['standard', 'Standard'],
] as const;

export function TemplateForm({ template, locations }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'success' | 'warning'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const states = Object.fromEntries(US_STATES.map((s) => [s, template?.regions.find((r) => r.kind === 'state' && r.code === s)?.level ?? 'none'])) as TemplateFormValues['states'];
  const { register, handleSubmit, control, setError, formState: { errors } } = useForm<TemplateFormValues>({
    resolver: zodResolver(templateFormSchema),
    defaultValues: {
      id: template?.id ?? '',
      name: template?.name ?? 'Standard-size Prime',
      sizeTier: template?.sizeTier ?? 'standard',
      shipFromId: template?.shipFromId ?? locations[0]?.id ?? '',
      automated: template?.automated ?? true,
      isDefault: template?.isDefault ?? false,
      states,
      zip3Lines: (template?.regions ?? []).filter((r) => r.kind === 'zip3').map((r) => `${r.code} ${r.level.replace('_', '-')}`).join('\n'),
    },
  });
  const automated = useWatch({ control, name: 'automated' });
  const onSubmit = (values: TemplateFormValues) => {
    setMessage(null);
    startTransition(async () => {
      const res = await saveTemplateAction(templateFormToInput(values));
      if (!res.ok) {
        for (const [field, msgs] of Object.entries(res.fieldErrors ?? {})) if (msgs?.[0]) setError((field.startsWith('regions') ? 'states' : field) as 'name', { message: msgs[0] });
        return setMessage({ tone: 'error', text: res.error });
      }
      const unreachable = res.data.unreachable;
      if (!template) {
        router.push(`/seller/templates/${res.data.id}?saved=1`);
        return;
      }
      setMessage(
        unreachable.length
          ? { tone: 'warning', text: `Saved. Your enabled services can’t meet the promise everywhere in: ${unreachable.join(', ')}. Enable faster services or widen their zone limits.` }
          : { tone: 'success', text: 'Template saved; coverage recomputed.' },
      );
      router.refresh();
    });
  };
  return (
    <form method="post" onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4" aria-label={template ? 'Edit template' : 'New template'}>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Input label="Template name" id="tpl-name" {...register('name')} error={errorAt(errors, 'name')} />
        <Select label="Ships from" id="tpl-shipfrom" {...register('shipFromId')} error={errorAt(errors, 'shipFromId')}>
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </Select>
        {!template && (
          <Select label="Size tier" id="tpl-tier" {...register('sizeTier')} error={errorAt(errors, 'sizeTier')} hint="Standard: up to 20 lb and 18 × 14 × 8 in. Prime coverage requirements apply to standard-size templates.">
            <option value="standard">Standard size</option>
            <option value="oversize">Oversize</option>
          </Select>
        )}
        <div className="space-y-2">
          <label className="flex items-start gap-2">
            <input type="checkbox" className="mt-1 size-5" {...register('automated')} />
            <span>
              <span className="font-medium">Shipping region automation</span>
              <span className="block text-sm text-slate-600">Compute the regions from your enabled services and their zone limits, and keep them up to date when those change.</span>
            </span>
          </label>
          {template && (
            <label className="flex items-center gap-2">
              <input type="checkbox" className="size-5" {...register('isDefault')} /> Default template for {template.sizeTier === 'standard' ? 'standard-size' : 'oversize'} offers
            </label>
          )}
        </div>
      </div>
      {!automated && (
        <fieldset className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          <legend className="px-1 font-semibold">Regions by state</legend>
          {errorAt(errors, 'states') && (
            <p className="text-sm font-medium text-red-700" role="alert">
              {errorAt(errors, 'states')}
            </p>
          )}
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-6">
            {US_STATES.map((s) => (
              <Select key={s} label={s} id={`tpl-state-${s}`} {...register(`states.${s}`)} className="py-1 text-sm">
                {LEVELS.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </Select>
            ))}
          </div>
          <div className="space-y-1">
            <label htmlFor="tpl-zip3" className="block text-sm font-medium text-slate-800">
              ZIP3 exceptions (override their state)
            </label>
            <textarea
              id="tpl-zip3"
              rows={4}
              className={`block w-full rounded-lg border bg-white px-3 py-2 font-mono text-sm ${errorAt(errors, 'zip3Lines') ? 'border-red-500' : 'border-slate-300'}`}
              placeholder={'941 one-day\n995 standard'}
              aria-invalid={errorAt(errors, 'zip3Lines') ? true : undefined}
              aria-describedby={errorAt(errors, 'zip3Lines') ? 'tpl-zip3-error' : 'tpl-zip3-hint'}
              {...register('zip3Lines')}
            />
            {errorAt(errors, 'zip3Lines') ? (
              <p id="tpl-zip3-error" className="text-sm font-medium text-red-700" role="alert">
                {errorAt(errors, 'zip3Lines')}
              </p>
            ) : (
              <p id="tpl-zip3-hint" className="text-sm text-slate-600">
                One per line: the first three digits of the ZIP and one-day, two-day or standard.
              </p>
            )}
          </div>
        </fieldset>
      )}
      <JsSubmitButton pending={pending} pendingLabel="Saving…">
        {template ? 'Save template' : 'Create template'}
      </JsSubmitButton>
    </form>
  );
}
