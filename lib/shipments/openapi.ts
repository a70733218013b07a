import { z } from 'zod';
import { config } from '@/lib/config';
import {
  cancelShipmentResponseSchema,
  errorListSchema,
  getRatesRequestSchema,
  getRatesResponseSchema,
  getTrackingResponseSchema,
  purchaseShipmentRequestSchema,
  purchaseShipmentResponseSchema,
} from './api-schemas';
import { quoteLifeText } from './rules';

// The OpenAPI 3.1 document of the Shipping API v2, generated from the zod schemas the handlers validate with.
const schema = (s: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ({ 400: 'Invalid input or expired token', 401: 'Missing, invalid or revoked API key', 404: 'Not found (or not yours)', 409: 'Not possible in the current state', 429: 'Rate limit reached' } as Record<number, string>)[c], content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorList' } } } }]));
const json = (s: z.ZodType, io: 'input' | 'output') => ({ 'application/json': { schema: schema(s, io) } });

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Prime Marketplace Shipping API',
      version: '2.0.0',
      description:
        `Buy Shipping for approved shipping software, shaped like Amazon Shipping API v2: get rates for an order, buy a label (PDF, 4x6), void it before the first carrier scan, and read tracking. Authenticate with a seller API key (Seller Central → API keys) as \`Authorization: Bearer <key>\`. Rates expire ${quoteLifeText(config().shippingQuoteTtlMinutes)} after they are quoted (TOKEN_EXPIRED). Buying is idempotent per (requestToken, rateId).`,
    },
    servers: [{ url: `${serverUrl}/api/shipping/v2` }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A seller API key (pmship_...)' } },
      schemas: { ErrorList: schema(errorListSchema, 'output') },
    },
    paths: {
      '/shipments/rates': {
        post: { operationId: 'getRates', summary: 'Rates for an order', requestBody: { required: true, content: json(getRatesRequestSchema, 'input') }, responses: { '200': { description: 'Rates and ineligible rates', content: json(getRatesResponseSchema, 'output') }, ...errors(400, 401, 404, 409, 429) } },
      },
      '/shipments': {
        post: { operationId: 'purchaseShipment', summary: 'Buy a label', requestBody: { required: true, content: json(purchaseShipmentRequestSchema, 'input') }, responses: { '201': { description: 'Label bought', content: json(purchaseShipmentResponseSchema, 'output') }, '200': { description: 'The same purchase, replayed', content: json(purchaseShipmentResponseSchema, 'output') }, ...errors(400, 401, 404, 409, 429) } },
      },
      '/shipments/{shipmentId}/cancel': {
        put: { operationId: 'cancelShipment', summary: 'Void a label before the first carrier scan', parameters: [{ name: 'shipmentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], responses: { '200': { description: 'Voided (the charge is credited back once)', content: json(cancelShipmentResponseSchema, 'output') }, ...errors(401, 404, 409, 429) } },
      },
      '/tracking': {
        get: {
          operationId: 'getTracking',
          summary: 'Tracking of one of your parcels',
          parameters: [
            { name: 'trackingId', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'carrierId', in: 'query', required: true, schema: { type: 'string', examples: ['UPS', 'FEDEX', 'USPS'] } },
          ],
          responses: { '200': { description: 'Events and summary', content: json(getTrackingResponseSchema, 'output') }, ...errors(400, 401, 404, 429) },
        },
      },
    },
  };
}
