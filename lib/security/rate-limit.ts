import 'server-only';
import { sql } from 'drizzle-orm';
import { affectedRows, getDb, rows, type Database } from '@/db';

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
  const row = rows<{ hits: number; retry_after: number }>(res)[0];
  return { allowed: row.hits <= limit, hits: row.hits, retryAfterSeconds: row.retry_after };
}

// Where a bucket stands, without counting a hit: for telling someone truthfully whether a next try would be accepted.
export async function peekRateLimit(key: string, limit: number, windowSeconds: number, db?: Database): Promise<RateLimitResult> {
  const d = db ?? (await getDb());
  const res = await d.execute(sql`
    select hits, greatest(0, extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::int as retry_after
    from rate_limit_buckets where key = ${key} and window_start > now() - make_interval(secs => ${windowSeconds})`);
  const row = rows<{ hits: number; retry_after: number }>(res)[0];
  if (!row) return { allowed: true, hits: 0, retryAfterSeconds: 0 };
  return { allowed: row.hits < limit, hits: row.hits, retryAfterSeconds: row.retry_after };
}

export function describeWait(seconds: number): string {
  if (seconds < 90) return 'a minute';
  return `${Math.ceil(seconds / 60)} minutes`;
}


// Windows a day old count for nothing any more: the jobs purge them through this, in bounded deletes.
export async function purgeOldRateLimitWindows(): Promise<number> {
  const d = await getDb();
  return affectedRows(await d.execute(sql`delete from rate_limit_buckets where key in (select key from rate_limit_buckets where window_start < now() - interval '1 day' limit 10000)`));
}
