import 'server-only';
import type { Database } from '@/db';
import { config } from '@/lib/config';
import { coverageBySeller, sellerOperationsSummary, type OperationsSummary, type SellerCoverage } from '@/lib/shipping/operations';
import type { CoverageFigures } from './rules';

// Delivery speed, nationwide coverage, weekend operations and delivery, and cut-off times come from the shipping
// domain (lib/shipping/operations.ts), set-based for all sellers at once. As ratios:
// - one-day / two-day speed: the population-weighted share of US destinations, in parts per million;
// - nationwide: of the 48 contiguous states and DC, those the standard-size Prime templates cover;
// - weekend operations: operating days of the week (fewer than the minimum unless they form Mon-Sat or Sun-Fri);
// - weekend delivery: enabled services that pick up and deliver at weekends (at least one);
// - cut-off times: operating days whose cut-offs meet the earliest allowed.
// A seller with no standard-size template is "not measured" on speed and coverage, and one with no handling days and
// no service on operations: there is nothing of theirs to measure (nor can they promise Prime delivery).
const PPM = 1_000_000;
const STATES_48_DC = 49;

export function coverageFigures(c: SellerCoverage | undefined, o: OperationsSummary | undefined, operatingDaysMin: number): CoverageFigures {
  const templated = !!c && c.standardTemplates > 0;
  const operating = !!o && (o.operatingDays.length > 0 || o.weekendDeliveryServices.length > 0);
  const days = o?.operatingDays.length ?? 0;
  return {
    oneDay: templated ? { num: Math.round(c!.oneDayShare * PPM), den: PPM } : null,
    twoDay: templated ? { num: Math.round(c!.twoDayShare * PPM), den: PPM } : null,
    nationwide: templated ? { num: STATES_48_DC - Math.min(STATES_48_DC, c!.missingStates.length), den: STATES_48_DC } : null,
    weekendOps: operating ? { num: o!.weekendOperations ? days : Math.min(days, operatingDaysMin - 1), den: 7 } : null,
    weekendDelivery: operating ? { num: o!.weekendDeliveryServices.length, den: Math.max(1, o!.weekendDeliveryServices.length) } : null,
    cutoff: operating ? { num: days - o!.operatingDays.filter((d) => o!.cutoffIssueDays.includes(d)).length, den: Math.max(days, 1) } : null,
  };
}

// Read in the caller's transaction (the daily evaluation's: one snapshot, and PGlite's one connection).
export async function coverageForSellers(tx: Database, sellerIds: readonly string[]): Promise<Map<string, CoverageFigures>> {
  if (sellerIds.length === 0) return new Map();
  // Few sellers (a dashboard): ask for them; many (the daily job): every configured seller in one pass each.
  const ask = sellerIds.length <= 100 ? [...sellerIds] : undefined;
  const [coverage, operations] = await Promise.all([coverageBySeller(ask, tx), sellerOperationsSummary(ask, tx)]);
  const min = config().sfp.operatingDaysMin;
  const out = new Map<string, CoverageFigures>();
  for (const id of sellerIds) out.set(id, coverageFigures(coverage.get(id), operations.get(id), min));
  return out;
}
