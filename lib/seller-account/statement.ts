import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, rows } from '@/db';
import { sellerAccountEntries } from '@/db/schema';
import { startOfLocalDay, endOfLocalDay } from '@/lib/calendar';
import type { SellerAccountEntryKind } from './ledger';

// The seller's account statement: every charge and credit with the running balance after it. The balance is a window
// sum over the seller's own rows (all kinds, from the first movement), so it is right on every page and under every
// filter; totals are sums of the rows, never a stored balance.

export const STATEMENT_KINDS: { value: SellerAccountEntryKind; label: string }[] = [
  { value: 'label_purchase', label: 'Shipping labels' },
  { value: 'label_refund', label: 'Label refunds' },
  { value: 'customer_refund', label: 'Customer refunds' },
  { value: 'customer_service_adjustment', label: 'Customer service adjustments' },
  { value: 'safet_reimbursement', label: 'SAFE-T reimbursements' },
];
export const statementKindLabel = Object.fromEntries(STATEMENT_KINDS.map((k) => [k.value, k.label])) as Record<SellerAccountEntryKind, string>;

export type StatementFilter = { kinds?: SellerAccountEntryKind[]; from?: string; to?: string; tz: string };
// The cursor is the last row's id; its exact timestamp is read back in SQL (a JS Date would drop the microseconds).
export type StatementCursor = { id: number };
export type StatementRow = {
  id: number;
  kind: SellerAccountEntryKind;
  amountCents: number;
  currency: string;
  orderId: string | null;
  reference: string | null;
  description: string;
  createdAt: Date;
  balanceCents: number;
};

function conditions(f: StatementFilter): SQL[] {
  const out: SQL[] = [];
  if (f.kinds && f.kinds.length) out.push(sql`s.kind = any(${sql.param(f.kinds)}::text[]::seller_account_entry_kind[])`);
  if (f.from) out.push(sql`s.created_at >= ${startOfLocalDay(f.from, f.tz).toISOString()}::timestamptz`);
  if (f.to) out.push(sql`s.created_at <= ${endOfLocalDay(f.to, f.tz).toISOString()}::timestamptz`);
  return out;
}

const where = (parts: SQL[]) => (parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``);

type Raw = { id: string | number; kind: SellerAccountEntryKind; amount_cents: number; currency: string; order_id: string | null; reference: string | null; description: string; created_at: string | Date; balance: string | number };

const toRow = (r: Raw): StatementRow => ({
  id: Number(r.id),
  kind: r.kind,
  amountCents: Number(r.amount_cents),
  currency: r.currency,
  orderId: r.order_id,
  reference: r.reference,
  description: r.description,
  createdAt: new Date(r.created_at),
  balanceCents: Number(r.balance),
});

/** One keyset page, newest first, with the balance after each movement. */
export async function statementPage(sellerId: string, f: StatementFilter, opts: { before?: StatementCursor; limit?: number } = {}) {
  const db = await getDb();
  const limit = Math.min(Math.max(opts.limit ?? 25, 1), 1000);
  const parts = conditions(f);
  if (opts.before)
    parts.push(sql`(s.created_at, s.id) < (select c.created_at, c.id from ${sellerAccountEntries} c where c.id = ${opts.before.id} and c.seller_id = ${sellerId})`);
  const res = await db.execute(sql`
    select s.* from (
      select e.id, e.kind, e.amount_cents, e.currency, e.order_id, e.reference, e.description, e.created_at,
             sum(e.amount_cents) over (order by e.created_at, e.id rows between unbounded preceding and current row) as balance
      from ${sellerAccountEntries} e
      where e.seller_id = ${sellerId}
    ) s
    ${where(parts)}
    order by s.created_at desc, s.id desc
    limit ${limit + 1}`);
  const list = rows<Raw>(res).map(toRow);
  const items = list.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: list.length > limit && last ? { id: last.id } : null };
}

/** Sums of the filtered rows (charges, credits, net) and the account balance: all from the ledger rows. */
export async function statementTotals(sellerId: string, f: StatementFilter) {
  const db = await getDb();
  const res = await db.execute(sql`
    select coalesce(sum(case when s.amount_cents < 0 then s.amount_cents end), 0) as charges,
           coalesce(sum(case when s.amount_cents > 0 then s.amount_cents end), 0) as credits,
           count(*) as n,
           (select coalesce(sum(amount_cents), 0) from ${sellerAccountEntries} where seller_id = ${sellerId}) as balance
    from ${sellerAccountEntries} s
    ${where([sql`s.seller_id = ${sellerId}`, ...conditions(f)])}`);
  const [r] = rows<{ charges: string; credits: string; n: string; balance: string }>(res);
  return { chargesCents: Number(r.charges), creditsCents: Number(r.credits), netCents: Number(r.charges) + Number(r.credits), count: Number(r.n), balanceCents: Number(r.balance) };
}

// --- CSV ------------------------------------------------------------------------------------------------------------

/** A CSV field: quoted, quotes doubled, and text a spreadsheet would run as a formula defused with a leading quote. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

const cents = (n: number) => (n / 100).toFixed(2);

export const CSV_HEADER = 'Date (UTC),Type,Description,Order,Reference,Amount,Currency,Balance\n';

export function csvLine(r: StatementRow): string {
  return (
    [csvField(r.createdAt.toISOString()), csvField(statementKindLabel[r.kind]), csvField(r.description), csvField(r.orderId), csvField(r.reference), cents(r.amountCents), csvField(r.currency), cents(r.balanceCents)].join(
      ',',
    ) + '\n'
  );
}

/** The whole filtered statement as CSV, produced a page at a time (memory stays flat however long it is). */
export function statementCsvStream(sellerId: string, f: StatementFilter, pageSize = 500): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let cursor: StatementCursor | undefined;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(enc.encode(CSV_HEADER));
        return;
      }
      if (done) return controller.close();
      const page = await statementPage(sellerId, f, { before: cursor, limit: pageSize });
      if (page.items.length) controller.enqueue(enc.encode(page.items.map(csvLine).join('')));
      if (!page.next) {
        done = true;
        controller.close();
      } else cursor = page.next;
    },
  });
}
