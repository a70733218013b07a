import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

// Link tokens: 256 random bits, URL-safe. Only their SHA-256 is stored, so a database leak reveals no working link.
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeLinkToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function newNumericCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

// Codes are short, so they are hashed with a server secret and bound to their destination.
export function hashCode(secret: string, destination: string, code: string): string {
  return createHmac('sha256', secret).update(`${destination}\n${code}`).digest('hex');
}

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
