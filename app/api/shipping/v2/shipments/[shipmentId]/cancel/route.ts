import { handleCancelShipment } from '@/lib/shipments/api';

export async function PUT(request: Request, { params }: { params: Promise<{ shipmentId: string }> }) {
  return handleCancelShipment(request, (await params).shipmentId);
}
