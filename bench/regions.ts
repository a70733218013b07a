// Shipping region automation (S20) over every ZIP3 for ten carrier services, through the app's own pure functions
// (lib/shipping/rules.ts automateRegions + coverageOf). Target: under 200 ms for one seller's full recomputation.
import { CARRIER_SERVICES } from '@/lib/shipping/carriers';
import { ZIP3_TABLE } from '@/lib/shipping/geo';
import { automateRegions, coverageOf } from '@/lib/shipping/rules';

export type RegionsReport = { zip3s: number; services: number; runs: number; p50: number; p95: number; max: number; oneDayShare: number; twoDayShare: number };

export function benchRegions(runs = 50): RegionsReport {
  const services = CARRIER_SERVICES.filter((s) => !s.specialOperatingPlan)
    .slice(0, 10)
    .map((s, i) => ({ ...s, maxZone: 8 - (i % 3) }));
  if (services.length !== 10) throw new Error(`expected ten services, found ${services.length}`);
  const origins = ['100', '802', '941', '606', '331', '980', '770', '191'];
  // Three warm-up runs (the JIT compiles the loops) are not counted.
  for (let i = 0; i < 3; i++) automateRegions(services, origins[i], ZIP3_TABLE);
  const times: number[] = [];
  let last = coverageOf(new Map(), ZIP3_TABLE);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const regions = automateRegions(services, origins[i % origins.length], ZIP3_TABLE);
    last = coverageOf(regions, ZIP3_TABLE);
    times.push(performance.now() - t);
    if (regions.size !== ZIP3_TABLE.length) throw new Error(`automation left ${ZIP3_TABLE.length - regions.size} ZIP3s without a promise`);
  }
  const s = [...times].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { zip3s: ZIP3_TABLE.length, services: services.length, runs, p50: q(0.5), p95: q(0.95), max: s[s.length - 1], oneDayShare: last.oneDayShare, twoDayShare: last.twoDayShare };
}
