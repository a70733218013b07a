import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';
import type { TrendPoint } from '@/lib/prime/dashboard';

const W = 280;
const H = 72;
const PAD = { top: 6, right: 6, bottom: 14, left: 6 };

const pct = (x: number) => `${+(x * 100).toFixed(1)}%`;

// A 90-day trend as plain SVG computed on the server (d3-scale for the axes, d3-shape for the path): no chart code
// reaches the browser. The dashed line is the requirement; `higherIsBetter` false for the cancellation rate.
export function TrendChart({ points, threshold, higherIsBetter, label, today }: { points: TrendPoint[]; threshold: number | null; higherIsBetter: boolean; label: string; today: string }) {
  const measured = points.filter((p): p is { day: string; rate: number } => p.rate !== null);
  const end = new Date(`${today}T00:00:00Z`);
  const start = new Date(end.getTime() - 90 * 86_400_000);
  if (measured.length === 0) {
    return (
      <p className="flex h-[72px] items-center justify-center rounded border border-dashed border-slate-200 text-xs text-slate-500">No daily evaluations in the last 90 days yet</p>
    );
  }
  const values = measured.map((p) => p.rate);
  if (threshold !== null) values.push(threshold);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 0.02) {
    lo = Math.max(0, lo - 0.01);
    hi = Math.min(1, hi + 0.01);
  }
  const x = scaleUtc().domain([start, end]).range([PAD.left, W - PAD.right]);
  const y = scaleLinear().domain([lo, hi]).nice().range([H - PAD.bottom, PAD.top]);
  const path = line<{ day: string; rate: number }>()
    .x((p) => x(new Date(`${p.day}T00:00:00Z`)))
    .y((p) => y(p.rate))(measured);
  const first = measured[0];
  const last = measured.at(-1)!;
  const ok = (r: number) => threshold === null || (higherIsBetter ? r >= threshold : r <= threshold);
  const summary = `${label}, last 90 days: from ${pct(first.rate)} on ${first.day} to ${pct(last.rate)} on ${last.day}${threshold !== null ? `; requirement ${pct(threshold)}` : ''}.`;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={summary}>
      <title>{summary}</title>
      {threshold !== null && (
        <line x1={PAD.left} x2={W - PAD.right} y1={y(threshold)} y2={y(threshold)} stroke="#94a3b8" strokeDasharray="4 3" strokeWidth={1} />
      )}
      <path d={path ?? ''} fill="none" stroke={ok(last.rate) ? '#047857' : '#b91c1c'} strokeWidth={2} strokeLinejoin="round" />
      {measured
        .filter((p) => !ok(p.rate))
        .map((p) => (
          <circle key={p.day} cx={x(new Date(`${p.day}T00:00:00Z`))} cy={y(p.rate)} r={2} fill="#b91c1c" />
        ))}
      <text x={PAD.left} y={H - 2} fontSize={9} fill="#64748b">
        {start.toISOString().slice(5, 10)}
      </text>
      <text x={W - PAD.right} y={H - 2} fontSize={9} fill="#64748b" textAnchor="end">
        today
      </text>
    </svg>
  );
}
