import 'server-only';
import { createHmac } from 'node:crypto';
import { authSecret } from '@/lib/auth/secret';

// Each carrier signs its webhook calls with its own secret: CARRIER_WEBHOOK_SECRET_<CARRIER> (comma-separated while a
// secret rotates: the first signs, any verifies). Unset, it is derived from AUTH_SECRET, so development works on a
// fresh clone and production (which must set AUTH_SECRET) never falls back to a published value.
export const CARRIERS = ['UPS', 'FEDEX', 'USPS', 'ONTRAC'] as const;
export type CarrierId = (typeof CARRIERS)[number];

export function isKnownCarrier(c: string): c is CarrierId {
  return (CARRIERS as readonly string[]).includes(c);
}

export function carrierWebhookSecrets(carrier: CarrierId): string[] {
  const raw = process.env[`CARRIER_WEBHOOK_SECRET_${carrier}`];
  const configured = raw ? raw.split(',').map((s) => s.trim()).filter((s) => s.length >= 16) : [];
  if (configured.length) return configured;
  return [createHmac('sha256', authSecret()).update(`carrier-webhook:${carrier}`).digest('hex')];
}

export const carrierSigningSecret = (carrier: CarrierId) => carrierWebhookSecrets(carrier)[0];
