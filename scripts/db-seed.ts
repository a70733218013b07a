import { closeDb } from '../db/index';
import { migrateDatabase } from '../db/migrate';
import { seedDemoData } from '../db/seed/demo';

await migrateDatabase();
await seedDemoData();
console.log('Seeded demo data (existing rows left alone).');
await closeDb();
