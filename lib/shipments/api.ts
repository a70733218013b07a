import 'server-only';
import { z } from 'zod';
import { getDestinationForFulfilment } from '@/lib/fulfilment/destination';
import { isAppError } from '@/lib/errors';
import { logError } from '@/lib/log';
import { authenticateApiKey, type ApiCaller } from './api-keys';
import {
  cancelShipmentResponseSchema,
  errorListSchema,
  getRatesRequestSchema,
  getRatesResponseSchema,
  getTrackingQuerySchema,
  getTrackingResponseSchema,
  purchaseShipmentRequestSchema,
  purchaseShipmentResponseSchema,
} from './api-schemas';
import { apiStatusOf, ShippingError } from './errors';
import { getRatesForOrder, purchaseLabel, voidLabel } from './labels';
import { renderLabelPdf } from './label-pdf';
import { eventsFor, findSellerShipmentByTracking, getSellerShipment, type Shipment } from './queries';
import type { Rate } from './rate-rules';
import { summaryStatus } from './rules';

// Shipping API v2 for approved shipping software. Every handler authenticates the seller's API key, then calls the
// same lib/shipments functions the seller's pages call; another seller's order, shipment or tracking is 404.

const fail = (status: number, code: string, message: string, headers?: HeadersInit) => Response.json(errorListSchema.parse({ errors: [{ code, message }] }), { status, headers });

async function withKey(request: Request, run: (caller: ApiCaller) => Promise<Response>): Promise<Response> {
  const auth = await authenticateApiKey(request.headers);
  if (!auth.ok) {
    const f = auth.failure;
    return fail(f.status, f.code, f.message, f.retryAfterSeconds !== undefined ? { 'retry-after': String(Math.max(1, f.retryAfterSeconds)) } : undefined);
  }
  try {
    return await run(auth.caller);
  } catch (e) {
    if (isAppError(e)) {
      const { status, code } = apiStatusOf(e);
      return fail(status, code, e.message);
    }
    logError('shipping api', e);
    return fail(500, 'INTERNAL_ERROR', 'Something went wrong on our side. Please retry.');
  }
}

async function jsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new ShippingError('INVALID_INPUT', 'The body must be JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ShippingError('INVALID_INPUT', `${i.path.join('.') || 'body'}: ${i.message}`);
  }
  return parsed.data;
}

const toOunces = (w: { unit: 'OUNCE' | 'POUND' | 'GRAM' | 'KILOGRAM'; value: number }) =>
  Math.max(1, Math.ceil(w.unit === 'OUNCE' ? w.value : w.unit === 'POUND' ? w.value * 16 : w.unit === 'GRAM' ? w.value / 28.3495 : (w.value * 1000) / 28.3495));

const benefitsOf = (claimsProtected: boolean, hasPromise: boolean) =>
  claimsProtected
    ? { includedBenefits: ['CLAIMS_PROTECTED' as const], excludedBenefits: [] }
    : { includedBenefits: [], excludedBenefits: [{ benefit: 'CLAIMS_PROTECTED' as const, reasonCodes: [hasPromise ? ('LATE_DELIVERY_RISK' as const) : ('NO_PROMISE' as const)] }] };

const rateOut = (r: Rate, hasPromise: boolean) => ({
  rateId: r.rateId,
  carrierId: r.carrierId,
  carrierName: r.carrierName,
  serviceId: r.serviceId,
  serviceName: r.serviceName,
  billedWeight: { unit: 'OUNCE' as const, value: r.billedWeightOz },
  totalCharge: { value: r.totalChargeCents / 100, unit: 'USD' as const },
  promise: { deliveryWindow: r.deliveryWindow, pickupWindow: r.pickupWindow },
  requiresAdditionalInputs: false,
  benefits: benefitsOf(r.claimsProtected, hasPromise),
});

export function handleGetRates(request: Request) {
  return withKey(request, async ({ sellerId }) => {
    const body = await jsonBody(request, getRatesRequestSchema);
    const weight = body.packages?.[0]?.weight;
    const quote = await getRatesForOrder(sellerId, body.channelDetails.amazonOrderDetails.orderId, { weightOz: weight ? toOunces(weight) : undefined });
    return Response.json(
      getRatesResponseSchema.parse({
        payload: { requestToken: quote.requestToken, expiresAt: quote.expiresAt.toISOString(), rates: quote.rates.map((r) => rateOut(r, Boolean(quote.promise))), ineligibleRates: quote.ineligibleRates },
      }),
    );
  });
}

