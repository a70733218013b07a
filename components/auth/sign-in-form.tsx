'use client';

import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { requestSignInCode, verifySignInCode } from '@/lib/auth/actions';

type Sent = { contact: string; sentTo: string; channel: 'email' | 'sms'; isNewAccount: boolean };

// Two steps: where to send the code, then the code (and a name for a new account). Plain inputs keep it light.
export function SignInForm({ callbackUrl, contactHint }: { callbackUrl: string; contactHint?: string }) {
  const [sent, setSent] = useState<Sent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [pending, start] = useTransition();

  // onSubmit rather than a form action: React resets action forms, and a typo should stay on screen to fix.
  const requestCode = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    start(async () => {
      setError(null);
      const res = await requestSignInCode({ contact: String(fd.get('contact') ?? '') });
      if (res.ok) {
        setSent(res.data);
        setFieldErrors({});
      } else {
        setError(res.fieldErrors ? null : res.error);
        setFieldErrors(res.fieldErrors ?? {});
      }
    });
  };

  const verify = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    start(async () => {
      setError(null);
      const res = await verifySignInCode({ contact: sent!.contact, code: String(fd.get('code') ?? ''), name: (fd.get('name') as string) || undefined, callbackUrl });
      if (res.ok) {
        window.location.assign(res.data.redirectTo);
        return;
      }
      setFieldErrors(res.fieldErrors ?? {});
      setError(res.fieldErrors ? null : res.error);
    });
  };

  if (!sent)
    return (
      <form onSubmit={requestCode} className="space-y-4" noValidate>
        {error && <Alert tone="error">{error}</Alert>}
        <TextField name="contact" label="Email or US mobile number" autoComplete="username" required hint={contactHint} error={fieldErrors.contact?.[0]} />
        <Button type="submit" className="w-full" pending={pending} pendingLabel="Sending code…">
          Send me a code
        </Button>
      </form>
    );

  return (
    <form onSubmit={verify} className="space-y-4" noValidate>
      <Alert tone="info">
        We sent a 6-digit code {sent.channel === 'sms' ? 'by text to' : 'to'} {sent.sentTo}.
      </Alert>
      {error && <Alert tone="error">{error}</Alert>}
      {sent.isNewAccount && <TextField name="name" label="Your name" autoComplete="name" required hint="You’re new here: this creates your account." error={fieldErrors.name?.[0]} />}
      <TextField name="code" label="Code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required error={fieldErrors.code?.[0]} />
      <Button type="submit" className="w-full" pending={pending} pendingLabel="Checking…">
        {sent.isNewAccount ? 'Create account and continue' : 'Sign in'}
      </Button>
      <button type="button" className="text-sm text-brand-dark hover:underline" onClick={() => { setSent(null); setError(null); setFieldErrors({}); }}>
        Use a different email or number
      </button>
    </form>
  );
}
