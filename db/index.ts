import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export { schema };

// The one database handle. Above db/ nothing knows which driver is behind it.
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

type Client = {
  db: Database;
  driver: 'pglite' | 'node-postgres';
  close: () => Promise<void>;
  ready: Promise<void> | null;
};

// Dev servers and test runners may load this module more than once in one process: keep one client per process.
const globalKey = Symbol.for('prime-marketplace.db');
type GlobalWithDb = typeof globalThis & { [globalKey]?: Client };

export function pgliteDataDir() {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), '.data', 'pglite');
}

async function createClient(): Promise<Client> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    return { db: drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Database, driver: 'node-postgres', close: () => pool.end(), ready: null };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = pgliteDataDir();
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  return { db: drizzle({ client, schema, casing: 'snake_case' }) as unknown as Database, driver: 'pglite', close: () => client.close(), ready: null };
}

let pending: Promise<Client> | null = null;

export async function getClient(): Promise<Client> {
  const g = globalThis as GlobalWithDb;
  if (g[globalKey]) return g[globalKey];
  pending ??= createClient().then((c) => (g[globalKey] = c));
  return pending;
}

export async function getDb(): Promise<Database> {
  return (await getClient()).db;
}

export async function closeDb() {
  const g = globalThis as GlobalWithDb;
  const c = g[globalKey];
  delete g[globalKey];
  pending = null;
  if (c) await c.close();
}

export function usingEmbeddedDatabase() {
  return !process.env.DATABASE_URL;
}

// The rows of a raw `execute(sql...)` result, typed by the caller. Both drivers (node-postgres and PGlite) answer
// `{ rows }`; this is the one place that knows it, instead of a cast at every call site.
export function rows<T extends Record<string, unknown>>(result: unknown): T[] {
  const r = (result as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(r)) throw new Error('Expected a query result with rows');
  return r as T[];
}

// Rows affected by a raw statement (node-postgres: rowCount, PGlite: affectedRows).
export function affectedRows(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number } | null;
  return Number(r?.rowCount ?? r?.affectedRows ?? 0);
}
