import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './rules';

describe('safeCallbackUrl', () => {
  it('keeps same-site paths', () => {
    expect(safeCallbackUrl('/gift/abc?x=1')).toBe('/gift/abc?x=1');
    expect(safeCallbackUrl('/orders/1#top')).toBe('/orders/1#top');
  });

  it('drops anything that could leave the site', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', '/\t/evil.example', '/%09/evil.example'.replace('%09', '\t'), '/\n/evil.example', 'javascript:alert(1)', '', undefined, null]) {
      expect(safeCallbackUrl(bad)).toBe('/');
    }
  });
});
