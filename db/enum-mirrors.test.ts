import { describe, expect, it } from 'vitest';
import { returnStatus, shipmentStatus, trackingEventCode } from './schema';
import { returnStatusLabel } from '@/lib/returns/rules';
import { EVENT_CODES, shipmentStatusLabel } from '@/lib/shipments/rules';

// Pure rules (imported by pages and client components) keep their own lists of a status's values, and the schema
// declares the database enum: these tests tie each pair, so a value added on one side only fails here, not in a page.
describe('database enums and the lists the rules keep', () => {
  const same = (a: readonly string[], b: readonly string[]) => expect([...a].sort()).toEqual([...b].sort());
  it('tracking event codes', () => same(trackingEventCode.enumValues, EVENT_CODES));
  it('shipment statuses', () => same(shipmentStatus.enumValues, Object.keys(shipmentStatusLabel)));
  it('return statuses', () => same(returnStatus.enumValues, Object.keys(returnStatusLabel)));
});
