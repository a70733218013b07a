'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { SelectField, TextField } from '@/components/ui/field';
import { useFormAction } from '@/components/ui/use-form-action';
import { recordExternalShipmentAction } from '@/lib/shipments/actions';

type Service = { id: string; carrier: string; name: string; specialOperatingPlan: boolean };
const CARRIERS = [
  { id: 'UPS', name: 'UPS' },
  { id: 'FEDEX', name: 'FedEx' },
  { id: 'USPS', name: 'USPS' },
  { id: 'ONTRAC', name: 'OnTrac' },
];

// "Ship without Buy Shipping": postage bought elsewhere. Counts against the Buy Shipping metric unless the service
// runs under a special operating plan.
export function ShipOutsideForm({ orderId, services }: { orderId: string; services: Service[] }) {
  const router = useRouter();
  const [carrier, setCarrier] = useState('UPS');
  const [serviceId, setServiceId] = useState('');
  const { state, onSubmit, pending } = useFormAction(async (fd) => {
    const r = await recordExternalShipmentAction(fd);
    if (r.ok) router.refresh();
    return r;
  });
  const mine = services.filter((s) => s.carrier.toUpperCase() === carrier);
  const chosen = services.find((s) => s.id === serviceId);
  const err = (k: string) => (state && !state.ok ? state.fieldErrors?.[k]?.[0] : undefined);
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate>
      <input type="hidden" name="orderId" value={orderId} />
      {state && !state.ok && !state.fieldErrors && <Alert tone="error">{state.error}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Carrier" name="carrierId" value={carrier} onChange={(e) => { setCarrier(e.target.value); setServiceId(''); }} error={err('carrierId')}>
          {CARRIERS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Service" name="carrierServiceId" value={serviceId} onChange={(e) => setServiceId(e.target.value)} error={err('carrierServiceId')}>
          <option value="">Not listed</option>
          {mine.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField label="Tracking number" name="trackingId" autoComplete="off" spellCheck={false} required error={err('trackingId')} />
      <p className="text-sm text-slate-700">
        {chosen?.specialOperatingPlan
          ? 'This service runs under a special operating plan: it is exempt from the Buy Shipping requirement.'
          : 'This order will count as “Shipped outside Buy Shipping” in your Prime performance, and the label has no claims protection.'}
      </p>
      <JsSubmitButton variant="secondary" pending={pending} pendingLabel="Saving…">
        Record shipment
      </JsSubmitButton>
    </form>
  );
}
