import 'server-only';
import { asc } from 'drizzle-orm';
import type { Database } from '@/db';
import { carrierServices } from '@/db/schema';
import type { CarrierService } from './carriers';

// Carrier services are reference data (seeded, changed only by a deploy): read once per process.
let cache: { at: number; list: CarrierService[] } | null = null;
const TTL_MS = 5 * 60_000;

export async function listCarrierServices(db: Database): Promise<CarrierService[]> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.list;
  const list = (await db.select().from(carrierServices).orderBy(asc(carrierServices.sortOrder))) as CarrierService[];
  if (list.length > 0) cache = { at: Date.now(), list };
  return list;
}

export async function carrierServiceMap(db: Database): Promise<Map<string, CarrierService>> {
  return new Map((await listCarrierServices(db)).map((s) => [s.id, s]));
}
