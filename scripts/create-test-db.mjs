// Prints the URL of a fresh, empty database on the local Postgres server, or nothing (exit 3) when no server answers.
// Usage: node scripts/create-test-db.mjs PREFIX
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const prefix = process.argv[2] ?? 'pm_test';
const base = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
try {
  await admin.connect();
} catch {
  process.exit(3);
}
const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
await admin.query(`create database "${name}"`);
await admin.end();
const url = new URL(base);
url.pathname = `/${name}`;
process.stdout.write(url.toString());
