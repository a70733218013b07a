import { closeDb, getClient } from '../db/index';
import { migrateDatabase } from '../db/migrate';

const client = await getClient();
await migrateDatabase();
console.log(`Migrated the ${client.driver === 'pglite' ? 'embedded (PGlite)' : 'Postgres'} database.`);
await closeDb();
