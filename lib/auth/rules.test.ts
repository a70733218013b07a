import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './rules';

describe('safeCallbackUrl', () => {
  it('keeps same-site paths and drops everything else', () => {
    expect(safeCallbackUrl('/gift/abc?x=1')).toBe('/gift/abc?x=1');
    expect(safeCallbackUrl('https://evil.example')).toBe('/');
    expect(safeCallbackUrl('//evil.example')).toBe('/');
    expect(safeCallbackUrl('/\\evil.example')).toBe('/');
    expect(safeCallbackUrl(undefined)).toBe('/');
  });
});
