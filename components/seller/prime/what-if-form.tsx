'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { useFormAction } from '@/components/ui/use-form-action';
import { US_STATES } from '@/lib/accounts/us-states';
import { whatIfAction } from '@/lib/prime/actions';

type Service = { id: string; name: string; enabled: boolean; maxZone: number };
type Defaults = { missingStates: string[] | null; weekdayCutoff: string; saturdayCutoff: string };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const days = (n: number | null) => (n === null ? 'No promise' : n === 1 ? '1 day' : `${n} days`);

export function WhatIfForm({
  locations,
  services,
  thresholds,
  defaults,
}: {
  locations: { id: string; name: string }[];
  services: Service[];
  thresholds: { oneDay: number; twoDay: number; weekdayCutoff: string; weekendCutoff: string };
  defaults: Defaults;
}) {
  const { state, onSubmit, pending } = useFormAction(whatIfAction);
  const [chosen, setChosen] = useState(() => new Set(services.filter((s) => s.enabled).map((s) => s.id)));
  const [added, setAdded] = useState(() => new Set<string>());
  const r = state?.ok ? state.data : null;
  const missing = new Set(defaults.missingStates ?? []);
  const toggle = (set: typeof setAdded, id: string, on: boolean) =>
    set((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const stateBox = (code: string) => (
    <label key={code} className="flex items-center gap-1">
      <input type="checkbox" checked={added.has(code)} onChange={(e) => toggle(setAdded, code, e.target.checked)} aria-label={`Add ${code}`} />
      {code}
    </label>
  );
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form method="post" onSubmit={onSubmit} className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
        {state && !state.ok && <Alert tone="error">{state.error}</Alert>}
        <div>
          <label htmlFor="shipFromId" className="block text-sm font-medium">
            Ship from
          </label>
          <select id="shipFromId" name="shipFromId" className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2">
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Carrier services and their delivery-zone limit</legend>
          <input type="hidden" name="services" value={[...chosen].join(',')} />
          <ul className="mt-2 space-y-2">
            {services.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={chosen.has(s.id)}
                    onChange={(e) => toggle(setChosen, s.id, e.target.checked)}
                  />
                  {s.name}
                </label>
                <label className="flex items-center gap-1 text-slate-600">
                  up to zone
                  <select name={`zone_${s.id}`} defaultValue={s.maxZone} className="rounded border border-slate-300 px-1 py-0.5" aria-label={`Zone limit for ${s.name}`}>
                    {[1, 2, 3, 4, 5, 6, 7, 8].map((z) => (
                      <option key={z} value={z}>
                        {z}
                      </option>
                    ))}
                  </select>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium">Add states to your Prime template regions</legend>
          <input type="hidden" name="addStates" value={[...added].join(',')} />
          <label className="mt-2 flex items-center gap-2 text-sm">
            Promise
            <select name="addLevel" defaultValue="two_day" className="rounded border border-slate-300 px-1 py-0.5">
              <option value="two_day">two-day delivery</option>
              <option value="one_day">one-day delivery</option>
            </select>
            to the states ticked
          </label>
          {defaults.missingStates && defaults.missingStates.length > 0 && (
            <div className="mt-2">
              <p className="text-xs text-slate-600">Not covered today:</p>
              <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm" data-testid="whatif-missing-states">
                {defaults.missingStates.map(stateBox)}
              </div>
            </div>
          )}
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-slate-700">{missing.size > 0 ? 'Other states' : 'All states'}</summary>
            <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">{US_STATES.filter((s) => !missing.has(s)).map(stateBox)}</div>
          </details>
        </fieldset>
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor="weekdayCutoff" className="block text-sm font-medium">
              Weekday cut-off
            </label>
            <input id="weekdayCutoff" name="weekdayCutoff" type="time" defaultValue={defaults.weekdayCutoff} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
          </div>
          <div>
            <label htmlFor="saturdayCutoff" className="block text-sm font-medium">
              Saturday cut-off
            </label>
            <input id="saturdayCutoff" name="saturdayCutoff" type="time" defaultValue={defaults.saturdayCutoff} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
          </div>
        </div>
        <JsSubmitButton pending={pending} pendingLabel="Computing…">
          Show the projection
        </JsSubmitButton>
        <p className="text-xs text-slate-600">Nothing is saved. Change your real settings under Shipping settings.</p>
      </form>
      <section aria-live="polite" aria-labelledby="proj-h" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="proj-h" className="font-semibold">
          Projection
        </h2>
        {!r ? (
          <p className="mt-2 text-sm text-slate-600">Choose services, zone limits, states and cut-offs, then show the projection.</p>
        ) : (
          <div className="mt-2 space-y-4 text-sm">
            {r.newTemplate && <p className="text-slate-700">You have no standard-size Prime template yet: this is what an automated one from this location would give.</p>}
            <table className="w-full text-left">
              <caption className="sr-only">Delivery speed and coverage</caption>
              <thead>
                <tr>
                  <th scope="col" className="py-1"></th>
                  <th scope="col" className="py-1">Now</th>
                  <th scope="col" className="py-1">With these changes</th>
                </tr>
              </thead>
              <tbody>
                <tr className="border-t">
                  <th scope="row" className="py-1 font-normal">One-day speed (≥ {pct(thresholds.oneDay)})</th>
                  <td>{pct(r.current.oneDayShare)}</td>
                  <td className={r.meets.oneDay ? 'text-emerald-800' : 'font-semibold text-red-700'} data-testid="whatif-one-day">
                    {pct(r.projected.oneDayShare)}
                  </td>
                </tr>
                <tr className="border-t">
                  <th scope="row" className="py-1 font-normal">Two-day speed (≥ {pct(thresholds.twoDay)})</th>
                  <td>{pct(r.current.twoDayShare)}</td>
                  <td className={r.meets.twoDay ? 'text-emerald-800' : 'font-semibold text-red-700'} data-testid="whatif-two-day">
                    {pct(r.projected.twoDayShare)}
                  </td>
                </tr>
                <tr className="border-t">
                  <th scope="row" className="py-1 font-normal">Nationwide (48 states + DC)</th>
                  <td>{r.current.nationwide ? 'Yes' : `Missing ${r.current.missingStates.length}`}</td>
                  <td className={r.meets.nationwide ? 'text-emerald-800' : 'font-semibold text-red-700'} data-testid="whatif-nationwide">
                    {r.projected.nationwide ? 'Yes' : `Missing ${r.projected.missingStates.join(', ')}`}
                  </td>
                </tr>
              </tbody>
            </table>
            {(r.addedStates.covered.length > 0 || r.addedStates.unmet.length > 0) && (
              <p data-testid="whatif-added">
                {r.addedStates.covered.length > 0 && <>Added: {r.addedStates.covered.join(', ')}. </>}
                {r.addedStates.unmet.length > 0 && (
                  <span className="text-red-700">No chosen service delivers in time to {r.addedStates.unmet.join(', ')}: enable a faster service or widen its zone limit.</span>
                )}
              </p>
            )}
            <table className="w-full text-left">
              <caption className="text-left font-medium">The promise a buyer sees (transit, Prime handling 0 days)</caption>
              <thead>
                <tr>
                  <th scope="col" className="py-1">Delivery to</th>
                  <th scope="col" className="py-1">Now</th>
                  <th scope="col" className="py-1">With these changes</th>
                </tr>
              </thead>
              <tbody>
                {r.destinations.map((d) => (
                  <tr key={d.zip3} className="border-t">
                    <th scope="row" className="py-1 font-normal">{d.name}</th>
                    <td>{days(d.now)}</td>
                    <td data-testid={`whatif-dest-${d.zip3}`}>{days(d.projected)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="space-y-1">
              <h3 className="font-medium">Cut-offs</h3>
              <p data-testid="whatif-cutoffs">
                {r.cutoffs.weekdayOk && r.cutoffs.saturdayOk
                  ? 'Meet the earliest times.'
                  : `Too early: ${[!r.cutoffs.weekdayOk && `weekday (${thresholds.weekdayCutoff} at the earliest)`, !r.cutoffs.saturdayOk && `Saturday (${thresholds.weekendCutoff} at the earliest)`].filter(Boolean).join(', ')}.`}
              </p>
              {r.sameDay.orders > 0 && r.sameDay.now !== null && r.sameDay.projected !== null ? (
                <p data-testid="whatif-same-day">
                  Of your {r.sameDay.orders.toLocaleString('en-US')} orders in the last 30 days, {pct(r.sameDay.now)} were placed before the cut-off and shipped the same day; with
                  these cut-offs, {pct(r.sameDay.projected)} would have.
                </p>
              ) : (
                <p className="text-slate-600">No orders in the last 30 days to measure the cut-off against.</p>
              )}
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
