'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { buyLabelAction, getRatesAction } from '@/lib/shipments/actions';
import type { IneligibleRate, Rate } from '@/lib/shipments/rate-rules';
import { scenarioLabel, SCENARIOS, type Scenario } from '@/lib/shipments/scenarios';

type Quote = { requestToken: string; expiresAt: string; rates: Rate[]; ineligibleRates: IneligibleRate[]; hasPromise: boolean };

const money = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
const dayTime = (iso: string, tz: string) => new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: tz }).format(new Date(iso));
const time = (iso: string, tz: string) => new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: tz, timeZoneName: 'short' }).format(new Date(iso));

const reasonLabel: Record<string, string> = {
  NO_COVERAGE: 'No coverage',
  PICKUP_SLOT_RESTRICTION: 'No pickup slot',
  SIZE_RESTRICTIONS: 'Too large',
  WEIGHT_RESTRICTIONS: 'Too heavy',
  LATE_DELIVERY: 'Misses the promise',
  PROGRAM_CONSTRAINTS: 'Not in Buy Shipping',
  UNKNOWN: 'Unavailable',
};

// Rates for one order, fetched when the page opens (a quote lives `quoteLife`, from config), one service chosen, one label bought.
// The purchase names the quote and the rate, so a double click or a retry buys one label and charges once.
export function BuyShipping({ orderId, tz, sandbox, quoteLife }: { orderId: string; tz: string; sandbox: boolean; quoteLife: string }) {
  const router = useRouter();
  const [quote, setQuote] = useState<Quote | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [scenario, setScenario] = useState<Scenario>('on_time');
  const [loading, startLoading] = useTransition();
  const [buying, startBuying] = useTransition();
  const [expired, setExpired] = useState(false);
  const groupId = useId();
  const started = useRef(false);

  const load = useCallback(() => {
    setError(null);
    setExpired(false);
    startLoading(async () => {
      const r = await getRatesAction({ orderId });
      if (!r.ok) return setError(r.error);
      setQuote(r.data);
      setChosen(r.data.rates[0]?.rateId ?? null);
    });
  }, [orderId]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    load();
  }, [load]);

  useEffect(() => {
    if (!quote) return;
    const ms = new Date(quote.expiresAt).getTime() - Date.now();
    const t = setTimeout(() => setExpired(true), Math.max(0, ms));
    return () => clearTimeout(t);
  }, [quote]);

  const buy = () => {
    if (!quote || !chosen) return;
    setError(null);
    startBuying(async () => {
      const r = await buyLabelAction({ requestToken: quote.requestToken, rateId: chosen, ...(sandbox ? { scenario } : {}) });
      if (!r.ok) return setError(r.error);
      router.refresh();
    });
  };

  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-5" aria-labelledby="rates-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="rates-heading" className="text-lg font-semibold">
          Buy Shipping
        </h2>
        {quote && !expired && <p className="text-sm text-slate-600">Rates valid until {time(quote.expiresAt, tz)}</p>}
      </div>
      {error && (
        <Alert tone="error" title="That didn’t work">
          {error}{' '}
          <button type="button" className="font-semibold underline" onClick={load}>
            Get fresh rates
          </button>
        </Alert>
      )}
      {expired && !error && (
        <Alert tone="warning" title="These rates have expired">
          Rates are valid for {quoteLife}.{' '}
          <button type="button" className="font-semibold underline" onClick={load}>
            Get fresh rates
          </button>
        </Alert>
      )}
      {loading && !quote && <p className="text-sm text-slate-600" role="status">Getting rates from the carriers…</p>}
      {quote && quote.rates.length === 0 && <Alert tone="warning" title="No service can ship this order">See the reasons below, or record a label bought elsewhere.</Alert>}
      {quote && quote.rates.length > 0 && (
        <fieldset className="space-y-2" disabled={buying || expired}>
          <legend className="mb-2 text-sm text-slate-700">
            {!quote.hasPromise
              ? 'Services that can ship this order'
              : quote.rates.some((r) => r.claimsProtected)
                ? 'Services that meet this order’s delivery promise'
                : 'No service can still meet this order’s promise: the soonest arrivals first'}
          </legend>
          {quote.rates.map((r) => {
            const id = `${groupId}-${r.rateId}`;
            return (
              <label
                key={r.rateId}
                htmlFor={id}
                className={`flex cursor-pointer gap-3 rounded-lg border p-3 ${chosen === r.rateId ? 'border-brand bg-brand/5 ring-1 ring-brand' : 'border-slate-300'}`}
                data-testid="rate-option"
              >
                <input id={id} type="radio" name="rateId" value={r.rateId} checked={chosen === r.rateId} onChange={() => setChosen(r.rateId)} className="mt-1 size-4" />
                <span className="flex-1 space-y-1">
                  <span className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-semibold">{r.serviceName}</span>
                    <span className="text-lg font-bold">{money(r.totalChargeCents)}</span>
                  </span>
                  <span className="block text-sm text-slate-700">
                    Pickup {dayTime(r.pickupWindow.start, tz)}–{time(r.pickupWindow.end, tz)} · Delivery {dayTime(r.deliveryWindow.start, tz).split(',').slice(0, 2).join(',')}
                  </span>
                  <span className="flex flex-wrap gap-1.5">
                    {r.claimsProtected ? <Badge tone="green">Claims protected</Badge> : <Badge tone="amber">{quote.hasPromise ? 'Late delivery risk' : 'No delivery promise'}</Badge>}
                    <Badge>{r.transitDays === 1 ? '1 day' : `${r.transitDays} days`} in transit</Badge>
                  </span>
                </span>
              </label>
            );
          })}
        </fieldset>
      )}
      {quote && quote.rates.length > 0 && sandbox && (
        <details className="rounded-lg border border-dashed border-slate-300 p-3 text-sm">
          <summary className="cursor-pointer font-medium">Sandbox carrier</summary>
          <label htmlFor={`${groupId}-scenario`} className="mt-2 block">
            What the simulated carrier will report for this label
          </label>
          <select id={`${groupId}-scenario`} value={scenario} onChange={(e) => setScenario(e.target.value as Scenario)} className="mt-1 rounded-lg border border-slate-300 px-3 py-2">
            {SCENARIOS.map((s) => (
              <option key={s} value={s}>
                {scenarioLabel[s]}
              </option>
            ))}
          </select>
        </details>
      )}
      {quote && quote.rates.length > 0 && (
        <Button type="button" onClick={buy} pending={buying} pendingLabel="Buying label…" disabled={!chosen || expired}>
          Buy label{chosen ? ` · ${money(quote.rates.find((r) => r.rateId === chosen)?.totalChargeCents ?? 0)}` : ''}
        </Button>
      )}
      {quote && quote.ineligibleRates.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">Services that don’t qualify ({quote.ineligibleRates.length})</summary>
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200">
            {quote.ineligibleRates.map((r) => (
              <li key={r.serviceId} className="flex flex-wrap items-start justify-between gap-2 p-3" data-testid="ineligible-rate">
                <span>
                  <span className="font-medium">{r.serviceName}</span>
                  <span className="block text-slate-600">{r.ineligibilityReasons[0]?.message}</span>
                </span>
                <Badge tone="neutral">{reasonLabel[r.ineligibilityReasons[0]?.code ?? 'UNKNOWN']}</Badge>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
