import { sql } from 'drizzle-orm';
import { getClient, rows as resultRows } from './index';
import { migrateDatabase } from './migrate';
import { seedDemoData } from './seed/demo';

const readyKey = Symbol.for('prime-marketplace.db.ready');
type G = typeof globalThis & { [readyKey]?: Promise<void> };

// Called once at server start (instrumentation) and by the CLI scripts.
// The embedded database is migrated and, when empty, seeded with demo data so `npm run dev` works on a fresh clone.
export function ensureDatabaseReady(): Promise<void> {
  const g = globalThis as G;
  g[readyKey] ??= (async () => {
    const client = await getClient();
    await migrateDatabase();
    if (client.driver === 'pglite' || process.env.SEED_DEMO_DATA === '1') {
      const rows = await client.db.execute(sql`select count(*)::int as n from users`);
      const n = Number(resultRows<{ n: number }>(rows)[0].n);
      if (n === 0) await seedDemoData();
    }
  })();
  return g[readyKey];
}
