import { randomBytes } from 'node:crypto';
import pg from 'pg';

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type BenchDatabase = { url: string; name: string; created: boolean };

/**
 * The database the bench runs on: BENCH_DATABASE_URL (or DATABASE_URL when BENCH_DATABASE_URL is not a URL, e.g. "1"),
 * else a fresh one created on the local server, which `dropBenchDatabase` removes afterwards.
 */
export async function benchDatabase(): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) {
    const url = /^postgres(ql)?:\/\//.test(given) ? given : process.env.DATABASE_URL;
    if (!url) throw new Error('BENCH_DATABASE_URL is set but is not a postgres:// URL and DATABASE_URL is empty');
    return { url, name: new URL(url).pathname.slice(1), created: false };
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
  } catch {
    throw new Error(`The bench needs a Postgres server: none answered at ${ADMIN_URL}. Start it, or set BENCH_DATABASE_URL.`);
  }
  const name = `pm_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, created: true };
}

export async function dropBenchDatabase(db: BenchDatabase) {
  if (!db.created || process.env.BENCH_KEEP_DB === '1') return;
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${db.name}" with (force)`);
  } finally {
    await admin.end();
  }
}

/** A plain connection of the bench's own (seeding, checks, the floor statement), outside the app's pool. */
export async function connect(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

export async function scalar<T = number>(c: pg.Client, text: string, values: unknown[] = []): Promise<T> {
  const r = await c.query(text, values);
  const v = Object.values(r.rows[0] ?? {})[0];
  return (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v) as T;
}
