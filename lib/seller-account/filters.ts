import { STATEMENT_KINDS } from './statement';
import type { SellerAccountEntryKind } from './ledger';

// The statement's filters as they arrive in a URL: unknown kinds and malformed dates are dropped, never queried.
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KINDS = new Set(STATEMENT_KINDS.map((k) => k.value));

export function parseStatementFilters(sp: Record<string, string | string[] | undefined>) {
  const kindsRaw = sp.kind === undefined ? [] : Array.isArray(sp.kind) ? sp.kind : [sp.kind];
  const kinds = kindsRaw.filter((k): k is SellerAccountEntryKind => KINDS.has(k as SellerAccountEntryKind));
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const from = one(sp.from);
  const to = one(sp.to);
  const after = Number(one(sp.after));
  return {
    kinds,
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    after: Number.isSafeInteger(after) && after > 0 ? after : undefined,
  };
}

export function statementQuery(f: { kinds: string[]; from?: string; to?: string }, extra: Record<string, string> = {}) {
  const q = new URLSearchParams();
  for (const k of f.kinds) q.append('kind', k);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}
