import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { giftTokenFromCallback, safeCallbackUrl } from './rules';

const SITE = 'https://shop.example';

// Does a browser on our site, following `path` as a Location or via location.assign, stay on our site? And would it
// still, if some layer percent-decoded the path once or twice more before using it?
function staysHome(path: string) {
  const layers = [path];
  try {
    layers.push(decodeURIComponent(path));
    layers.push(decodeURIComponent(decodeURIComponent(path)));
  } catch {
    // an undecodable result is fine for this check: it is still a path on our site as is
  }
  return layers.every((p) => p.startsWith('/') && !p.startsWith('//') && !/[\\\u0000-\u001f\u007f]/.test(p) && new URL(p, SITE).origin === SITE);
}

// Pieces attackers combine: slashes and backslashes (raw and encoded), dot segments (raw and encoded), schemes,
// hosts, credentials, control characters, whitespace, lone surrogates, query and fragment markers.
const piece = fc.constantFrom(
  '/', '//', '\\', '/\\', '%2f', '%2F', '%5c', '%5C', '%252f', '%255c', '.', '..', './', '../', '/./', '/../', '%2e', '%2e%2e', '.%2e',
  'evil.example', '@evil.example', 'user:pass@', 'http:', 'https:', 'javascript:', 'data:', '//evil.example', 'http://evil.example',
  '\t', '\n', '\r', '\u0000', '%00', '%09', '%0a', '%0d', ' ', '%20', '\u00a0', '\u2028', '\ud800', '%ed%a0%80', '%uD800',
  '?', '#', '&', '=', ':', ';', 'x', 'orders', 'gift', 'é', '%c3%a9', '%', '%%', '%zz',
);
const hostileShape = fc.array(piece, { minLength: 0, maxLength: 12 }).map((parts) => parts.join(''));
const leadingSlashShape = hostileShape.map((s) => `/${s}`);

describe('safeCallbackUrl (property)', () => {
  it('never leads off the site, whatever the path shape', () => {
    fc.assert(
      fc.property(fc.oneof(hostileShape, leadingSlashShape, fc.string(), fc.string({ unit: 'binary' })), (raw) => {
        const out = safeCallbackUrl(raw);
        expect(staysHome(out)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('is a fixed point: judging its own answer again changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(hostileShape, leadingSlashShape), (raw) => {
        const out = safeCallbackUrl(raw);
        expect(safeCallbackUrl(out)).toBe(out);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('keeps ordinary same-site paths exactly (it does not just answer "/")', () => {
    const segment = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
    const query = fc.option(fc.stringMatching(/^[a-z]{1,5}=[a-z0-9]{0,5}$/), { nil: undefined });
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), query, (segs, q) => {
        const path = `/${segs.join('/')}${q ? `?${q}` : ''}`;
        expect(safeCallbackUrl(path)).toBe(path);
      }),
    );
  });
});

describe('safeCallbackUrl (known attacks, as examples)', () => {
  it('refuses the shapes from the issue and resolves harmless dot segments', () => {
    for (const bad of ['/.//evil.example/x', '/./\\evil.example', '/%2f%2fevil.example', '/%5c%5cevil.example', '/..//evil.example', '//evil.example', 'https://evil.example', 'javascript:alert(1)', '/\t/evil.example', '/%09/evil.example', '/x\u0000', '/\ud800', '', undefined, null]) {
      expect(safeCallbackUrl(bad), String(bad)).toBe('/');
    }
    expect(safeCallbackUrl('/a/./b/../c?x=1#top')).toBe('/a/c?x=1#top');
  });
});

describe('giftTokenFromCallback', () => {
  it('reads a gift link path only', () => {
    const token = 'A'.repeat(43);
    expect(giftTokenFromCallback(`/gift/${token}`)).toBe(token);
    expect(giftTokenFromCallback(`/gift/${token}/x`)).toBeNull();
    expect(giftTokenFromCallback('/gift/short')).toBeNull();
    expect(giftTokenFromCallback(undefined)).toBeNull();
  });
});
