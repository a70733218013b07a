'use client';

import { useActionState, useEffect, useState } from 'react';
import { useFormStatus } from 'react-dom';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { signInStep, type SignInState } from '@/lib/auth/actions';

type Intent = 'request' | 'resend' | 'verify' | 'name' | 'restart';

// A submit button that shows "working" only when it is the one that was pressed.
function IntentButton({ intent, pendingLabel, variant = 'primary', className, children }: { intent: Intent; pendingLabel?: string; variant?: 'primary' | 'ghost'; className?: string; children: React.ReactNode }) {
  const { pending, data } = useFormStatus();
  const mine = pending && data?.get('intent') === intent;
  return (
    <Button type="submit" name="intent" value={intent} variant={variant} className={className} pending={mine} pendingLabel={pendingLabel} disabled={pending} formNoValidate={intent === 'resend' || intent === 'restart'}>
      {children}
    </Button>
  );
}

// Sign in or sign up with a one-time code, in steps: where to send the code; the code; and, only for a new person
// and only once the code has proven the address, their name. Each step is a form posting the server action itself,
// so it works before (or without) the page's JavaScript, and never as a GET with the contact in the URL.
// The answer to "send me a code" is the same whether or not an account exists.
export function SignInForm({ callbackUrl, contactHint, contactLabel = 'Email or US mobile number' }: { callbackUrl: string; contactHint?: string; contactLabel?: string }) {
  const [state, action] = useActionState<SignInState, FormData>(signInStep, { step: 'contact', contact: '' });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (state.step === 'done' && state.redirectTo) window.location.assign(state.redirectTo);
  }, [state]);

  const common = (
    <>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {/* Tells the server the page can reload itself; without it the server answers with a redirect. */}
      <input type="hidden" name="js" value={hydrated ? '1' : '0'} />
    </>
  );
  const fe = state.fieldErrors ?? {};

  if (state.step === 'done')
    return (
      <p role="status" className="text-slate-700">
        Signing you in…
      </p>
    );

  if (state.step === 'contact')
    return (
      <form action={action} className="space-y-4" noValidate>
        {common}
        {state.error && <Alert tone="error">{state.error}</Alert>}
        <TextField name="contact" label={contactLabel} autoComplete="username" required defaultValue={state.contact} hint={contactHint} error={fe.contact?.[0]} maxLength={320} />
        <IntentButton intent="request" pendingLabel="Sending code…" className="w-full">
          Send me a code
        </IntentButton>
      </form>
    );

  if (state.step === 'name')
    return (
      <form action={action} className="space-y-4" noValidate>
        {common}
        <input type="hidden" name="contact" value={state.contact} />
        <input type="hidden" name="proof" value={state.proof ?? ''} />
        <Alert tone="success">Code confirmed. You’re new here: tell us your name to create your account.</Alert>
        {state.error && <Alert tone="error">{state.error}</Alert>}
        <TextField name="name" label="Your name" autoComplete="name" required autoFocus maxLength={100} error={fe.name?.[0]} />
        <IntentButton intent="name" pendingLabel="Creating your account…" className="w-full">
          Create account and continue
        </IntentButton>
      </form>
    );

  return (
    <form action={action} className="space-y-4" noValidate>
      {common}
      <input type="hidden" name="contact" value={state.contact} />
      <Alert tone="info">
        We sent a 6-digit code {state.channel === 'sms' ? 'by text to' : 'to'} {state.sentTo}.{state.notice ? ` ${state.notice}` : ''}
      </Alert>
      {state.error && (
        <Alert tone="error" title="Not signed in yet">
          {state.error}
        </Alert>
      )}
      <TextField name="code" label="Code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={6} required autoFocus error={fe.code?.[0]} />
      <IntentButton intent="verify" pendingLabel="Checking…" className="w-full">
        Sign in
      </IntentButton>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        {state.canAskAgain !== false && (
          <IntentButton intent="resend" variant="ghost" pendingLabel="Sending…" className="min-h-0 px-0 py-1 text-sm">
            Send a new code
          </IntentButton>
        )}
        <IntentButton intent="restart" variant="ghost" className="min-h-0 px-0 py-1 text-sm">
          Use a different email or number
        </IntentButton>
      </div>
    </form>
  );
}
