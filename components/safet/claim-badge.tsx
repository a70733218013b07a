import { Badge } from '@/components/ui/badge';
import { formatDateTimeIn } from '@/lib/returns/rules';
import { sellerView, type ClaimSnapshot } from '@/lib/safet/rules';

// A claim's status as the seller reads it, with the deadline that needs them ("Respond before" / "Appeal before").
export function ClaimStatus({ claim, tz, now }: { claim: ClaimSnapshot; tz: string; now: Date }) {
  const v = sellerView(claim, now);
  return (
    <div className="space-y-1">
      <Badge tone={v.tone}>{v.label}</Badge>
      {v.action && (
        <p className={`text-sm font-semibold ${v.action.kind === 'respond' ? 'text-amber-900' : 'text-slate-900'}`} data-testid={`${v.action.kind}-before`}>
          {v.action.kind === 'respond' ? 'Respond before' : 'Appeal before'} {formatDateTimeIn(v.action.by, tz)}
        </p>
      )}
    </div>
  );
}
