import 'server-only';
import type { Database } from '@/db';
import { config } from '@/lib/config';
import { coverageBySeller, sellerOperationsSummary } from '@/lib/shipping/operations';
import { coverageFigures, type CoverageFigures } from './rules';

// Delivery speed, nationwide coverage, weekend operations and delivery, and cut-off times come from the shipping
// domain (lib/shipping/operations.ts); rules.ts coverageFigures turns them into the metrics' ratios. This is the
// dashboard's path (a seller at a time). The daily job computes the same figures for every seller inside its INSERT
// (lib/shipping evaluationShippingInputs with lib/prime/sql.ts coverageFiguresSql); an integration test keeps the two
// equal.

// Read in the caller's transaction when it has one (PGlite has a single connection).
export async function coverageForSellers(tx: Database, sellerIds: readonly string[]): Promise<Map<string, CoverageFigures>> {
  if (sellerIds.length === 0) return new Map();
  const ask = [...sellerIds];
  // One after the other: both run on the caller's connection (queuing a query behind another on one node-postgres
  // client is deprecated).
  const coverage = await coverageBySeller(ask, tx);
  const operations = await sellerOperationsSummary(ask, tx);
  const min = config().sfp.operatingDaysMin;
  const out = new Map<string, CoverageFigures>();
  for (const id of sellerIds) out.set(id, coverageFigures(coverage.get(id), operations.get(id), min));
  return out;
}
