// Runs once when the server starts: runtime secrets are checked, logs are scrubbed, the database is migrated (and,
// embedded, seeded) before any request, then the scheduled jobs start in-process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installLogScrubber } = await import('./lib/log');
  installLogScrubber();
  // The build needs no secret; the server refuses to start without one, saying why.
  if (process.env.NEXT_PHASE !== 'phase-production-build') (await import('./lib/auth/startup-check')).assertRuntimeSecrets();
  const { ensureDatabaseReady } = await import('./db/ready');
  await ensureDatabaseReady();
  const { startInProcessJobs } = await import('./lib/jobs/scheduler');
  startInProcessJobs();
}
