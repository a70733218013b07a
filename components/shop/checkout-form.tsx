'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { AddressFields } from '@/components/ui/address-fields';
import { DeliveryPromise } from '@/components/shop/delivery-promise';
import { GIFT_MESSAGE_MAX } from '@/lib/gifts/rules';
import { formatMoney } from '@/lib/money';
import { placeOrderAction } from '@/lib/orders/actions';
import { MAX_QUANTITY, priceOrder, splitPayment } from '@/lib/orders/rules';
import { checkoutSchema } from '@/lib/orders/schemas';
import { promiseForZipAction } from '@/lib/shipping/actions';
import type { PromiseView } from '@/lib/shipping/rules';

type FormIn = z.input<typeof checkoutSchema>;

type Props = {
  offer: { id: string; priceCents: number; prime: boolean; currency: string };
  checkoutKey: string;
  // The delivery promise per saved address, and for the stated default ZIP (a new address before its ZIP is typed).
  promises: { byAddressId: Record<string, PromiseView>; fallback: PromiseView };
  addresses: { id: string; label: string }[];
  balanceCents: number;
  gifting: { eligible: true } | { eligible: false; reason: string };
  offerLifeDays: number;
  showTestCards: boolean;
};

export function CheckoutForm({ offer, checkoutKey, promises, addresses, balanceCents, gifting, offerLifeDays, showTestCards }: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    control,
    setError,
    formState: { errors },
  } = useForm<FormIn>({
    resolver: zodResolver(checkoutSchema),
    defaultValues: {
      offerId: offer.id,
      checkoutKey,
      quantity: 1,
      shippingChoice: 'ship_to_address',
      addressId: addresses[0]?.id ?? 'new',
      giftReceipt: false,
      useGiftCardBalance: balanceCents > 0,
      recipient: '',
      giftMessage: '',
    },
  });
  const [quantity, shippingChoice, giftReceipt, addressId, useBalance] = useWatch({ control, name: ['quantity', 'shippingChoice', 'giftReceipt', 'addressId', 'useGiftCardBalance'] });
  const isGift = shippingChoice === 'recipient_provides';
  const newZip = useWatch({ control, name: 'newAddress.zip' });
  const usingNewAddress = addresses.length === 0 || addressId === 'new';
  const typedZip = /^\d{5}(-\d{4})?$/.test((newZip ?? '').trim()) ? (newZip ?? '').trim().slice(0, 5) : null;
  // The promise for a new address's ZIP, looked up once the buyer has typed five digits (and a moment's pause).
  const [entered, setEntered] = useState<{ zip: string; view: PromiseView | null; error: string | null } | null>(null);
  useEffect(() => {
    if (isGift || !usingNewAddress || !typedZip || entered?.zip === typedZip) return;
    let stale = false;
    const timer = setTimeout(async () => {
      const res = await promiseForZipAction({ offerId: offer.id, zip: typedZip });
      if (stale) return;
      setEntered({ zip: typedZip, view: res.ok ? res.data : null, error: res.ok ? null : (res.fieldErrors?.zip?.[0] ?? res.error) });
    }, 300);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [isGift, usingNewAddress, typedZip, entered?.zip, offer.id]);
  const enteredNow = entered && entered.zip === typedZip ? entered : null;
  const delivery: PromiseView | null = isGift ? null : usingNewAddress ? (enteredNow?.view ?? promises.fallback) : (promises.byAddressId[String(addressId)] ?? promises.fallback);
  const price = priceOrder({ unitPriceCents: offer.priceCents, quantity: Number(quantity) || 1, primeOffer: offer.prime });
  const split = splitPayment(price.totalCents, balanceCents, !isGift && Boolean(useBalance));

  const onSubmit = (values: unknown) => {
    setFormError(null);
    startTransition(async () => {
      const res = await placeOrderAction(values as FormIn);
      if (res.ok) {
        router.push(`/orders/${res.data.orderId}?placed=1`);
        return;
      }
      setFormError(res.error);
      for (const [field, msgs] of Object.entries(res.fieldErrors ?? {})) {
        if (msgs?.[0]) setError(field as keyof FormIn, { message: msgs[0] });
      }
    });
  };

  const err = (path: string) => {
    const parts = path.split('.');
    let e: unknown = errors;
    for (const p of parts) e = (e as Record<string, unknown> | undefined)?.[p];
    return (e as { message?: string } | undefined)?.message;
  };

  return (
    // method="post" and a submit button disabled until hydrated: before the JavaScript runs, this form can't be sent as
    // a GET with the card number and address in the URL.
    <form method="post" onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-6" aria-describedby={formError ? 'checkout-error' : undefined}>
      <input type="hidden" {...register('offerId')} />
      <input type="hidden" {...register('checkoutKey')} />
      {formError && (
        <div id="checkout-error">
          <Alert tone="error" title="Your order was not placed">
            {formError}
          </Alert>
        </div>
      )}

      <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
        <SelectField label="Quantity" {...register('quantity')} error={err('quantity')}>
          {Array.from({ length: MAX_QUANTITY }, (_, i) => (
            <option key={i + 1} value={i + 1}>
              {i + 1}
            </option>
          ))}
        </SelectField>
        <label className="flex items-start gap-3">
          <input type="checkbox" className="mt-1 size-5" {...register('giftReceipt')} />
          <span>
            <span className="font-medium">Add a gift receipt for easy returns</span>
            <span className="block text-sm text-slate-600">Prices are hidden from the recipient.</span>
          </span>
        </label>
        {err('giftReceipt') && <p className="text-sm font-medium text-red-700" role="alert">{err('giftReceipt')}</p>}
      </section>

      <fieldset className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">Shipping</legend>
        <label className="flex items-start gap-3">
          <input type="radio" value="ship_to_address" className="mt-1 size-5" {...register('shippingChoice')} />
          <span className="font-medium">Ship to an address</span>
        </label>
        <label className={`flex items-start gap-3 ${!gifting.eligible || !giftReceipt ? 'opacity-70' : ''}`}>
          <input type="radio" value="recipient_provides" className="mt-1 size-5" disabled={!gifting.eligible || !giftReceipt} {...register('shippingChoice')} />
          <span>
            <span className="font-medium">Let the recipient provide their address</span>
            <span className="block text-sm text-slate-600">
              We send them a link by email or text. You never see their address, and your card is only charged if they accept.
            </span>
            {!gifting.eligible ? (
              <span className="mt-1 block text-sm font-medium text-amber-900" data-testid="gift-unavailable">
                Unavailable: {gifting.reason}
              </span>
            ) : (
              !giftReceipt && <span className="mt-1 block text-sm text-slate-600">Tick “Add a gift receipt” above to choose this.</span>
            )}
          </span>
        </label>

        {isGift ? (
          <div className="space-y-4 border-t border-slate-200 pt-4">
            <TextField
              label="Recipient’s email or US mobile number"
              autoComplete="off"
              inputMode="email"
              hint="We’ll send them a link to accept the gift."
              {...register('recipient')}
              error={err('recipient')}
            />
            <TextAreaField label="Gift message (optional)" rows={3} maxLength={GIFT_MESSAGE_MAX} {...register('giftMessage')} error={err('giftMessage')} />
          </div>
        ) : (
          <div className="space-y-4 border-t border-slate-200 pt-4">
            {addresses.length > 0 && (
              <SelectField label="Ship to" {...register('addressId')} error={err('addressId')}>
                {addresses.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
                <option value="new">A new address…</option>
              </SelectField>
            )}
            {(addresses.length === 0 || addressId === 'new') && (
              <AddressFields field={(n) => register(`newAddress.${n}`)} error={(n) => err(`newAddress.${n}`)} />
            )}
          </div>
        )}
        <section className="border-t border-slate-200 pt-4" aria-live="polite" aria-label="Delivery">
          {delivery ? (
            <>
              <DeliveryPromise view={delivery} sampleHint="enter the address’s ZIP code for yours" />
              {enteredNow?.error && <p className="text-sm text-amber-900">{enteredNow.error}</p>}
            </>
          ) : (
            // The giver never sees a date that depends on where the recipient lives: the recipient gets it on accepting.
            <p className="text-sm text-slate-700" data-testid="delivery-promise">
              The recipient sees the delivery date when they accept the gift and give their address.
            </p>
          )}
        </section>
      </fieldset>

      <fieldset className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">Payment</legend>
        {balanceCents > 0 && !isGift && (
          <label className="flex items-start gap-3">
            <input type="checkbox" className="mt-1 size-5" {...register('useGiftCardBalance')} />
            <span>
              Use my gift card balance ({formatMoney(balanceCents, offer.currency)})
            </span>
          </label>
        )}
        {balanceCents > 0 && isGift && <p className="text-sm text-slate-600">Gift card balance can’t pay for a gift the recipient may still decline.</p>}
        {split.cardCents > 0 ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <div className="sm:col-span-3">
              <TextField label="Card number" autoComplete="cc-number" inputMode="numeric" {...register('cardNumber')} error={err('cardNumber')} />
            </div>
            <TextField label="Expiry (MM/YY)" autoComplete="cc-exp" placeholder="MM/YY" {...register('cardExpiry')} error={err('cardExpiry')} />
            <TextField label="Security code" autoComplete="cc-csc" inputMode="numeric" {...register('cardCvc')} error={err('cardCvc')} />
          </div>
        ) : (
          <p className="text-sm text-emerald-800">Your gift card balance covers this order.</p>
        )}
        {showTestCards && split.cardCents > 0 && (
          <p className="text-xs text-slate-500">
            Sandbox cards: 4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 is declined · 4000 0000 0000 9995 has insufficient funds · 4000 0000 0000 0119 times out. Any future expiry, any CVC.
          </p>
        )}
      </fieldset>

      <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" aria-label="Order summary">
        <dl className="space-y-1 text-sm">
          <div className="flex justify-between">
            <dt>Items</dt>
            <dd>{formatMoney(price.subtotalCents, offer.currency)}</dd>
          </div>
          <div className="flex justify-between">
            <dt>Shipping</dt>
            <dd>{price.shippingCents === 0 ? 'FREE' : formatMoney(price.shippingCents, offer.currency)}</dd>
          </div>
          {split.giftCardCents > 0 && (
            <div className="flex justify-between">
              <dt>Gift card</dt>
              <dd>−{formatMoney(split.giftCardCents, offer.currency)}</dd>
            </div>
          )}
          <div className="flex justify-between border-t border-slate-200 pt-2 text-base font-bold">
            <dt>Order total</dt>
            <dd data-testid="order-total">{formatMoney(price.totalCents, offer.currency)}</dd>
          </div>
        </dl>
        {isGift && (
          <p className="text-sm text-slate-700">
            Nothing is charged now: we place a hold of {formatMoney(split.cardCents, offer.currency)} on your card. You’re charged only if the recipient accepts. If
            they decline, or don’t answer within {offerLifeDays} days, the hold is released.
          </p>
        )}
        <JsSubmitButton className="w-full" pending={pending} pendingLabel="Placing your order…">
          {isGift ? 'Send gift' : 'Place order'}
        </JsSubmitButton>
      </section>
    </form>
  );
}
