// Runs once when the server starts: the database is migrated (and, embedded, seeded) before any request,
// then the scheduled jobs start in-process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { ensureDatabaseReady } = await import('./db/ready');
  await ensureDatabaseReady();
  const { startInProcessJobs } = await import('./lib/jobs/scheduler');
  startInProcessJobs();
}
