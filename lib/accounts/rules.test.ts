import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { giftingEligibility, maskContact, normalizeEmail, normalizeUsMobile, parseContact } from './rules';
import { addressSchema } from './schemas';

describe('contact normalization', () => {
  it('lower-cases and trims emails, rejects malformed ones', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
    expect(normalizeEmail('not-an-email')).toBeNull();
    expect(normalizeEmail('a@b')).toBeNull();
  });

  it('normalizes US mobile numbers typed many ways to E.164', () => {
    for (const raw of ['(201) 555-0123', '201-555-0123', '2015550123', '+1 201 555 0123', '1 (201) 555-0123']) {
      expect(normalizeUsMobile(raw)).toBe('+12015550123');
    }
  });

  it('rejects numbers that are not US or not valid', () => {
    expect(normalizeUsMobile('+44 7911 123456')).toBeNull();
    expect(normalizeUsMobile('555-0123')).toBeNull();
    expect(normalizeUsMobile('123')).toBeNull();
    expect(normalizeUsMobile('(800) 555-0123')).toBeNull(); // toll-free cannot receive SMS gifts
  });

  it('tells email from phone', () => {
    expect(parseContact('Gift@Example.com')).toEqual({ channel: 'email', value: 'gift@example.com' });
    expect(parseContact('201 555 0123')).toEqual({ channel: 'sms', value: '+12015550123' });
    expect(parseContact('gift@')).toBeNull();
  });

  it('normalization is idempotent for any valid email', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (e) => {
        const once = normalizeEmail(e);
        if (once === null) return true;
        return normalizeEmail(once) === once;
      }),
    );
  });

  it('masks contacts for display', () => {
    expect(maskContact('ada@example.com')).toBe('a***@example.com');
    expect(maskContact('+12015550123')).toBe('+1******0123');
  });
});

describe('gifting eligibility (G11)', () => {
  it('allows US Prime members only, and says why otherwise', () => {
    expect(giftingEligibility({ primeMember: true, countryCode: 'US' })).toEqual({ eligible: true });
    const notPrime = giftingEligibility({ primeMember: false, countryCode: 'US' });
    expect(notPrime.eligible).toBe(false);
    expect(!notPrime.eligible && notPrime.reason).toMatch(/Prime/);
    const abroad = giftingEligibility({ primeMember: true, countryCode: 'FR' });
    expect(!abroad.eligible && abroad.reason).toMatch(/US/);
  });
});

describe('US address validation', () => {
  const good = { fullName: 'Pat Doe', line1: '1 Main St', city: 'Springfield', state: 'il', zip: '62701' };
  it('accepts a complete address and upper-cases the state', () => {
    expect(addressSchema.parse(good).state).toBe('IL');
    expect(addressSchema.safeParse({ ...good, zip: '62701-1234' }).success).toBe(true);
  });
  it('rejects bad states, ZIPs and missing lines with field messages', () => {
    const r = addressSchema.safeParse({ ...good, state: 'ZZ', zip: '6270', line1: '' });
    expect(r.success).toBe(false);
    const fields = r.success ? {} : r.error.flatten().fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(['line1', 'state', 'zip']);
  });
});
