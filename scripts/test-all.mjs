// `npm test`: unit and integration tests (vitest), then the browser tests (Playwright against a production build).
// Ends with one line totalling every suite: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = '.test-results';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const readJson = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);

let passed = 0;
let failed = 0;
const lines = [];

// 1. Unit + integration.
const vitestCode = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/vitest.json`]);
const v = readJson(`${out}/vitest.json`);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  lines.push(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numTotalTests - v.numPassedTests - v.numFailedTests} skipped`);
  if (vitestCode !== 0 && v.numFailedTests === 0) {
    failed += 1; // a suite that failed to load counts as a failure
    lines.push('vitest: exited non-zero (a file failed to load)');
  }
} else {
  failed += 1;
  lines.push('vitest: produced no report');
}

// 2. End to end in Chromium.
const e2eCode = run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json` });
const p = readJson(`${out}/playwright.json`);
if (p) {
  const s = p.stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  lines.push(`playwright: ${s.expected + s.flaky} passed (${s.flaky} flaky), ${s.unexpected} failed, ${s.skipped} skipped`);
  if (e2eCode !== 0 && s.unexpected === 0) {
    failed += 1;
    lines.push('playwright: exited non-zero (the server or a fixture failed)');
  }
} else {
  failed += 1;
  lines.push('playwright: produced no report');
}

console.log('\n' + lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
