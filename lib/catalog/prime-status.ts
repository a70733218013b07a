import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import { rows, type Database } from '@/db';
import { sellers } from '@/db/schema';

// The seller's Seller Fulfilled Prime program status and the badge it drives live on the catalog's sellers row
// (the shop reads sellers.prime_eligible to show the badge). The Prime domain decides; these functions are how it
// reads and writes them, set-based, so a daily evaluation of every seller is a couple of statements.

export type PrimeProgramStatus = (typeof sellers.primeStatus.enumValues)[number];
export type SellerPrimeState = {
  sellerId: string;
  userId: string;
  displayName: string;
  status: PrimeProgramStatus;
  eligible: boolean;
  trialStartedAt: Date | null;
  enrolledAt: Date | null;
  revokedAt: Date | null;
};

const fields = {
  sellerId: sellers.id,
  userId: sellers.userId,
  displayName: sellers.displayName,
  status: sellers.primeStatus,
  eligible: sellers.primeEligible,
  trialStartedAt: sellers.trialStartedAt,
  enrolledAt: sellers.enrolledAt,
  revokedAt: sellers.revokedAt,
};

// What the daily evaluation needs of every seller (10,000 of them): the program status and the instants its window
// starts from; names and accounts are read for the few whose status changes (getSellerPrimeStates). The instants come
// as epoch milliseconds, which cost the drivers far less to parse than timestamps.
export type SellerProgramPhase = Pick<SellerPrimeState, 'sellerId' | 'status' | 'trialStartedAt' | 'enrolledAt'>;
export async function listSellerProgramPhases(tx: Database): Promise<SellerProgramPhase[]> {
  const ms = (c: string) => sql.raw(`(extract(epoch from ${c}) * 1000)::float8`);
  const list = rows<{ id: string; s: PrimeProgramStatus; t: number | null; e: number | null }>(
    await tx.execute(sql`select id, prime_status as s, ${ms('trial_started_at')} as t, ${ms('enrolled_at')} as e from ${sellers} order by id`),
  );
  const at = (v: number | null) => (v === null ? null : new Date(Number(v)));
  return list.map((r) => ({ sellerId: r.id, status: r.s, trialStartedAt: at(r.t), enrolledAt: at(r.e) }));
}

export async function getSellerPrimeState(tx: Database, sellerId: string): Promise<SellerPrimeState | null> {
  const [s] = await tx.select(fields).from(sellers).where(eq(sellers.id, sellerId)).limit(1);
  return s ?? null;
}

export async function getSellerPrimeStates(tx: Database, sellerIds: readonly string[]): Promise<SellerPrimeState[]> {
  if (sellerIds.length === 0) return [];
  return tx.select(fields).from(sellers).where(inArray(sellers.id, [...sellerIds]));
}

export async function getSellerPrimeStateForUser(tx: Database, userId: string): Promise<SellerPrimeState | null> {
  const [s] = await tx.select(fields).from(sellers).where(eq(sellers.userId, userId)).limit(1);
  return s ?? null;
}

// A token that changes whenever any seller's Prime eligibility (the badge on every product page) changes, whoever
// changed it: how many sellers are eligible and the latest enrollment and revocation. The product-page cache of each
// app process asks for it every second (app/api/catalog/prime-version), so a revocation made by another process (the
// daily job, another instance) shows within a second. One pass over sellers (10,000 rows: about a millisecond).
export async function primeEligibilityVersion(db: Database): Promise<string> {
  const [r] = rows<{ v: string }>(
    await db.execute(sql`
      select count(*) filter (where prime_eligible)::text || '|' || coalesce(max(enrolled_at)::text, '') || '|' || coalesce(max(revoked_at)::text, '') as v
      from ${sellers}`),
  );
  return r?.v ?? '';
}

export type PrimeStatusChange = { sellerId: string; from: PrimeProgramStatus; to: PrimeProgramStatus };

// Moves sellers between program states in one statement. Each change applies only if the seller is still in its
// `from` state (a concurrent change wins or loses as a whole); returns the sellers changed. The badge follows the
// status: on exactly while enrolled (S2, S4): revoking turns it off on every offer of the seller at once.
export async function applyPrimeStatusChanges(tx: Database, changes: readonly PrimeStatusChange[], at: Date): Promise<string[]> {
  if (changes.length === 0) return [];
  const res = await tx.execute(sql`
    update ${sellers} s set
      prime_status = x.to_status,
      prime_eligible = (x.to_status = 'enrolled'),
      trial_started_at = case when x.to_status = 'trial' then ${at}::timestamptz else s.trial_started_at end,
      enrolled_at = case when x.to_status = 'enrolled' then ${at}::timestamptz else s.enrolled_at end,
      revoked_at = case when x.to_status = 'ineligible' then ${at}::timestamptz else s.revoked_at end
    from unnest(${sql.param(changes.map((c) => c.sellerId))}::uuid[], ${sql.param(changes.map((c) => c.from))}::text[]::prime_program_status[],
                ${sql.param(changes.map((c) => c.to))}::text[]::prime_program_status[]) as x(seller_id, from_status, to_status)
    where s.id = x.seller_id and s.prime_status = x.from_status
    returning s.id`);
  return rows<{ id: string }>(res).map((r) => r.id);
}
