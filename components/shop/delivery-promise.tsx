import { PrimeBadge } from '@/components/ui/badge';
import type { PromiseView } from '@/lib/shipping/rules';

// "Get it by Thursday, November 26" for the buyer's destination, with the Prime badge only where the seller is Prime
// eligible and the promise is two days or less with free shipping (S2). Renders a PromiseView (lib/shipping
// promiseViewOf), so the same markup serves the server-rendered product page and the checkout form in the browser.
export function DeliveryPromise({ view, sampleHint = 'enter yours' }: { view: PromiseView; sampleHint?: string }) {
  if (!view.date) {
    return (
      <p className="text-sm text-slate-700" data-testid="delivery-promise">
        We can’t give a delivery date for ZIP {view.zip}: check the ZIP code.
      </p>
    );
  }
  return (
    // data-fresh-until: how long a cached copy of the page may show this promise (lib/http/page-cache.ts).
    <div className="space-y-1" data-testid="delivery-promise" data-fresh-until={view.freshUntil ?? undefined}>
      <p className="flex flex-wrap items-center gap-2 text-base">
        {view.prime && <PrimeBadge />}
        <span>
          {view.prime ? 'FREE delivery. ' : ''}Get it by <strong data-testid="promise-date">{view.date}</strong>
        </span>
      </p>
      {view.orderWithin && <p className="text-sm text-emerald-800">Order within {view.orderWithin}</p>}
      <p className="text-sm text-slate-600">
        Delivering to {view.zip}
        {view.source === 'default' ? ` (a sample ZIP: ${sampleHint})` : view.source === 'saved' ? ' (your saved address)' : ''}.
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