export async function labelPdfFor(sellerId: string, s: Shipment): Promise<Uint8Array> {
  // The caller owns this shipment (sellerId in its query): lib/fulfilment's contract for reading the destination.
  const d = await getDestinationForFulfilment(s.orderId);
  if (!d) throw new ShippingError('INVALID_STATE', 'This order has no shipping address.');
  return renderLabelPdf({
    trackingId: s.trackingId,
    carrierName: s.carrierId,
    serviceName: s.serviceName,
    shipDate: s.shipDate,
    weightOz: s.billedWeightOz,
    orderRef: s.orderId.slice(0, 8).toUpperCase(),
    from: s.shipFrom ?? { name: 'Seller', line1: '', city: '', state: '', zip: '' },
    to: { name: d.fullName, line1: d.line1, line2: d.line2, city: d.city, state: d.state, zip: d.zip },
  });
}

export function handlePurchaseShipment(request: Request) {
  return withKey(request, async ({ sellerId }) => {
    const body = await jsonBody(request, purchaseShipmentRequestSchema);
    const { shipment, replayed } = await purchaseLabel(sellerId, null, { requestToken: body.requestToken, rateId: body.rateId });
    const pdf = await labelPdfFor(sellerId, shipment);
    const window = (a: Date | null, b: Date | null) => ({ start: (a ?? new Date(0)).toISOString(), end: (b ?? new Date(0)).toISOString() });
    return Response.json(
      purchaseShipmentResponseSchema.parse({
        payload: {
          shipmentId: shipment.id,
          packageDocumentDetails: [{ packageClientReferenceId: null, packageDocuments: [{ type: 'LABEL', format: 'PDF', contents: Buffer.from(pdf).toString('base64') }], trackingId: shipment.trackingId }],
          promise: { deliveryWindow: window(shipment.deliveryWindowStart, shipment.deliveryWindowEnd), pickupWindow: window(shipment.pickupWindowStart, shipment.pickupWindowEnd) },
          benefits: benefitsOf(shipment.claimsProtected, true),
        },
      }),
      { status: replayed ? 200 : 201 },
    );
  });
}

export function handleCancelShipment(request: Request, shipmentId: string) {
  return withKey(request, async ({ sellerId }) => {
    if (!z.uuid().safeParse(shipmentId).success) throw new ShippingError('NOT_FOUND', 'That shipment could not be found.');
    await voidLabel(sellerId, shipmentId);
    return Response.json(cancelShipmentResponseSchema.parse({ payload: {} }));
  });
}

export function handleGetTracking(request: Request) {
  return withKey(request, async ({ sellerId }) => {
    const url = new URL(request.url);
    const q = getTrackingQuerySchema.safeParse({ trackingId: url.searchParams.get('trackingId') ?? '', carrierId: url.searchParams.get('carrierId') ?? '' });
    if (!q.success) throw new ShippingError('INVALID_INPUT', 'Give trackingId and carrierId.');
    const s = await findSellerShipmentByTracking(sellerId, q.data.trackingId, q.data.carrierId.toUpperCase());
    if (!s) throw new ShippingError('NOT_FOUND', 'No shipment of yours has that tracking number.');
    const events = (await eventsFor([s])).get(`${s.carrierId}:${s.trackingId}`) ?? [];
    return Response.json(
      getTrackingResponseSchema.parse({
        payload: {
          trackingId: s.trackingId,
          alternateLegTrackingId: null,
          eventHistory: [...events].reverse().map((e) => ({ eventCode: e.eventCode, location: { city: e.city, stateOrRegion: e.stateOrRegion, postalCode: e.postalCode, countryCode: e.countryCode }, eventTime: e.eventTime.toISOString() })),
          promisedDeliveryDate: s.deliveryWindowEnd?.toISOString() ?? null,
          summary: { status: summaryStatus(s.status) },
        },
      }),
    );
  });
}

export async function getShipmentForSeller(sellerId: string, shipmentId: string) {
  if (!z.uuid().safeParse(shipmentId).success) return null;
  return getSellerShipment(sellerId, shipmentId);
}
