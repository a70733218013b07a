import { closeDb } from '../db/index';
import { runJobsOnce } from '../lib/jobs/run';

// `npm run jobs`: every scheduled job once, for a scheduler (cron, a platform's job runner).
const report = await runJobsOnce();
console.log(JSON.stringify(report));
await closeDb();
