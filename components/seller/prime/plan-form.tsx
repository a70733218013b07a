'use client';

import { Alert } from '@/components/ui/alert';
import { TextAreaField } from '@/components/ui/field';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { useFormAction } from '@/components/ui/use-form-action';
import { submitPlanAction } from '@/lib/prime/actions';

// The seller's part of a plan of action: the figures and orders above it come from the server, not from this form.
export function PlanForm({ defaults }: { defaults: { problem: string } }) {
  const { state, onSubmit, pending } = useFormAction(submitPlanAction);
  const err = (k: string) => (state && !state.ok ? state.fieldErrors?.[k]?.[0] : undefined);
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      {state && !state.ok && <Alert tone="error">{state.error}</Alert>}
      <TextAreaField
        label="The problem"
        name="problem"
        rows={4}
        defaultValue={defaults.problem}
        error={err('problem')}
        hint="What went wrong, in your words. We started it from your figures: edit it freely."
        required
        maxLength={4000}
      />
      <TextAreaField
        label="Root cause analysis"
        name="rootCause"
        rows={5}
        error={err('rootCause')}
        hint="Why it happened: look at the orders listed above (carrier, ship method, dates) for what they have in common."
        required
        maxLength={4000}
      />
      <TextAreaField
        label="Steps to prevent it recurring"
        name="preventiveSteps"
        rows={5}
        error={err('preventiveSteps')}
        hint="What you have changed or will change, and from when."
        required
        maxLength={4000}
      />
      <JsSubmitButton pending={pending} pendingLabel="Submitting…">
        Submit the plan of action
      </JsSubmitButton>
    </form>
  );
}
