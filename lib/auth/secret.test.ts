import { describe, expect, it } from 'vitest';
import { authSecretProblem } from './secret';

describe('authSecretProblem', () => {
  it('asks nothing in development and test', () => {
    expect(authSecretProblem({ NODE_ENV: 'development' })).toBeNull();
    expect(authSecretProblem({ NODE_ENV: 'test' })).toBeNull();
  });
  it('in production, says what is wrong and how to fix it', () => {
    expect(authSecretProblem({ NODE_ENV: 'production' })).toMatch(/AUTH_SECRET is not set.*32 characters/);
    expect(authSecretProblem({ NODE_ENV: 'production', AUTH_SECRET: 'short' })).toMatch(/too short \(5 characters\)/);
    expect(authSecretProblem({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) })).toBeNull();
  });
});
