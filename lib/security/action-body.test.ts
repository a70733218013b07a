import { describe, expect, it } from 'vitest';
import { malformedActionBodyReason } from './action-body';

const action = (body: BodyInit, type: string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/checkout/x', { method: 'POST', body, headers: { 'next-action': 'a'.repeat(42), 'content-type': type, ...headers } });

describe('malformedActionBodyReason (what Next.js 16 would answer with a 500)', () => {
  it.each([
    ['["\u0000', 'text/plain;charset=UTF-8'],
    ['[zxc]', 'text/plain;charset=UTF-8'],
    ['not json', 'text/plain'],
    ['"x"', 'text/plain'],
    ['{"a":1}', 'text/x-component'],
    ['--xyz\r\ngarbage', 'multipart/form-data; boundary=xyz'],
  ])('refuses %j (%s)', async (body, type) => {
    expect(await malformedActionBodyReason(action(body, type))).toEqual(expect.any(String));
  });

  it('lets decodable bodies and other requests through, and leaves the body readable', async () => {
    const ok = action('[{"offerId":"x"}]', 'text/plain;charset=UTF-8');
    expect(await malformedActionBodyReason(ok)).toBeNull();
    expect(await ok.text()).toBe('[{"offerId":"x"}]');
    const fd = new FormData();
    fd.set('1_$ACTION_ID_abc', '');
    fd.set('giftOfferId', 'x');
    expect(await malformedActionBodyReason(new Request('http://localhost/', { method: 'POST', body: fd, headers: { 'next-action': 'abc' } }))).toBeNull();
    expect(await malformedActionBodyReason(new Request('http://localhost/', { method: 'POST', body: 'not json' }))).toBeNull();
    expect(await malformedActionBodyReason(new Request('http://localhost/'))).toBeNull();
  });

  it('refuses a body over the size limit without reading it', async () => {
    expect(await malformedActionBodyReason(action('[]', 'text/plain', { 'content-length': '5000000' }))).toMatch(/too large/);
  });
});
