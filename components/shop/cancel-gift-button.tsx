'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cancelGiftAction } from '@/lib/orders/actions';

export function CancelGiftButton({ orderId }: { orderId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, start] = useTransition();
  if (!confirming)
    return (
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Cancel gift
      </Button>
    );
  return (
    <div className="space-y-2">
      {error && <Alert tone="error">{error}</Alert>}
      <p className="text-sm">Cancel this gift? The recipient’s link will stop working and the hold on your card is released.</p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="danger"
          pending={pending}
          pendingLabel="Cancelling…"
          onClick={() =>
            start(async () => {
              const res = await cancelGiftAction({ orderId });
              if (res.ok) router.refresh();
              else setError(res.error);
            })
          }
        >
          Yes, cancel the gift
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
          Keep it
        </Button>
      </div>
    </div>
  );
}
