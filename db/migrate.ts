import path from 'node:path';
import { getClient } from './index';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

// Applies the committed drizzle-kit migrations. Safe to call from several processes at once on Postgres (advisory lock).
export async function migrateDatabase() {
  const client = await getClient();
  if (client.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(client.db as never, { migrationsFolder });
    return;
  }
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const { Client } = await import('pg');
  // Hold a session lock on a connection of its own while the migrator runs on the pool.
  const lock = new Client({ connectionString: process.env.DATABASE_URL });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(724001)');
    await migrate(client.db as never, { migrationsFolder });
  } finally {
    await lock.query('select pg_advisory_unlock(724001)').catch(() => undefined);
    await lock.end();
  }
}
