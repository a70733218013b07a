// next-auth signs sessions with AUTH_SECRET; one-time codes are hashed with it too.
// Development gets a fixed fallback so `npm run dev` works on a fresh clone; production must set its own.
const DEV_FALLBACK = 'development-only-secret-not-for-production-use-000000';

export function authSecret(): string {
  const s = process.env.AUTH_SECRET;
  if (s && s.length >= 32) return s;
  if (process.env.NODE_ENV === 'production') throw new Error('AUTH_SECRET must be set (at least 32 characters) in production');
  return DEV_FALLBACK;
}
