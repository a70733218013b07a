import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { connect, scalar, type BenchDatabase } from './db';
import { benchToken, seedCatalog, seedGifts, shapeFor } from './seed';

/** CPU used during a load run, in cores (CPU seconds per second): the app's process group, the Postgres server, autocannon. */
export type CpuUse = { app: number; postgres: number; loadGenerator: number } | null;
export type LoadResult = { label: string; path: string; rps: number; total2xx: number; p50: number; p99: number; non2xx: number; errors: number; cpu: CpuUse };
// dataInPage: the gift page carries the gift's data (one request per first view); otherwise the page makes a data call.
export type PageReport = { built: boolean; buildMs: number; dataInPage: boolean; gift: LoadResult; giftData: LoadResult; staticPage: LoadResult; extra: LoadResult[] };

const HOST = '127.0.0.1'; // the only host the bench ever targets
const NEXT_BIN = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
const PAGE_GIFT_NUMBER = 900_000_001; // apart from the expiry bench's gifts (1..N)

// Every process group the bench starts, so that an error or Ctrl-C still ends them.
const groups = new Set<ChildProcess>();
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}
process.on('exit', () => groups.forEach((c) => killGroup(c, 'SIGKILL')));

/** Ends every process group the bench started (on Ctrl-C, before the database is dropped). */
export function killStartedProcesses() {
  groups.forEach((c) => killGroup(c, 'SIGKILL'));
}

