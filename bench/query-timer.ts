import pg from 'pg';

// Times every statement node-postgres sends (the app's pool included, since its clients are pg.Client instances) and
// files it under a step of the expiry job, recognised by its SQL text. The job's code is left untouched.

type Step = { name: string; match: RegExp };

const STEPS: Step[] = [
  { name: 'claim + expire offers (gifts)', match: /with target as/i },
  { name: 'cancel orders + their lines (orders)', match: /with cancelled as/i },
  { name: 'release stock: order lines (orders)', match: /with released as/i },
  { name: 'return stock (catalog)', match: /update "?offers"? o set stock/i },
  { name: 'giver contacts (accounts)', match: /from "?users"? where/i },
  { name: 'outbox insert', match: /insert into "?outbox_messages"?/i },
  { name: 'payments: select due', match: /^\s*select[\s\S]*from "?payments"?/i },
  { name: 'sandbox: faults', match: /processor_sandbox_faults/i },
  { name: 'sandbox: claim idempotency keys', match: /insert into "?processor_sandbox_requests"?/i },
  { name: 'sandbox: prior responses', match: /^\s*select[\s\S]*from "?processor_sandbox_requests"?/i },
  { name: 'sandbox: read (or lock) holds', match: /^\s*select[\s\S]*from "?processor_sandbox_authorizations"?/i },
  { name: 'sandbox: void holds', match: /update "?processor_sandbox_authorizations"?/i },
  { name: 'sandbox: store responses', match: /update "?processor_sandbox_requests"?/i },
  { name: 'payment_operations insert', match: /insert into "?payment_operations"?/i },
  { name: 'payments update', match: /update "?payments"?/i },
  { name: 'begin / commit', match: /^\s*(begin|commit|rollback)\b/i },
];

export type StepTotals = Map<string, { ms: number; count: number }>;

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

let totals: StepTotals | null = null;
let installed = false;

function record(text: string, ms: number) {
  if (!totals) return;
  const name = STEPS.find((s) => s.match.test(text))?.name ?? `other: ${text.replace(/\s+/g, ' ').trim().slice(0, 60)}`;
  const t = totals.get(name) ?? { ms: 0, count: 0 };
  t.ms += ms;
  t.count += 1;
  totals.set(name, t);
}

function install() {
  if (installed) return;
  installed = true;
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    if (!totals) return original.apply(this, args);
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const t0 = performance.now();
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = function (this: unknown, ...cb: unknown[]) {
        record(text, performance.now() - t0);
        return (last as (...a: unknown[]) => unknown).apply(this, cb);
      };
      return original.apply(this, args);
    }
    const r = original.apply(this, args) as { then?: (a: () => void, b: () => void) => void };
    if (r && typeof r.then === 'function') r.then(() => record(text, performance.now() - t0), () => record(text, performance.now() - t0));
    return r;
  };
}

/** Runs `fn` with every statement timed; returns its result, the wall time and the per-step totals. */
export async function timeSteps<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; steps: StepTotals }> {
  install();
  totals = new Map();
  const t0 = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - t0, steps: totals };
  } finally {
    totals = null;
  }
}
