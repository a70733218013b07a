import { MAP_HEIGHT, MAP_WIDTH, stateShapes } from '@/lib/shipping/map';
import type { StateCoverage } from '@/lib/shipping/rules';

// The US coloured by the promise most of each state's people get, as plain SVG rendered on the server.
export const LEVEL_STYLE = {
  one_day: { fill: '#0b5394', label: 'One-day', text: '#ffffff' },
  two_day: { fill: '#5b9bd5', label: 'Two-day', text: '#0f172a' },
  standard: { fill: '#d9e7f5', label: 'Standard', text: '#0f172a' },
  none: { fill: '#f1f5f9', label: 'Not covered', text: '#0f172a' },
} as const;

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function CoverageMap({ states, title }: { states: StateCoverage[]; title: string }) {
  const byState = new Map(states.map((s) => [s.state, s]));
  const shapes = stateShapes();
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-labelledby="map-title map-desc" className="h-auto w-full rounded-xl border border-slate-200 bg-white">
        <title id="map-title">{title}</title>
        <desc id="map-desc">
          {(['one_day', 'two_day', 'standard', 'none'] as const)
            .map((l) => `${LEVEL_STYLE[l].label}: ${states.filter((s) => s.level === l).map((s) => s.state).join(', ') || 'none'}`)
            .join('. ')}
        </desc>
        {shapes.map((s) => {
          const c = byState.get(s.state);
          const level = c?.level ?? 'none';
          return (
            <path key={s.state} d={s.d} fill={LEVEL_STYLE[level].fill} stroke="#ffffff" strokeWidth={1} data-state={s.state} data-level={level}>
              <title>
                {c ? `${s.name}: ${LEVEL_STYLE[level].label} (one-day ${pct(c.shares.one_day)}, two-day ${pct(c.shares.two_day)}, standard ${pct(c.shares.standard)}, not covered ${pct(c.shares.none)} of its people)` : `${s.name}: not covered`}
              </title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-label="Legend">
          {(['one_day', 'two_day', 'standard', 'none'] as const).map((l) => (
            <li key={l} className="flex items-center gap-2">
              <span aria-hidden className="inline-block size-4 rounded border border-slate-300" style={{ background: LEVEL_STYLE[l].fill }} />
              {LEVEL_STYLE[l].label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

export function CoverageSummary({ oneDayShare, twoDayShare, nationwide, missingStates, thresholds }: { oneDayShare: number; twoDayShare: number; nationwide: boolean; missingStates: string[]; thresholds: { oneDay: number; twoDay: number } }) {
  const row = (label: string, share: number, min: number) => {
    const ok = share >= min;
    return (
      <div className="rounded-lg border border-slate-200 bg-white p-3">
        <dt className="text-sm text-slate-600">{label}</dt>
        <dd className="mt-1 flex flex-wrap items-baseline gap-2">
          <span className="text-2xl font-bold">{(share * 100).toFixed(1)}%</span>
          <span className={`text-sm font-medium ${ok ? 'text-emerald-800' : 'text-red-700'}`}>
            {ok ? '✓ meets' : '✗ below'} the {Math.round(min * 100)}% requirement
          </span>
        </dd>
      </div>
    );
  };
  return (
    <dl className="grid gap-3 sm:grid-cols-3">
      {row('One-day coverage (population)', oneDayShare, thresholds.oneDay)}
      {row('Two-day coverage (population)', twoDayShare, thresholds.twoDay)}
      <div className="rounded-lg border border-slate-200 bg-white p-3">
        <dt className="text-sm text-slate-600">Nationwide (48 contiguous states + DC)</dt>
        <dd className={`mt-1 font-medium ${nationwide ? 'text-emerald-800' : 'text-red-700'}`}>
          {nationwide ? '✓ Every state covered' : `✗ Missing ${missingStates.length}: ${missingStates.join(', ')}`}
        </dd>
      </div>
    </dl>
  );
}
