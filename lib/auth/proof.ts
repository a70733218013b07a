import { createHmac, timingSafeEqual } from 'node:crypto';

// A short-lived, signed "this browser proved this contact with a code" token. It lets a new person give their name
// only after the code checked out, without spending a second code, and is useless to anyone else: it names the
// browser (the hash of its sign-in cookie) and expires in minutes.
export type VerifiedContactProof = { contact: string; deviceHash: string; expiresAt: number };

const PURPOSE = 'verified-contact:v1';

function sign(secret: string, payload: string) {
  return createHmac('sha256', secret).update(`${PURPOSE}\n${payload}`).digest('base64url');
}

export function issueContactProof(secret: string, p: VerifiedContactProof): string {
  const payload = Buffer.from(JSON.stringify([p.contact, p.deviceHash, p.expiresAt]), 'utf8').toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

// The proof's contact, when it is genuine, unexpired and was issued to this browser; otherwise null.
export function readContactProof(secret: string, token: string | undefined | null, deviceHash: string, now = Date.now()): string | null {
  if (typeof token !== 'string' || token.length > 1000 || !deviceHash) return null;
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [contact, device, expiresAt] = parsed as [unknown, unknown, unknown];
  if (typeof contact !== 'string' || typeof device !== 'string' || typeof expiresAt !== 'number') return null;
  if (device !== deviceHash || expiresAt <= now) return null;
  return contact;
}
