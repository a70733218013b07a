import { Badge } from '@/components/ui/badge';
import { shipmentStatusLabel, type ShipmentStatus } from '@/lib/shipments/rules';

const tone: Record<ShipmentStatus, 'neutral' | 'green' | 'amber' | 'red' | 'blue'> = {
  label_created: 'neutral',
  picked_up: 'blue',
  in_transit: 'blue',
  out_for_delivery: 'blue',
  delivery_attempted: 'amber',
  delivered: 'green',
  returned_to_sender: 'red',
  lost: 'red',
  voided: 'neutral',
};

export function ShipmentStatusBadge({ status }: { status: ShipmentStatus }) {
  return <Badge tone={tone[status]}>{shipmentStatusLabel[status]}</Badge>;
}
