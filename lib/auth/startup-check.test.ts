import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertRuntimeSecrets } from './startup-check';

// `npm start` runs this before serving anything (instrumentation.ts); `next build` does not (it needs no secret).
describe('assertRuntimeSecrets', () => {
  afterEach(() => vi.restoreAllMocks());

  function start(env: Record<string, string | undefined>) {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    assertRuntimeSecrets(env);
    return { exitCodes: exit.mock.calls.map((c) => c[0]), said: stderr.mock.calls.map((c) => String(c[0])).join('') };
  }

  it('stops a production server without AUTH_SECRET, saying what to set and how', () => {
    const { exitCodes, said } = start({ NODE_ENV: 'production' });
    expect(exitCodes).toEqual([1]);
    expect(said).toContain('Cannot start: AUTH_SECRET is not set.');
    expect(said).toContain('openssl rand -base64 32');
  });

  it('stops a production server whose AUTH_SECRET is too short', () => {
    const { exitCodes, said } = start({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(31) });
    expect(exitCodes).toEqual([1]);
    expect(said).toContain('Cannot start: AUTH_SECRET is too short (31 characters).');
  });

  it('lets a production server with its secret start, and asks nothing of development', () => {
    expect(start({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) })).toEqual({ exitCodes: [], said: '' });
    expect(start({ NODE_ENV: 'development' })).toEqual({ exitCodes: [], said: '' });
  });
});
