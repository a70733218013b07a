// next-auth signs sessions with AUTH_SECRET; one-time codes and sign-in proofs are hashed with it too.
// Development gets a fixed fallback so `npm run dev` works on a fresh clone; production must set its own.
// Nothing reads it at build time (lib/auth/config.ts builds its configuration on first use), so `next build` needs
// no secret; `next start` checks it at once (instrumentation.ts) and stops with a clear message when it is missing.
const DEV_FALLBACK = 'development-only-secret-not-for-production-use-000000';

export function authSecretProblem(env: Record<string, string | undefined> = process.env): string | null {
  if (env.NODE_ENV !== 'production') return null;
  const s = env.AUTH_SECRET;
  if (!s) return 'AUTH_SECRET is not set. Set it to a random value of at least 32 characters (for example: openssl rand -base64 32), then start again.';
  if (s.length < 32) return `AUTH_SECRET is too short (${s.length} characters). Use a random value of at least 32 characters (for example: openssl rand -base64 32).`;
  return null;
}

export function authSecret(): string {
  const problem = authSecretProblem();
  if (problem) throw new Error(problem);
  const s = process.env.AUTH_SECRET;
  return s && s.length >= 32 ? s : DEV_FALLBACK;
}
