// The npm registry reachable from our machines serves only some platforms' builds of a few native packages
// (Next's SWC, Tailwind's oxide, Rollup). `npm install` then leaves those optional platform packages out of
// package-lock.json, and `npm ci` refuses the lock as out of sync. This adds the missing entries with their
// os/cpu constraints, so npm ci skips them on every other platform exactly as it would with a complete lock.
// Run after any `npm install` that changes dependencies: node scripts/fix-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const pkgs = lock.packages;
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32'];

function constraints(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  const c = {};
  if (os) c.os = [os === 'openharmony' ? 'openharmony' : os];
  if (cpu) c.cpu = [cpu];
  if (os === 'linux') {
    if (parts.some((p) => p.startsWith('musl'))) c.libc = ['musl'];
    else if (parts.some((p) => p.startsWith('gnu'))) c.libc = ['glibc'];
  }
  return c;
}

let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const parentDir = path === '' ? '' : `${path}/`;
    if (pkgs[`${parentDir}node_modules/${dep}`] || pkgs[`node_modules/${dep}`]) continue;
    const c = constraints(dep);
    if (!c.os && !c.cpu) continue; // not a platform build: leave it to npm
    pkgs[`node_modules/${dep}`] = { version, optional: true, ...c };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} platform-specific optional entries`);
