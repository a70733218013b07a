import { Badge } from '@/components/ui/badge';
import type { GiverGiftStatus } from '@/lib/gifts/rules';

const tone = { waiting: 'amber', accepted: 'green', declined: 'red', expired: 'neutral', cancelled: 'neutral' } as const;

export function GiftStatusBadge({ status, label }: { status: GiverGiftStatus; label: string }) {
  return (
    <span data-testid="gift-status">
      <Badge tone={tone[status]}>{label}</Badge>
    </span>
  );
}
