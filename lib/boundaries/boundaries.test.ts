import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '@/db/schema';

// Each domain owns its tables: another domain reaches them only through the owner's exported functions (never an
// import of the table from '@/db/schema', never its name in raw SQL). This test reads lib/<domain>/ sources and fails
// on any reach into another domain's table that is not listed, with its reason, in KNOWN_CROSSINGS below.

// Owner of every table, by SQL name. A domain is a folder of lib/; a family lists folders that share their tables.
const families: Record<string, string[]> = {
  accounts: ['accounts', 'auth', 'security'],
};
const owners: Record<string, string> = {
  users: 'accounts', addresses: 'accounts', auth_sessions: 'accounts', sign_in_devices: 'accounts', otp_codes: 'accounts', rate_limit_buckets: 'accounts',
  sellers: 'catalog', offers: 'catalog',
  orders: 'orders', order_lines: 'orders',
  order_destinations: 'fulfilment',
  gift_offers: 'gifts', gift_sender_blocks: 'gifts',
  gift_cards: 'gift-cards', gift_card_ledger: 'gift-cards',
  payments: 'payments', payment_operations: 'payments', processor_sandbox_authorizations: 'payments', processor_sandbox_faults: 'payments', processor_sandbox_requests: 'payments',
  outbox_messages: 'notifications',
  carrier_services: 'shipping', seller_carrier_services: 'shipping', shipping_templates: 'shipping', shipping_template_regions: 'shipping', order_handling_cutoffs: 'shipping',
  offer_shipping_profiles: 'shipping', order_promises: 'shipping', ship_from_locations: 'shipping', template_zip3_promises: 'shipping', seller_combined_coverage: 'shipping', seller_operations: 'shipping',
  shipments: 'shipments', rate_quotes: 'shipments', tracking_events: 'shipments', shipping_api_keys: 'shipments', carrier_simulator_events: 'shipments',
  plans_of_action: 'prime', prime_evaluation_runs: 'prime', prime_evaluations: 'prime', prime_status_changes: 'prime', sfp_order_facts: 'prime',
  seller_account_entries: 'seller-account',
  // Post-sale: each its own domain, reaching the others only through their functions.
  return_requests: 'returns',
  refunds: 'refunds',
  case_actions: 'customer-service', seller_notices: 'customer-service', service_cases: 'customer-service',
  message_threads: 'messaging', buyer_seller_messages: 'messaging',
  safet_claims: 'safet', safet_claim_messages: 'safet', safet_reminders: 'safet',
};

// Crossings that exist today in areas still being moved behind their owners' functions. Each entry is
// "<file> -> <table>" with why it is tolerated for now. The test also fails when an entry no longer occurs, so the
// list can only shrink.
const KNOWN_CROSSINGS: Record<string, string> = {
};

const root = path.resolve(import.meta.dirname, '..', '..');
const tables = new Map<string, string>(); // JS export name -> SQL name
for (const [name, value] of Object.entries(schema)) if (is(value, PgTable)) tables.set(name, getTableName(value));

const ownerFamily = (domain: string) => Object.entries(families).find(([, ds]) => ds.includes(domain))?.[0] ?? domain;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [p] : [];
  });
}

/** The tables a source file reaches: imported from '@/db/schema', or named in raw SQL. */
export function tablesReached(text: string, known: Map<string, string>): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@\/db\/schema'/g)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0];
      if (known.has(name)) found.add(known.get(name)!);
    }
  }
  const sqlNames = new Set(known.values());
  for (const m of text.matchAll(/\b(?:from|join|update|into|exists\s*\(\s*select\s+1\s+from)\s+"?([a-z_][a-z0-9_]*)"?/gi)) {
    if (sqlNames.has(m[1])) found.add(m[1]);
  }
  return found;
}

function crossings() {
  const out: string[] = [];
  for (const file of sources(path.join(root, 'lib'))) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const parts = rel.split('/');
    if (parts.length < 3) continue; // lib/config.ts and the like belong to no domain
    const domain = parts[1];
    for (const table of tablesReached(readFileSync(file, 'utf8'), tables)) {
      const owner = owners[table];
      if (owner && ownerFamily(owner) !== ownerFamily(domain)) out.push(`${rel} -> ${table}`);
    }
  }
  return out.sort();
}

describe('domain boundaries', () => {
  it('every table has an owning domain', () => {
    expect([...tables.values()].filter((t) => !owners[t]).sort()).toEqual([]);
  });

  it('finds tables both in imports and in raw SQL (the detector itself)', () => {
    const known = new Map([
      ['orders', 'orders'],
      ['giftOffers', 'gift_offers'],
      ['payments', 'payments'],
    ]);
    expect([...tablesReached(`import { giftOffers, type orders as o } from '@/db/schema';`, known)].sort()).toEqual(['gift_offers', 'orders']);
    expect([...tablesReached('sql`select p.order_id from payments p join orders o on o.id = p.order_id`', known)].sort()).toEqual(['orders', 'payments']);
    expect([...tablesReached('sql`update "orders" set status = 1`', known)]).toEqual(['orders']);
    expect([...tablesReached('// orders are cancelled from here', known)]).toEqual([]);
  });

  it('no domain reaches another domain’s tables', () => {
    const found = crossings();
    const unexpected = found.filter((c) => !(c in KNOWN_CROSSINGS));
    const gone = Object.keys(KNOWN_CROSSINGS).filter((c) => !found.includes(c));
    expect({ unexpected, gone }).toEqual({ unexpected: [], gone: [] });
  });
});
