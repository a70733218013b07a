'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { voidLabelAction } from '@/lib/shipments/actions';

// Voids an unscanned label after the seller confirms; the charge comes back once.
export function VoidLabelButton({ shipmentId, cost }: { shipmentId: string; cost: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      const r = await voidLabelAction({ shipmentId });
      if (!r.ok) return setError(r.error);
      setConfirming(false);
      router.refresh();
    });
  if (!confirming)
    return (
      <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
        Void label
      </Button>
    );
  return (
    <div className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm" role="group" aria-label="Confirm voiding the label">
      <p>Void this label? {cost} is credited back to your account and the order returns to “to ship”. Don’t use the printed label.</p>
      {error && (
        <p role="alert" className="font-medium text-red-800">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="danger" onClick={run} pending={pending} pendingLabel="Voiding…">
          Yes, void it
        </Button>
        <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
          Keep the label
        </Button>
      </div>
    </div>
  );
}
