import { describe, expect, it } from 'vitest';
import { issueContactProof, readContactProof } from './proof';

const secret = 'test-secret-test-secret-test-secret-00';
const now = 1_800_000_000_000;
const proof = issueContactProof(secret, { contact: 'new@example.test', deviceHash: 'dev-a', expiresAt: now + 60_000 });

describe('verified-contact proof', () => {
  it('names the contact for the browser it was issued to, until it expires', () => {
    expect(readContactProof(secret, proof, 'dev-a', now)).toBe('new@example.test');
    expect(readContactProof(secret, proof, 'dev-a', now + 60_000)).toBeNull();
  });

  it('is refused from another browser, with another secret, or altered', () => {
    expect(readContactProof(secret, proof, 'dev-b', now)).toBeNull();
    expect(readContactProof('other-secret-other-secret-other-secret', proof, 'dev-a', now)).toBeNull();
    const [payload, mac] = proof.split('.');
    const forged = Buffer.from(JSON.stringify(['victim@example.test', 'dev-a', now + 60_000])).toString('base64url');
    expect(readContactProof(secret, `${forged}.${mac}`, 'dev-a', now)).toBeNull();
    expect(readContactProof(secret, `${payload}.${mac}x`, 'dev-a', now)).toBeNull();
    expect(readContactProof(secret, `${payload}`, 'dev-a', now)).toBeNull();
    expect(readContactProof(secret, '', 'dev-a', now)).toBeNull();
    expect(readContactProof(secret, proof, '', now)).toBeNull();
  });
});
