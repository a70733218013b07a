import { config } from '@/lib/config';

const key = Symbol.for('prime-marketplace.jobs');
type G = typeof globalThis & { [key]?: NodeJS.Timeout };

// In-process scheduling for development and single-instance deployments. Production can instead run `npm run jobs`
// from a scheduler (JOBS_IN_PROCESS=0); both are safe together.
export function startInProcessJobs() {
  const g = globalThis as G;
  const interval = config().jobsIntervalMs;
  if (g[key] || interval === 0 || process.env.JOBS_IN_PROCESS === '0') return;
  let running = false;
  g[key] = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const { runJobsOnce } = await import('./run');
      const { report, failures } = await runJobsOnce();
      const busy = Object.entries(report).filter(([, n]) => n > 0);
      if (busy.length) console.log(`[jobs] ${busy.map(([k, n]) => `${k}=${n}`).join(' ')}`);
      for (const f of failures) console.error(`[jobs] ${f.job} failed`, f.error);
    } catch (e) {
      console.error('[jobs] run failed', e);
    } finally {
      running = false;
    }
  }, interval);
  g[key].unref?.();
}
