import { PrimeBadge } from '@/components/ui/badge';
import { formatPromiseDate } from '@/lib/shipping/rules';
import type { BuyerPromise } from '@/lib/shipping/promise';

// "Get it by Thursday, November 26" for the buyer's destination, with the Prime badge only where the seller is Prime
// eligible and the promise is two days or less with free shipping (S2). Server-rendered: no JavaScript.
export function DeliveryPromise({ promise, zip, source, now = new Date() }: { promise: BuyerPromise | null; zip: string; source: 'entered' | 'saved' | 'default'; now?: Date }) {
  if (!promise) {
    return (
      <p className="text-sm text-slate-700" data-testid="delivery-promise">
        We can’t give a delivery date for ZIP {zip}: check the ZIP code.
      </p>
    );
  }
  const left = promise.cutoffAt ? Math.max(0, promise.cutoffAt.getTime() - now.getTime()) : null;
  const h = left !== null ? Math.floor(left / 3_600_000) : 0;
  const m = left !== null ? Math.floor((left % 3_600_000) / 60_000) : 0;
  return (
    <div className="space-y-1" data-testid="delivery-promise">
      <p className="flex flex-wrap items-center gap-2 text-base">
        {promise.prime && <PrimeBadge />}
        <span>
          {promise.prime ? 'FREE delivery. ' : ''}Get it by <strong data-testid="promise-date">{formatPromiseDate(promise.deliveryDate)}</strong>
        </span>
      </p>
      {left !== null && left > 0 && (
        <p className="text-sm text-emerald-800">
          Order within {h > 0 ? `${h} hr${h === 1 ? '' : 's'} ` : ''}
          {m} min{m === 1 ? '' : 's'}
        </p>
      )}
      <p className="text-sm text-slate-600">
        Delivering to {zip}
        {source === 'default' ? ' (a sample ZIP: enter yours)' : source === 'saved' ? ' (your saved address)' : ''}.
      </p>
    </div>
  );
}

// A plain GET form: works without JavaScript, and the ZIP lands in the page's URL.
export function ZipForm({ action, zip, error }: { action: string; zip: string; error?: string | null }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-2" aria-label="Delivery ZIP code">
      <div>
        <label htmlFor="delivery-zip" className="block text-sm font-medium text-slate-800">
          Deliver to ZIP
        </label>
        <input
          id="delivery-zip"
          name="zip"
          defaultValue={zip}
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={10}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'delivery-zip-error' : undefined}
          className={`mt-1 block w-32 rounded-lg border bg-white px-3 py-2 ${error ? 'border-red-500' : 'border-slate-300'}`}
        />
      </div>
      <button type="submit" className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 py-2 font-semibold hover:bg-slate-100">
        Update
      </button>
      {error && (
        <p id="delivery-zip-error" role="alert" className="w-full text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
