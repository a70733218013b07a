import { execFileSync } from 'node:child_process';
import { defineConfig, devices } from '@playwright/test';

// The browser tests drive a production build (`next build && next start`) on a fresh Postgres database, with a real
// SMTP server started by the tests. Values are put in process.env so the workers, forked after this runs, share them.
if (!process.env.E2E_DATABASE_URL) {
  try {
    process.env.E2E_DATABASE_URL = execFileSync(process.execPath, ['scripts/create-test-db.mjs', 'pm_e2e'], { encoding: 'utf8' });
  } catch {
    throw new Error('The browser tests need the local Postgres server (127.0.0.1:5432): none answered. Start it, or set E2E_DATABASE_URL.');
  }
}
process.env.E2E_PORT ??= String(3200 + Math.floor(Math.random() * 500));
process.env.E2E_SMTP_PORT ??= String(2600 + Math.floor(Math.random() * 500));
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1, // one SMTP server port and one app server
  retries: 0,
  reporter: [['list'], ['json']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // The build runs without AUTH_SECRET (it must need no runtime secret); `next start` gets it from env below.
    // E2E_SKIP_BUILD=1 reuses the build already there (NEXT_DIST_DIR or .next), for a quick rerun of one spec.
    command: `${process.env.E2E_SKIP_BUILD === '1' ? '' : 'env -u AUTH_SECRET npx next build && '}npx next start --hostname 127.0.0.1 --port ${process.env.E2E_PORT}`,
    url: `${baseURL}/signin`,
    timeout: 400_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
      AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
      APP_URL: baseURL,
      // SMS has no provider in tests: texts stay in the outbox, where the tests read them.
      OUTBOX_ALLOW_MAILBOX: '1',
      OUTBOX_BACKOFF_BASE_MS: '200',
      JOBS_INTERVAL_MS: '300',
      SANDBOX_TIMEOUT_MS: '1500',
      PAYMENT_PROCESSOR: 'sandbox',
      GIFT_LINK_LOOKUPS_PER_MINUTE: '1000',
      OTP_SENDS_PER_HOUR: '100',
      SHOW_TEST_CARDS: '1',
      // The sandbox carrier posts a label's tracking events one second apart, so a parcel is delivered within seconds.
      CARRIER_SIMULATOR_STEP_SECONDS: '1',
    },
  },
});
