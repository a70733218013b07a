'use client';

import { Alert } from '@/components/ui/alert';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { TextAreaField } from '@/components/ui/field';
import { useFormAction } from '@/components/ui/use-form-action';
import { approvePlanAction, rejectPlanAction } from '@/lib/prime/actions';

// Ops: approve with a note (eligibility restored) or reject with reasons (the seller may submit again).
export function PlanDecision({ planId }: { planId: string }) {
  const approve = useFormAction(approvePlanAction);
  const reject = useFormAction(rejectPlanAction);
  const busy = approve.pending || reject.pending;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <form method="post" onSubmit={approve.onSubmit} className="space-y-3 rounded-xl border border-emerald-200 bg-emerald-50/40 p-4" noValidate>
        <h3 className="font-semibold">Approve</h3>
        {approve.state && !approve.state.ok && <Alert tone="error">{approve.state.error}</Alert>}
        <input type="hidden" name="planId" value={planId} />
        <TextAreaField
          label="Note to the seller"
          name="note"
          rows={3}
          required
          error={approve.state && !approve.state.ok ? approve.state.fieldErrors?.note?.[0] : undefined}
          hint="Sent with the approval. Eligibility and the badge are restored at once."
        />
        <JsSubmitButton pending={approve.pending} disabled={busy} pendingLabel="Approving…">
          Approve and restore eligibility
        </JsSubmitButton>
      </form>
      <form method="post" onSubmit={reject.onSubmit} className="space-y-3 rounded-xl border border-red-200 bg-red-50/40 p-4" noValidate>
        <h3 className="font-semibold">Reject</h3>
        {reject.state && !reject.state.ok && <Alert tone="error">{reject.state.error}</Alert>}
        <input type="hidden" name="planId" value={planId} />
        <TextAreaField
          label="Reasons"
          name="reasons"
          rows={3}
          required
          error={reject.state && !reject.state.ok ? reject.state.fieldErrors?.reasons?.[0] : undefined}
          hint="The seller reads these and may submit a new plan."
        />
        <JsSubmitButton variant="danger" pending={reject.pending} disabled={busy} pendingLabel="Rejecting…">
          Reject the plan
        </JsSubmitButton>
      </form>
    </div>
  );
}
