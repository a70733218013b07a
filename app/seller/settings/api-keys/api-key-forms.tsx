'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { useFormAction } from '@/components/ui/use-form-action';
import { createApiKeyAction, revokeApiKeyAction } from '@/lib/shipments/actions';

export function CreateApiKeyForm() {
  const router = useRouter();
  const [copied, setCopied] = useState(false);
  const { state, onSubmit, pending } = useFormAction(async (fd) => {
    const r = await createApiKeyAction(fd);
    if (r.ok) {
      setCopied(false);
      router.refresh();
    }
    return r;
  });
  return (
    <div className="space-y-3">
      {state?.ok && (
        <Alert tone="success" title="Copy your new key now">
          <p>It won’t be shown again. Store it in your shipping software’s settings.</p>
          <p className="mt-2 rounded bg-white p-2 font-mono text-xs break-all text-slate-900" data-testid="new-api-key">
            {state.data.token}
          </p>
          <button
            type="button"
            className="mt-2 font-semibold underline"
            onClick={async () => {
              await navigator.clipboard?.writeText(state.data.token);
              setCopied(true);
            }}
          >
            {copied ? 'Copied' : 'Copy to clipboard'}
          </button>
        </Alert>
      )}
      <form method="post" onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="min-w-60 flex-1">
          <TextField label="Name" name="name" placeholder="e.g. ShipStation" maxLength={60} required error={state && !state.ok ? (state.fieldErrors?.name?.[0] ?? state.error) : undefined} />
        </div>
        <JsSubmitButton pending={pending} pendingLabel="Creating…">
          Create key
        </JsSubmitButton>
      </form>
    </div>
  );
}

export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!confirming)
    return (
      <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
        Revoke<span className="sr-only"> {name}</span>
      </Button>
    );
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label={`Confirm revoking ${name}`}>
      <span>Software using it stops working at once.</span>
      {error && <span role="alert" className="text-red-800">{error}</span>}
      <Button
        type="button"
        variant="danger"
        pending={pending}
        pendingLabel="Revoking…"
        onClick={() =>
          start(async () => {
            const r = await revokeApiKeyAction({ keyId });
            if (!r.ok) return setError(r.error);
            router.refresh();
          })
        }
      >
        Yes, revoke
      </Button>
      <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
        Cancel
      </Button>
    </div>
  );
}
