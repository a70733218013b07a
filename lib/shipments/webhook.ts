import 'server-only';
import { config } from '@/lib/config';
import { logError, logWarn } from '@/lib/log';
import { SIGNATURE_HEADER, verifySignature } from './rules';
import { carrierWebhookSecrets, isKnownCarrier } from './secrets';
import { carrierWebhookBodySchema, ingestCarrierEvents } from './tracking';

const MAX_BODY_BYTES = 512 * 1024;

const error = (status: number, code: string, message: string) => Response.json({ errors: [{ code, message }] }, { status });

// The carrier webhook: verify the signature over the raw body (and its timestamp, so a captured request can't be
// replayed later), then store the events once and update the parcels. Answers 2xx only once the events are stored.
export async function handleCarrierWebhook(carrierParam: string, request: Request, now = new Date()): Promise<Response> {
  const carrier = carrierParam.toUpperCase();
  if (!isKnownCarrier(carrier)) return error(404, 'NOT_FOUND', 'Unknown carrier.');
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) return error(413, 'PAYLOAD_TOO_LARGE', 'Send at most 512 KB per request.');
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return error(413, 'PAYLOAD_TOO_LARGE', 'Send at most 512 KB per request.');
  const check = verifySignature(carrierWebhookSecrets(carrier), request.headers.get(SIGNATURE_HEADER), body, Math.floor(now.getTime() / 1000), config().carrierWebhookToleranceSeconds);
  if (!check.ok) {
    logWarn('carrier webhook', 'refused a request', { carrier, reason: check.reason });
    const message = check.reason === 'stale' ? 'The signature timestamp is outside the tolerance window.' : 'The request signature is missing or invalid.';
    return error(401, 'UNAUTHORIZED', message);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return error(400, 'INVALID_INPUT', 'The body is not JSON.');
  }
  const parsed = carrierWebhookBodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return error(400, 'INVALID_INPUT', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  try {
    const result = await ingestCarrierEvents(carrier, parsed.data.events);
    return Response.json(result, { status: 200 });
  } catch (e) {
    logError('carrier webhook: ingest failed', e);
    return error(500, 'INTERNAL_ERROR', 'The events could not be stored; please retry.');
  }
}
