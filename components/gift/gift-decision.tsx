'use client';

import { useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { useFormAction } from '@/components/ui/use-form-action';
import { SelectField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { AddressFields } from '@/components/ui/address-fields';
import type { ActionResult } from '@/lib/auth/action';
import { acceptGiftAction, blockSenderAction, convertGiftAction, declineGiftAction, retryGiftDecisionAction } from '@/lib/gifts/actions';

type Result = { ok: boolean; fieldErrors?: Record<string, string[] | undefined> } | null;
// A refusal that isn't about what was typed (the gift was answered in another tab, expired, withdrawn): look the gift
// up again, so the page shows its true state instead of controls that no longer apply.
function useRecheckOnRefusal(results: Result[], onStale: () => void) {
  useEffect(() => {
    if (results.some((r) => r && !r.ok && !r.fieldErrors)) onStale();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, results);
}


type Props = {
  giftOfferId: string;
  pendingDecision: 'accept' | 'convert' | null;
  addresses: { id: string; label: string }[];
  /** The signed-in recipient's name (just given, for a new account): the new address starts with it. */
  recipientName: string;
  giverName: string;
  onStale: () => void;
};

export function GiftDecision({ giftOfferId, pendingDecision, addresses, recipientName, giverName, onStale }: Props) {
  const { state: acceptState, onSubmit: accept, pending: accepting } = useFormAction(acceptGiftAction);
  const { state: convertState, onSubmit: convert, pending: converting } = useFormAction(convertGiftAction);
  const { state: declineState, onSubmit: decline, pending: declining } = useFormAction(declineGiftAction as (fd: FormData) => Promise<ActionResult<null>>);
  const { state: retryState, onSubmit: retry, pending: retrying } = useFormAction(retryGiftDecisionAction);
  const { state: blockState, onSubmit: block, pending: blocking } = useFormAction(blockSenderAction as (fd: FormData) => Promise<ActionResult<null>>);
  const [confirmBlock, setConfirmBlock] = useState(false);
  useRecheckOnRefusal([acceptState, convertState, declineState, retryState, blockState], onStale);
  const [choice, setChoice] = useState<'saved' | 'new'>(addresses.length ? 'saved' : 'new');
  const [confirmDecline, setConfirmDecline] = useState(false);
  const [confirmConvert, setConfirmConvert] = useState(false);
  const fe = (k: string) => (acceptState && !acceptState.ok ? acceptState.fieldErrors?.[k]?.[0] : undefined);

  if (pendingDecision)
    return (
      <form method="post" onSubmit={retry} className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-5">
        <input type="hidden" name="giftOfferId" value={giftOfferId} />
        <input type="hidden" name="decision" value={pendingDecision} />
        <h2 className="text-lg font-semibold">We’re still confirming your answer</h2>
        <p className="text-sm">
          You chose to {pendingDecision === 'accept' ? 'accept the gift' : 'take a gift card'}, but we couldn’t finish confirming it with the payment processor. Nothing is
          lost. Try again now, or we’ll finish it for you shortly.
        </p>
        {retryState && !retryState.ok && <Alert tone="error">{retryState.error}</Alert>}
        <JsSubmitButton pending={retrying} pendingLabel="Confirming…">
          Try again
        </JsSubmitButton>
      </form>
    );

  return (
    <div className="space-y-5">
      <form method="post" onSubmit={accept} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5" noValidate>
        <h2 className="text-lg font-semibold">Accept and choose where it ships</h2>
        <input type="hidden" name="giftOfferId" value={giftOfferId} />
        {acceptState && !acceptState.ok && <Alert tone="error">{acceptState.error}</Alert>}
        {addresses.length > 0 && (
          <fieldset className="space-y-2">
            <legend className="sr-only">Address</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="addressChoice" value="saved" checked={choice === 'saved'} onChange={() => setChoice('saved')} className="size-5" />
              A saved address
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="addressChoice" value="new" checked={choice === 'new'} onChange={() => setChoice('new')} className="size-5" />
              A new address
            </label>
          </fieldset>
        )}
        {addresses.length === 0 && <input type="hidden" name="addressChoice" value="new" />}
        {choice === 'saved' ? (
          <SelectField label="Ship to" name="addressId" error={fe('addressId')}>
            {addresses.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </SelectField>
        ) : (
          <div className="space-y-4">
            <AddressFields field={(n) => ({ name: n, required: n !== 'line2', maxLength: n === 'fullName' || n === 'city' ? 100 : 200, ...(n === 'state' ? { defaultValue: '' } : n === 'fullName' ? { defaultValue: recipientName } : {}) })} error={fe} />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="saveAddress" defaultChecked className="size-5" /> Save this address to my account
            </label>
          </div>
        )}
        <JsSubmitButton className="w-full" pending={accepting} pendingLabel="Accepting…">
          Accept gift
        </JsSubmitButton>
      </form>

      <form method="post" onSubmit={convert} className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
        <input type="hidden" name="giftOfferId" value={giftOfferId} />
        <h2 className="text-lg font-semibold">Prefer a gift card?</h2>
        <p className="text-sm text-slate-700">Take the gift’s value as a gift card to spend in the shop. The sender isn’t told: to them, the gift shows as accepted.</p>
        {convertState && !convertState.ok && <Alert tone="error">{convertState.error}</Alert>}
        {confirmConvert ? (
          <div className="space-y-2">
            <p className="text-sm">You’ll get a gift card instead of the item. This can’t be undone.</p>
            <div className="flex flex-wrap gap-2">
              <JsSubmitButton variant="secondary" pending={converting} pendingLabel="Converting…" autoFocus>
                Yes, convert to a gift card
              </JsSubmitButton>
              <Button type="button" variant="ghost" onClick={() => setConfirmConvert(false)}>
                Go back
              </Button>
            </div>
          </div>
        ) : (
          <Button type="button" variant="secondary" className="w-full" onClick={() => setConfirmConvert(true)}>
            Convert to a gift card
          </Button>
        )}
      </form>

      <form method="post" onSubmit={decline} className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
        <input type="hidden" name="giftOfferId" value={giftOfferId} />
        <h2 className="text-lg font-semibold">Don’t want it?</h2>
        {declineState && !declineState.ok && <Alert tone="error">{declineState.error}</Alert>}
        {confirmDecline ? (
          <div className="space-y-2">
            <p className="text-sm">The sender will be told you declined, and won’t be charged.</p>
            <div className="flex flex-wrap gap-2">
              <JsSubmitButton variant="danger" pending={declining} pendingLabel="Declining…" autoFocus>
                Yes, decline the gift
              </JsSubmitButton>
              <Button type="button" variant="secondary" onClick={() => setConfirmDecline(false)}>
                Go back
              </Button>
            </div>
          </div>
        ) : (
          <Button type="button" variant="danger" onClick={() => setConfirmDecline(true)}>
            Decline gift
          </Button>
        )}
      </form>

      <form method="post" onSubmit={block} className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
        <input type="hidden" name="giftOfferId" value={giftOfferId} />
        <h2 className="text-lg font-semibold">Don’t want gifts from {giverName}?</h2>
        {blockState && !blockState.ok && <Alert tone="error">{blockState.error}</Alert>}
        {confirmBlock ? (
          <div className="space-y-2">
            <p className="text-sm">
              We’ll decline this gift and every future gift from this sender, without showing them to you. They’ll see each one as declined, and won’t be
              charged. Gifts from everyone else still reach you.
            </p>
            <div className="flex flex-wrap gap-2">
              <JsSubmitButton variant="danger" pending={blocking} pendingLabel="Blocking…" autoFocus>
                Yes, decline and block this sender
              </JsSubmitButton>
              <Button type="button" variant="secondary" onClick={() => setConfirmBlock(false)}>
                Go back
              </Button>
            </div>
          </div>
        ) : (
          <Button type="button" variant="ghost" className="px-0" onClick={() => setConfirmBlock(true)}>
            Don’t show me gifts from this person
          </Button>
        )}
      </form>
    </div>
  );
}
