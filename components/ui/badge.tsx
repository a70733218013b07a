const tones = {
  neutral: 'bg-slate-100 text-slate-800',
  green: 'bg-emerald-100 text-emerald-900',
  amber: 'bg-amber-100 text-amber-900',
  red: 'bg-red-100 text-red-900',
  blue: 'bg-blue-100 text-blue-900',
};

export function Badge({ tone = 'neutral', children }: { tone?: keyof typeof tones; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-medium ${tones[tone]}`}>{children}</span>;
}

export function PrimeBadge() {
  return (
    <span className="inline-flex items-center rounded bg-prime px-1.5 py-0.5 text-xs font-bold tracking-wide text-white" aria-label="Prime: free two-day delivery">
      ✓prime
    </span>
  );
}
