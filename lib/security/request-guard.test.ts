import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badRequestReason, contentSecurityPolicy, inlineScripts } from './request-guard';

describe('badRequestReason', () => {
  it('refuses lone surrogates, malformed percent-encoding and control characters in a path segment', () => {
    for (const path of ['/products/%ED%A0%80', '/products/%ED%B0%80', '/products/%uD800', '/products/%', '/products/%zz', '/products/a%00b', '/a%0Ab', '/a%7F', '/a\u0000b', '/orders/%E0%A4%A'])
      expect(badRequestReason(path, ''), path).not.toBeNull();
  });

  it('refuses NUL, malformed encoding and control characters in the query, but not tabs or line breaks in a value', () => {
    for (const q of ['callbackUrl=%00', 'q=%uD800', 'q=%ED%A0%80', 'q=%', 'q=%01']) expect(badRequestReason('/signin', q), q).not.toBeNull();
    expect(badRequestReason('/search', 'q=a%0Ab%09c')).toBeNull();
  });

  it('lets every well-formed URL through (generated paths and queries of any Unicode text)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 5 }), fc.array(fc.tuple(text, text), { maxLength: 3 }), (segments, params) => {
        const path = `/${segments.map(encodeURIComponent).join('/')}`;
        const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        expect(badRequestReason(path, query)).toBeNull();
      }),
    );
  });

  it('refuses over-long URLs', () => {
    expect(badRequestReason(`/${'a'.repeat(5000)}`, '')).not.toBeNull();
  });
});

describe('contentSecurityPolicy', () => {
  it('per-request pages: a nonce with strict-dynamic, nothing inline or eval in production', () => {
    const p = contentSecurityPolicy({ nonce: 'abc', dev: false, https: true });
    expect(p).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(p).not.toMatch(/script-src[^;]*unsafe/);
    expect(p).toContain("frame-ancestors 'none'");
    expect(p).toContain("object-src 'none'");
    expect(p).toContain('upgrade-insecure-requests');
  });

  it('prerendered pages: their inline scripts by hash, no nonce; development allows eval for React’s tooling', () => {
    const p = contentSecurityPolicy({ scriptHashes: ['h1', 'h2'], dev: false, https: false });
    expect(p).toContain("script-src 'self' 'sha256-h1' 'sha256-h2';");
    expect(p).not.toContain('nonce-');
    expect(p).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ nonce: 'n', dev: true, https: false })).toContain("'unsafe-eval'");
  });
});

describe('inlineScripts', () => {
  it('finds inline scripts (to hash) and skips external ones', () => {
    const html = '<script src="/a.js" async=""></script><script>self.__next_f.push([0])</script><script id="x">a()</script>';
    expect(inlineScripts(html)).toEqual(['self.__next_f.push([0])', 'a()']);
    // The hash a browser compares is of the exact text between the tags.
    expect(createHash('sha256').update(inlineScripts(html)[0]).digest('base64')).toHaveLength(44);
  });
});
