import { describe, expect, it } from 'vitest';
import { hashCode, hashToken, looksLikeLinkToken, newLinkToken, newNumericCode, safeEqualHex } from './tokens';

describe('link tokens', () => {
  it('are 256-bit, URL-safe, distinct, and stored only as a hash', () => {
    const a = newLinkToken();
    const b = newLinkToken();
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(looksLikeLinkToken(a.token)).toBe(true);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).not.toContain(a.token);
    expect(looksLikeLinkToken('short')).toBe(false);
    expect(looksLikeLinkToken(a.token + '/')).toBe(false);
  });
});

describe('one-time codes', () => {
  it('are six digits', () => {
    for (let i = 0; i < 200; i++) expect(newNumericCode()).toMatch(/^\d{6}$/);
  });
  it('hash per destination and compare in constant time', () => {
    const h = hashCode('s', 'a@example.com', '123456');
    expect(safeEqualHex(h, hashCode('s', 'a@example.com', '123456'))).toBe(true);
    expect(safeEqualHex(h, hashCode('s', 'b@example.com', '123456'))).toBe(false);
    expect(safeEqualHex(h, hashCode('other', 'a@example.com', '123456'))).toBe(false);
  });
});
