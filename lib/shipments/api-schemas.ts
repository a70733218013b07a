import { z } from 'zod';
import { EVENT_CODES } from './rules';
import { INELIGIBILITY_CODES } from './rate-rules';

// The Shipping API v2 request and response shapes (Amazon's, camelCase), as zod schemas: handlers validate with them
// and the OpenAPI document is generated from them, so the two can't drift.

const timeWindow = z.object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) });
const currency = z.object({ value: z.number().describe('Amount in the currency unit, e.g. 12.45'), unit: z.literal('USD') });
const weight = z.object({ unit: z.enum(['OUNCE', 'POUND', 'GRAM', 'KILOGRAM']), value: z.number().positive().max(100_000) });
const errorItem = z.object({ code: z.string(), message: z.string(), details: z.string().optional() });
export const errorListSchema = z.object({ errors: z.array(errorItem) }).meta({ id: 'ErrorList' });

export const getRatesRequestSchema = z
  .object({
    shipDate: z.iso.datetime({ offset: true }).optional().describe('Ignored: labels are quoted for the next pickup the seller’s settings allow.'),
    packages: z
      .array(z.object({ weight, packageClientReferenceId: z.string().max(100).optional() }))
      .max(1, 'One package per order')
      .optional()
      .describe('Omit to use the weight of the order’s items.'),
    channelDetails: z.object({
      channelType: z.literal('AMAZON'),
      amazonOrderDetails: z.object({ orderId: z.uuid('orderId must be an order id') }),
    }),
  })
  .meta({ id: 'GetRatesRequest' });

const benefits = z.object({
  includedBenefits: z.array(z.literal('CLAIMS_PROTECTED')),
  excludedBenefits: z.array(z.object({ benefit: z.literal('CLAIMS_PROTECTED'), reasonCodes: z.array(z.enum(['LATE_DELIVERY_RISK', 'NO_PROMISE'])) })),
});
const promise = z.object({ deliveryWindow: timeWindow, pickupWindow: timeWindow });

export const getRatesResponseSchema = z
  .object({
    payload: z.object({
      requestToken: z.string(),
      expiresAt: z.iso.datetime({ offset: true }),
      rates: z.array(
        z.object({
          rateId: z.string(),
          carrierId: z.string(),
          carrierName: z.string(),
          serviceId: z.string(),
          serviceName: z.string(),
          billedWeight: weight,
          totalCharge: currency,
          promise,
          requiresAdditionalInputs: z.boolean(),
          benefits,
        }),
      ),
      ineligibleRates: z.array(
        z.object({ serviceId: z.string(), serviceName: z.string(), carrierId: z.string(), carrierName: z.string(), ineligibilityReasons: z.array(z.object({ code: z.enum(INELIGIBILITY_CODES), message: z.string() })) }),
      ),
    }),
  })
  .meta({ id: 'GetRatesResponse' });

export const purchaseShipmentRequestSchema = z
  .object({
    requestToken: z.string().min(1).max(100),
    rateId: z.string().min(1).max(100),
    requestedDocumentSpecification: z
      .object({
        format: z.literal('PDF'),
        size: z.object({ width: z.literal(4), length: z.literal(6), unit: z.literal('INCH') }).optional(),
        requestedDocumentTypes: z.array(z.literal('LABEL')).min(1).optional(),
      })
      .optional(),
  })
  .meta({ id: 'PurchaseShipmentRequest' });

export const purchaseShipmentResponseSchema = z
  .object({
    payload: z.object({
      shipmentId: z.string(),
      packageDocumentDetails: z.array(
        z.object({
          packageClientReferenceId: z.string().nullable(),
          packageDocuments: z.array(z.object({ type: z.literal('LABEL'), format: z.literal('PDF'), contents: z.string().describe('Base64 of the PDF') })),
          trackingId: z.string(),
        }),
      ),
      promise,
      benefits,
    }),
  })
  .meta({ id: 'PurchaseShipmentResponse' });

export const cancelShipmentResponseSchema = z.object({ payload: z.object({}) }).meta({ id: 'CancelShipmentResponse' });

export const getTrackingQuerySchema = z.object({ trackingId: z.string().trim().min(6).max(40), carrierId: z.string().trim().min(2).max(20) });

export const getTrackingResponseSchema = z
  .object({
    payload: z.object({
      trackingId: z.string(),
      alternateLegTrackingId: z.string().nullable(),
      eventHistory: z.array(
        z.object({
          eventCode: z.enum(EVENT_CODES),
          location: z.object({ city: z.string().nullable(), stateOrRegion: z.string().nullable(), postalCode: z.string().nullable(), countryCode: z.string().nullable() }),
          eventTime: z.iso.datetime({ offset: true }),
        }),
      ),
      promisedDeliveryDate: z.iso.datetime({ offset: true }).nullable(),
      summary: z.object({ status: z.enum(['PreTransit', 'InTransit', 'OutForDelivery', 'Delivered', 'DeliveryAttempted', 'AwaitingCustomerPickup', 'Lost', 'Rejected', 'Undeliverable']) }),
    }),
  })
  .meta({ id: 'GetTrackingResponse' });
