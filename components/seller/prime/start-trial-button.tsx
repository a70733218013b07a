'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { startTrialAction } from '@/lib/prime/actions';

export function StartTrialButton({ trialDays }: { trialDays: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-2">
      {error && <Alert tone="error">{error}</Alert>}
      <Button
        pending={pending}
        pendingLabel="Starting…"
        onClick={() =>
          start(async () => {
            const res = await startTrialAction({});
            if (res.ok) router.refresh();
            else setError(res.error);
          })
        }
      >
        Start the {trialDays}-day trial
      </Button>
    </div>
  );
}
