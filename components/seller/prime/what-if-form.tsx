'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { JsSubmitButton } from '@/components/ui/js-submit-button';
import { useFormAction } from '@/components/ui/use-form-action';
import { whatIfAction } from '@/lib/prime/actions';

type Service = { id: string; name: string; enabled: boolean; maxZone: number };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function WhatIfForm({ locations, services, thresholds }: { locations: { id: string; name: string }[]; services: Service[]; thresholds: { oneDay: number; twoDay: number } }) {
  const { state, onSubmit, pending } = useFormAction(whatIfAction);
  const [chosen, setChosen] = useState(() => new Set(services.filter((s) => s.enabled).map((s) => s.id)));
  const r = state?.ok ? state.data : null;
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
                    onChange={(e) =>
                      setChosen((prev) => {
                        const next = new Set(prev);
                        if (e.target.checked) next.add(s.id);
                        else next.delete(s.id);
                        return next;
                      })
                    }
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
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor="weekdayCutoff" className="block text-sm font-medium">
              Weekday cut-off
            </label>
            <input id="weekdayCutoff" name="weekdayCutoff" type="time" defaultValue="14:00" className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
          </div>
          <div>
            <label htmlFor="saturdayCutoff" className="block text-sm font-medium">
              Saturday cut-off
            </label>
            <input id="saturdayCutoff" name="saturdayCutoff" type="time" defaultValue="10:30" className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
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
          <p className="mt-2 text-sm text-slate-600">Choose services and zone limits, then show the projection.</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
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
                <td className={r.meets.oneDay ? 'text-emerald-800' : 'font-semibold text-red-700'} data-testid="whatif-one-day">{pct(r.projected.oneDayShare)}</td>
              </tr>
              <tr className="border-t">
                <th scope="row" className="py-1 font-normal">Two-day speed (≥ {pct(thresholds.twoDay)})</th>
                <td>{pct(r.current.twoDayShare)}</td>
                <td className={r.meets.twoDay ? 'text-emerald-800' : 'font-semibold text-red-700'}>{pct(r.projected.twoDayShare)}</td>
              </tr>
              <tr className="border-t">
                <th scope="row" className="py-1 font-normal">Nationwide (48 states + DC)</th>
                <td>{r.current.nationwide ? 'Yes' : `Missing ${r.current.missingStates.length}`}</td>
                <td className={r.meets.nationwide ? 'text-emerald-800' : 'font-semibold text-red-700'}>{r.projected.nationwide ? 'Yes' : `Missing ${r.projected.missingStates.join(', ')}`}</td>
              </tr>
              <tr className="border-t">
                <th scope="row" className="py-1 font-normal">Cut-offs</th>
                <td></td>
                <td>{r.cutoffs.weekdayOk && r.cutoffs.saturdayOk ? 'Meet the earliest times' : `Too early: ${[!r.cutoffs.weekdayOk && 'weekday (14:00 at the earliest)', !r.cutoffs.saturdayOk && 'Saturday (10:30 at the earliest)'].filter(Boolean).join(', ')}`}</td>
              </tr>
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