function startGroup(args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, args, { cwd: process.cwd(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  groups.add(child);
  child.on('exit', () => groups.delete(child));
  return child;
}

async function stopGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

const tail = (file: string, lines = 30) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function build(env: NodeJS.ProcessEnv, log: (s: string) => void): Promise<{ built: boolean; ms: number }> {
  if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
    log(`BENCH_SKIP_BUILD=1: using the existing ${process.env.NEXT_DIST_DIR || '.next'} build`);
    return { built: false, ms: 0 };
  }
  const logFile = path.join(os.tmpdir(), `pm-bench-build-${process.pid}.log`);
  log(`next build (log: ${logFile}) ...`);
  const t0 = performance.now();
  const child = startGroup([NEXT_BIN, 'build'], env, logFile);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${tail(logFile)}`);
  const ms = performance.now() - t0;
  log(`  built in ${(ms / 1000).toFixed(0)} s`);
  return { built: true, ms };
}

async function waitUntilUp(base: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${tail(logFile)}`);
    try {
      const r = await fetch(`${base}/forbidden`, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer within 90 s:\n${tail(logFile)}`);
}

// The gift page: the shell, with the open gift's data inside or not (then it asks /api/gift-link). Either way it must be
// this open gift, not the "link not active" state, which would be a cheaper, wrong measurement.
async function expectGiftPage(url: string): Promise<{ dataInPage: boolean }> {
  const r = await fetch(url);
  const body = await r.text();
  if (r.status !== 200 || !body.includes('Opening your gift')) throw new Error(`GET ${url}: status ${r.status}, expected the gift page`);
  const block = /<script type="application\/json" id="gift-link-data">([^<]*)<\/script>/.exec(body);
  if (!block) return { dataInPage: false };
  if (!block[1].includes('"state":"open"') || !block[1].includes('Bench item')) throw new Error(`GET ${url}: the page's data is not the open gift: ${block[1].slice(0, 200)}`);
  return { dataInPage: true };
}

// The data call (the page's later looks, or its first one without data in the page) must answer with the open gift.
async function expectGiftData(base: string, token: string) {
  const r = await fetch(`${base}/api/gift-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  const body = await r.text();
  if (r.status !== 200 || !body.includes('"state":"open"') || !body.includes('Bench item')) throw new Error(`POST /api/gift-link: status ${r.status}, expected the open gift, got ${body.slice(0, 200)}`);
}

async function expectPage(url: string, mustContain: string) {
  const r = await fetch(url);
  const body = await r.text();
  if (r.status !== 200 || !body.includes(mustContain)) throw new Error(`GET ${url}: status ${r.status}, expected 200 with "${mustContain}" in the page`);
}

// CPU seconds so far per process matching `keep`, from /proc (Linux); null elsewhere.
function cpuByPid(keep: (pid: number, pgrp: number, cmd: string) => boolean): Map<number, number> | null {
  if (!existsSync('/proc/self/stat')) return null;
  const tick = 100; // USER_HZ
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (keep(Number(entry), Number(f[2]), readFileSync(`/proc/${entry}/cmdline`, 'utf8'))) out.set(Number(entry), (Number(f[11]) + Number(f[12])) / tick);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return out;
}

// CPU used since the meter started, in cores. Processes that started meanwhile count from zero; those that ended
// meanwhile (idle pool connections closing) are left out, so the figures are slightly low rather than wrong.
function cpuMeter(appGroup: number) {
  const groups = [
    (_pid: number, pgrp: number) => pgrp === appGroup,
    (_pid: number, _pgrp: number, cmd: string) => cmd.startsWith('postgres'),
    (pid: number) => pid === process.pid,
  ];
  const before = groups.map((g) => cpuByPid(g));
  const t0 = performance.now();
  return (): CpuUse => {
    const secs = (performance.now() - t0) / 1000;
    const used = groups.map((g, i) => {
      const after = cpuByPid(g);
      if (!after || !before[i]) return null;
      let sum = 0;
      for (const [pid, t] of after) sum += t - (before[i]!.get(pid) ?? 0);
      return sum / secs;
    });
    if (used.some((v) => v === null)) return null;
    const [app, postgres, loadGenerator] = used as number[];
    return { app, postgres, loadGenerator };
  };
}

export async function load(
  label: string,
  base: string,
  urlPath: string,
  seconds: number,
  opts: { spreadClients?: boolean; appGroup?: number; postJson?: unknown; rotatePaths?: string[]; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  let n = 0;
  const meter = opts.appGroup ? cpuMeter(opts.appGroup) : null;
  const r: Result = await autocannon({
    url: `${base}${urlPath}`,
    connections: Number(process.env.BENCH_CONNECTIONS ?? 20),
    duration: seconds,
    timeout: 30,
    ...(opts.postJson !== undefined ? { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(opts.postJson) } : {}),
    ...(opts.headers ? { headers: opts.headers } : {}),
    // Each connection loops over these paths, one per request (instead of urlPath every time).
    ...(opts.rotatePaths ? { requests: opts.rotatePaths.map((path) => ({ path })) } : {}),
    // One client address per connection (the gift page rate-limits per X-Forwarded-For / X-Real-IP).
    setupClient: opts.spreadClients ? (client) => client.setHeaders({ 'x-forwarded-for': `10.0.${Math.floor(n / 250)}.${(n++ % 250) + 1}` }) : undefined,
  });
  return {
    label,
    path: urlPath,
    rps: r.requests.average,
    total2xx: r['2xx'],
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    cpu: meter ? meter() : null,
  };
}

/** Seeds the one open gift the page bench loads (and the catalog if the expiry bench did not run), returns its token. */
export async function seedPageGift(db: BenchDatabase): Promise<string> {
  const c = await connect(db.url);
  try {
    const s = shapeFor(Number(process.env.BENCH_OFFERS ?? 100_000));
    if ((await scalar(c, 'select count(*) from offers')) === 0) await seedCatalog(c, s);
    await c.query(`delete from rate_limit_buckets`);
    if ((await scalar(c, `select count(*) from gift_offers where id = md5('gift' || $1::int)::uuid`, [PAGE_GIFT_NUMBER])) === 0)
      await seedGifts(c, s, { from: PAGE_GIFT_NUMBER, count: 1, due: false });
    await c.query('analyze');
  } finally {
    await c.end();
  }
  return benchToken(PAGE_GIFT_NUMBER);
}

export type AppServer = { base: string; built: boolean; buildMs: number; pid: number; stop: () => Promise<void> };

/** Builds (unless BENCH_SKIP_BUILD=1 and a build exists) and starts the app on a free port of 127.0.0.1. */
export async function startApp(db: BenchDatabase, log: (s: string) => void): Promise<AppServer> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: db.url,
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-bench',
    APP_URL: base,
    OUTBOX_ALLOW_MAILBOX: '1',
    JOBS_IN_PROCESS: '0',
    PAYMENT_PROCESSOR: 'sandbox',
    GIFT_LINK_LOOKUPS_PER_MINUTE: '100000000',
  };
  const { built, ms: buildMs } = await build(env, log);
  const logFile = path.join(os.tmpdir(), `pm-bench-server-${process.pid}.log`);
  log(`next start on ${base} (log: ${logFile}) ...`);
  // BENCH_SERVER_NODE_ARGS: node flags for the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = startGroup([...nodeArgs, NEXT_BIN, 'start', '--hostname', HOST, '--port', String(port)], env, logFile);
  try {
    await waitUntilUp(base, server, logFile);
  } catch (e) {
    await stopGroup(server);
    throw e;
  }
  return { base, built, buildMs, pid: server.pid!, stop: () => stopGroup(server) };
}

export async function benchPage(db: BenchDatabase, log: (s: string) => void): Promise<PageReport> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const token = await seedPageGift(db);
  const app = await startApp(db, log);
  const { base } = app;
  try {
    // The page must really be the gift page, and its data call the open gift (a "link not active" answer would be a
    // cheaper, wrong measurement).
    const { dataInPage } = await expectGiftPage(`${base}/gift/${token}`);
    await expectGiftData(base, token);
    await expectPage(`${base}/forbidden`, '<html');

    log('warming up (2 s each) ...');
    await load('warm-up', base, `/gift/${token}`, 2);
    await load('warm-up', base, '/forbidden', 2);
    await load('warm-up', base, '/api/gift-link', 2, { postJson: { token } });

    log(`autocannon: ${seconds} s each, ${process.env.BENCH_CONNECTIONS ?? 20} connections ...`);
    const measure = { appGroup: app.pid };
    const gift = await load('gift page /gift/<token>', base, `/gift/${token}`, seconds, measure);
    const giftData = await load(dataInPage ? 'later looks POST /api/gift-link' : 'gift data POST /api/gift-link', base, '/api/gift-link', seconds, { ...measure, postJson: { token } });
    const staticPage = await load('static page /forbidden', base, '/forbidden', seconds, measure);
    const extra: LoadResult[] = [];
    if (process.env.BENCH_PAGE_EXTRA === '1') {
      extra.push(await load('static page /gift/declined', base, '/gift/declined', seconds, measure));
      // The cheapest dynamic path of the same route: rate-limit hit, no lookup, the "link not active" page.
      extra.push(await load('gift route, malformed token', base, '/gift/not-a-token', seconds, measure));
      extra.push(await load('gift page, one X-Forwarded-For per connection', base, `/gift/${token}`, seconds, { ...measure, spreadClients: true }));
    }
    // Still the open gift after the load, and every answer was a 200: an error page is cheaper and would flatter the rate.
    await expectGiftData(base, token);
    await expectGiftPage(`${base}/gift/${token}`);
    for (const l of [gift, giftData, staticPage, ...extra]) {
      if (l.non2xx || l.errors) throw new Error(`${l.label}: ${l.non2xx} non-2xx answers and ${l.errors} errors under load (see the server log)`);
    }
    return { built: app.built, buildMs: app.buildMs, dataInPage, gift, giftData, staticPage, extra };
  } finally {
    await app.stop();
  }
}
