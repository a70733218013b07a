import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';

export type RateLimitResult = { allowed: boolean; hits: number; retryAfterSeconds: number };

// Fixed-window counter in Postgres, so every app instance shares it. One statement, no read-then-write race.
export async function hitRateLimit(key: string, limit: number, windowSeconds: number, db?: Database): Promise<RateLimitResult> {
  const d = db ?? (await getDb());
  const res = await d.execute(sql`
    insert into rate_limit_buckets (key, window_start, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      window_start = case when rate_limit_buckets.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else rate_limit_buckets.window_start end,
      hits = case when rate_limit_buckets.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else rate_limit_buckets.hits + 1 end
    returning hits, greatest(0, extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::int as retry_after`);
  const row = (res as unknown as { rows: { hits: number; retry_after: number }[] }).rows[0];
  return { allowed: row.hits <= limit, hits: row.hits, retryAfterSeconds: row.retry_after };
}

export function describeWait(seconds: number): string {
  if (seconds < 90) return 'a minute';
  return `${Math.ceil(seconds / 60)} minutes`;
}

