import { afterAll, inject } from 'vitest';
import { closeDb } from '../../db/index';

// Each test file talks to the database the global setup prepared.
const url = inject('databaseUrl');
const dir = inject('pgliteDir');
if (url) process.env.DATABASE_URL = url;
if (dir) process.env.PGLITE_DIR = dir;
process.env.SANDBOX_TIMEOUT_MS ??= '50';

afterAll(async () => {
  await closeDb();
});

export const hasPostgresServer = Boolean(url);
