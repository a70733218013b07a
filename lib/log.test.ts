import { afterEach, describe, expect, it, vi } from 'vitest';
import { logError, scrubError, scrubForLog, scrubText } from './log';

// The shape drizzle-orm 0.45 throws: message "Failed query: <sql>\nparams: <values>", `query`, `params`, `cause` (pg).
function drizzleError() {
  const pgError = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
    code: '23505',
    detail: 'Key (email)=(robin@example.test) already exists.',
    where: 'SQL statement',
  });
  return Object.assign(new Error('Failed query: insert into "users" ("name", "email") values ($1, $2)\nparams: Robin,robin@example.test'), {
    name: 'DrizzleQueryError',
    query: 'insert into "users" ("name", "email") values ($1, $2)',
    params: ['Robin', 'robin@example.test'],
    cause: pgError,
  });
}

describe('log scrubbing', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps the SQL and the error code of a database error, never its parameters or detail', () => {
    const out = JSON.stringify(scrubError(drizzleError()));
    expect(out).toContain('insert into');
    expect(out).toContain('23505');
    expect(out).not.toContain('robin@example.test');
    expect(out).not.toContain('Robin');
    expect(out).not.toContain('params');
    expect(out).not.toContain('already exists');
  });

  it('redacts values Postgres quotes in its messages', () => {
    const e = Object.assign(new Error('invalid input syntax for type uuid: "null"'), { code: '22P02' });
    expect(JSON.stringify(scrubError(e))).not.toContain('"null"');
  });

  it('redacts emails, phone numbers, one-time codes and gift link tokens in any text', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
    const s = scrubText(`sent 123456 to jo.doe+x@mail.example and +14155550123, link /gift/${token}`);
    expect(s).not.toMatch(/123456|jo\.doe|4155550123|AbCdEf/);
    expect(s).toContain('[email]');
    expect(s).toContain('[phone]');
    expect(s).toContain('[code]');
    expect(s).toContain('[token]');
  });

  it('leaves ordinary words, dates and counts alone', () => {
    expect(scrubText('expired 3 offers in 1200 ms at 2026-11-24T07:00:00Z')).toBe('expired 3 offers in 1200 ms at 2026-11-24T07:00:00Z');
  });

  it('writes one console line per error, scrubbed', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    logError('action', drizzleError());
    expect(spy).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(spy.mock.calls[0])).not.toContain('robin@example.test');
    expect(scrubForLog({ to: 'a@b.example' })).toBe('{"to":"[email]"}');
  });
});
