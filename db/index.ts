import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import type { PGlite, Transaction as PgliteTransaction } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export { schema };

// The one database handle. Above db/ nothing knows which driver is behind it.
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

type Client = {
  db: Database;
  driver: 'pglite' | 'node-postgres';
  // Connections the driver can hold at once (PGlite: its one), and how many it could hand out now without waiting.
  connections: number;
  available: () => number;
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
    const connections = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    const pool = new Pool({ connectionString: url, max: connections });
    const available = () => pool.idleCount + (connections - pool.totalCount) - pool.waitingCount;
    return { db: drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Database, driver: 'node-postgres', connections, available, close: () => pool.end(), ready: null };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = pgliteDataDir();
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  return { db: drizzle({ client: oneConnection(client), schema, casing: 'snake_case' }) as unknown as Database, driver: 'pglite', connections: 1, available: () => 0, close: () => client.close(), ready: null };
}

// PGlite is one connection: while a transaction is open, any other query waits for it to end. Code that reads through
// getDb() inside a transaction (a helper of another domain that takes no `tx`) would then wait for itself, forever.
// On the embedded database only, a query or transaction started from inside a transaction's async context runs in
// that transaction (a nested transaction becomes a savepoint), as the only connection there is. A server's pool is
// untouched: there such a read takes another connection, as before.
export function oneConnection(client: PGlite): PGlite {
  const open = new AsyncLocalStorage<PgliteTransaction>();
  const current = () => {
    const tx = open.getStore();
    return tx && !tx.closed ? tx : null;
  };
  let savepoints = 0;
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'query' || prop === 'exec' || prop === 'sql')
        return (...args: unknown[]) => {
          const tx = current();
          const on = (tx ?? target) as unknown as Record<string, (...a: unknown[]) => unknown>;
          return on[prop].apply(tx ?? target, args);
        };
      if (prop === 'transaction')
        return async <T>(fn: (tx: PgliteTransaction) => Promise<T>): Promise<T> => {
          const tx = current();
          if (!tx) return target.transaction((t) => open.run(t, () => fn(t)));
          const name = `pm_nested_${++savepoints}`;
          await tx.exec(`savepoint ${name}`);
          try {
            const result = await fn(tx);
            await tx.exec(`release savepoint ${name}`);
            return result;
          } catch (e) {
            await tx.exec(`rollback to savepoint ${name}`);
            throw e;
          }
        };
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

let pending: Promise<Client> | null = null;

// Whether work can run on another connection while a transaction is open: a pool with a connection free right now
// (node-postgres), so the transaction never waits for one behind others that may be waiting for it. Not on PGlite's
// one connection, where a query started inside a transaction's context runs in it.
export async function canWorkBesideTransaction(): Promise<boolean> {
  const c = await getClient();
  return c.driver === 'node-postgres' && c.available() > 0;
}

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
