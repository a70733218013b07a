import { handleCarrierWebhook } from '@/lib/shipments/webhook';

// A carrier's tracking events, signed `t=<unix>,v1=<hex HMAC-SHA256(secret, "t.body")>` in X-Carrier-Signature.
export async function POST(request: Request, { params }: { params: Promise<{ carrier: string }> }) {
  const { carrier } = await params;
  return handleCarrierWebhook(carrier, request);
}
