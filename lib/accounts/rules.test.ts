import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { domainToASCII } from 'node:url';
import { checkEmail, domainToAscii, giftingEligibility, maskContact, normalizeEmail, normalizeUsMobile, parseContact } from './rules';
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

describe('recipient email addresses: what mail servers accept, and why the rest is refused', () => {
  it.each([
    ['Ada.Lovelace@Example.COM', 'ada.lovelace@example.com'],
    ['user+tag@example.com', 'user+tag@example.com'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['a!#$%&*/=?^_`{|}~-x@example.com', 'a!#$%&*/=?^_`{|}~-x@example.com'],
    ['first.middle.last@sub.example.co.uk', 'first.middle.last@sub.example.co.uk'],
    ['josé@exämple.com'.replace('josé', 'jose'), 'jose@xn--exmple-cua.com'],
    ['user@例え.テスト', 'user@xn--r8jz45g.xn--zckzah'],
    ['user@bücher.de', 'user@xn--bcher-kva.de'],
    ['user@xn--bcher-kva.de', 'user@xn--bcher-kva.de'],
    ['user@a-b.example', 'user@a-b.example'],
    ['user@1password.com', 'user@1password.com'],
    [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`],
  ])('accepts %s as %s', (raw, value) => {
    expect(checkEmail(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['user@-example.com', /start or end with a hyphen/],
    ['user@example-.com', /start or end with a hyphen/],
    ['user@sub.-x.com', /start or end with a hyphen/],
    [`${'a'.repeat(65)}@example.com`, /at most 64 characters \(this one has 65\)/],
    [`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`, /at most 254 characters \(this one has 261\)/],
    [`a@${'b'.repeat(64)}.com`, /at most 63 characters/],
    ['user@localhost', /needs a dot/],
    ['user@[127.0.0.1]', /not an IP address/],
    ['user@127.0.0.1', /not an IP address/],
    ['user@exa_mple.com', /only letters, digits, hyphens and dots/],
    ['user@example..com', /two dots in a row/],
    ['user@example.com.', /start or end with a dot/],
    ['.user@example.com', /can’t start or end with a dot/],
    ['us..er@example.com', /two dots in a row/],
    ['"john.doe"@example.com', /quotation marks/],
    ['jo(h)n@example.com', /only letters, digits and/],
    ['josé@example.com', /only English letters/],
    ['user example.com', /spaces/],
    ['userexample.com', /needs an @/],
    ['@example.com', /before the @/],
    ['user@', /after the @/],
    ['user@exa mple.com', /spaces/],
    ['user@exa/mple.com', /not a valid domain/],
  ])('refuses %s, saying why', (raw, why) => {
    const r = checkEmail(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(why);
  });

  it('converts domains exactly as Node’s url.domainToASCII does (property)', () => {
    fc.assert(
      fc.property(fc.domain(), fc.constantFrom('', 'ü', 'é', '例', 'ß'), (d, extra) => {
        const domain = extra + d;
        const node = domainToASCII(domain);
        const ours = domainToAscii(domain);
        return node === '' ? ours === null || ours === '' || ours === node : ours === node;
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('every accepted address is short enough, lower-case ASCII, and accepted again as it is (property)', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (e) => {
        const r = checkEmail(e);
        if (!r.ok) return /hyphen|at most|not an IP|needs a dot/.test(r.reason);
        return r.value.length <= 254 && /^[\x21-\x7e]+$/.test(r.value) && r.value.split('@')[0].length <= 64 && checkEmail(r.value).ok;
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
