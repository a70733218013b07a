import { closeDb } from '../db/index';
import { runJobsOnce } from '../lib/jobs/run';
import { installLogScrubber } from '../lib/log';

installLogScrubber(); // job errors may be database errors carrying addresses: log them scrubbed

// `npm run jobs`: every scheduled job once, for a scheduler (cron, a platform's job runner).
const { report, failures } = await runJobsOnce();
console.log(JSON.stringify(report));
for (const f of failures) console.error(`${f.job} failed:`, f.error);
await closeDb();
// A scheduler sees a failed run; the jobs that did run have done their work.
process.exitCode = failures.length ? 1 : 0;
