import { currentUser } from '@/lib/auth/session';
import { getSellerForUser } from '@/lib/prime/queries';
import { getShipmentForSeller, labelPdfFor } from '@/lib/shipments/api';

// The seller's 4x6 label as a PDF download. Someone else's shipment, or a voided label, is "not found".
export async function GET(_request: Request, { params }: { params: Promise<{ shipmentId: string }> }) {
  const user = await currentUser();
  if (!user || user.role !== 'seller') return new Response('Not found', { status: 404 });
  const seller = await getSellerForUser(user.id);
  const shipment = seller ? await getShipmentForSeller(seller.id, (await params).shipmentId) : null;
  if (!seller || !shipment || shipment.voidedAt || shipment.source !== 'buy_shipping') return new Response('Not found', { status: 404 });
  const pdf = await labelPdfFor(seller.id, shipment);
  return new Response(Buffer.from(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="label-${shipment.trackingId}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
}
