import { describe, expect, it } from 'vitest';
import { TEST_THRESHOLDS as T } from './test-thresholds';
import { failingMetrics, failingOf, judgeMetrics, type CoverageFigures, type OrderCounts, type Ratio } from './rules';

// failingOf is the daily job's short cut for failingMetrics(judgeMetrics(...)): the same list for any figures.


// A small deterministic generator, so a failure can be replayed.
function random(seed: number) {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('failingOf', () => {
  it('agrees with failingMetrics(judgeMetrics(...)) on 5,000 generated sellers, thresholds on and off', () => {
    const next = random(42);
    const ratio = (den: number): Ratio => {
      const d = Math.floor(next() * den);
      // Mostly near the thresholds, sometimes empty.
      return { num: d - Math.floor(next() * next() * Math.max(1, d / 20)), den: d };
    };
    const maybe = (r: Ratio): Ratio | null => (next() < 0.1 ? null : r);
    let failures = 0;
    for (let i = 0; i < 5000; i++) {
      const counts: OrderCounts = {
        on_time_shipment: ratio(400),
        on_time_delivery: ratio(400),
        valid_tracking: ratio(400),
        cancellation: { num: Math.floor(next() * 3), den: Math.floor(next() * 400) },
        buy_shipping: ratio(400),
      };
      const coverage: CoverageFigures = {
        oneDay: maybe({ num: Math.floor(next() * 1_000_000), den: 1_000_000 }),
        twoDay: maybe({ num: Math.floor(next() * 1_000_000), den: 1_000_000 }),
        nationwide: maybe({ num: 45 + Math.floor(next() * 5), den: 49 }),
        weekendOps: maybe({ num: 4 + Math.floor(next() * 4), den: 7 }),
        weekendDelivery: maybe({ num: Math.floor(next() * 2), den: 1 }),
        cutoff: maybe({ num: 5 + Math.floor(next() * 2), den: 6 }),
      };
      const t = i % 2 === 0 ? T : { ...T, validTrackingEnforced: false };
      const expected = failingMetrics(judgeMetrics(counts, coverage, t));
      expect(failingOf(counts, coverage, t)).toEqual(expected);
      if (expected.length > 0) failures++;
    }
    // The generated figures exercise both sides of the thresholds.
    expect(failures).toBeGreaterThan(500);
    expect(failures).toBeLessThan(5000);
  });
});
