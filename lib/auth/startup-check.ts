import { authSecretProblem } from './secret';

// At server start (instrumentation.ts, Node.js only): a production server without its secret stops at once and says
// why, rather than failing on the first sign-in.
export function assertRuntimeSecrets(env: Record<string, string | undefined> = process.env) {
  const problem = authSecretProblem(env);
  if (!problem) return;
  process.stderr.write(`\nCannot start: ${problem}\n\n`);
  process.exit(1);
}
