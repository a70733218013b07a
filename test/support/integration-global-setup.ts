import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createFreshDatabase } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
    pgliteDir: string | null;
  }
}

// Integration tests run against a fresh database on the local Postgres server (DATABASE_URL if given),
// or against a throw-away PGlite directory when no server answers.
export default async function setup(project: TestProject) {
  let databaseUrl = process.env.DATABASE_URL ?? null;
  let pgliteDir: string | null = null;
  if (!databaseUrl) databaseUrl = await createFreshDatabase('pm_int');
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else {
    pgliteDir = mkdtempSync(path.join(os.tmpdir(), 'pm-pglite-'));
    process.env.PGLITE_DIR = pgliteDir;
    console.warn('[integration] No Postgres server answered: running on PGlite (one connection), so the race tests run their contenders one after another and say so.');
  }
  const { migrateDatabase } = await import('../../db/migrate');
  const { closeDb } = await import('../../db/index');
  await migrateDatabase();
  await closeDb();
  project.provide('databaseUrl', databaseUrl);
  project.provide('pgliteDir', pgliteDir);
}
