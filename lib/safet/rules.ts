// SAFE-T claims (S15, S16): the state machine, the filing checks and the deadlines. Pure: no I/O.
//
//   submitted --request info--> info_requested --seller answers (before respondBy)--> submitted
//   info_requested --7 days without an answer (the job, at exactly respondBy)--> decided (denied)
//   submitted --ops decide--> decided (granted in full / in part / denied), appealBy = decision + 7 days
//   decided --seller appeals once, before appealBy--> appealed --(info may be requested again)--> final
// A decided claim whose appeal window passed reads as final.

export type SafetState = 'submitted' | 'info_requested' | 'decided' | 'appealed' | 'final';
export type SafetOutcome = 'granted_full' | 'granted_partial' | 'denied';

export const DAY_MS = 24 * 60 * 60 * 1000;

export type SafetRules = { filingWindowDays: number; responseDays: number; appealDays: number; maxCents: number };
export const DEFAULT_SAFET_RULES: SafetRules = { filingWindowDays: 30, responseDays: 7, appealDays: 7, maxCents: 500_000 };

export const SAFET_REASONS = [
  { value: 'customer_abuse', label: 'Customer abuse' },
  { value: 'returned_unsellable', label: 'Item returned unsellable' },
  { value: 'materially_different', label: 'Item returned materially different' },
  { value: 'no_return', label: 'Customer refunded but no return made' },
  { value: 'non_receipt_delivered', label: 'Customer claimed non-receipt, Buy Shipping tracking shows delivered' },
  { value: 'free_replacement', label: 'Free replacement sent' },
  { value: 'lost_or_damaged_in_return_transit', label: 'Lost or damaged in return transit' },
] as const;
export type SafetReason = (typeof SAFET_REASONS)[number]['value'];
export const safetReasonLabel = Object.fromEntries(SAFET_REASONS.map((r) => [r.value, r.label])) as Record<SafetReason, string>;

// S16: these go to the carrier, not to SAFE-T.
export const CARRIER_CLAIM_POINTER =
  'Items lost or damaged in return transit are not covered by SAFE-T. Contact the carrier that carried the return directly, describe what happened and file a claim with them (for a Buy Shipping label, use the carrier’s claim process for that tracking number).';

// S15 in our own words: the seller ticks this when filing.
export const SAFET_ATTESTATION =
  'I confirm that the information in this claim is true. I understand that a false statement, or a departure from this statement, may lead to the removal of my selling privileges, the reversal of earlier reimbursements, or other action by the marketplace.';

export type ClaimSnapshot = {
  state: SafetState;
  outcome: SafetOutcome | null;
  amountCents: number;
  grantedCents: number;
  respondBy: Date | null;
  decidedAt: Date | null;
  appealBy: Date | null;
  appealedAt: Date | null;
};

export type Refusal = { ok: false; reason: string };
export type Transition<T> = ({ ok: true } & T) | Refusal;
const refuse = (reason: string): Refusal => ({ ok: false, reason });

// --- Filing -------------------------------------------------------------------------------------------------------

export type RefundForClaim = { issuer: 'seller' | 'marketplace'; chargedToSeller: boolean; status: 'pending' | 'succeeded' | 'failed'; amountCents: number; createdAt: Date };

export function filingDeadline(refundAt: Date, rules: SafetRules = DEFAULT_SAFET_RULES): Date {
  return new Date(refundAt.getTime() + rules.filingWindowDays * DAY_MS);
}

/** Why this claim can't be filed, or null. Field-level reasons are keyed by the form field they belong to. */
export function filingProblem(
  input: { refund: RefundForClaim; reason: SafetReason; amountCents: number; attested: boolean; hasClaimForOrder: boolean; now: Date },
  rules: SafetRules = DEFAULT_SAFET_RULES,
): { field: 'reason' | 'amountCents' | 'attested' | '_form'; message: string } | null {
  const { refund, now } = input;
  if (refund.issuer !== 'marketplace' || !refund.chargedToSeller || refund.status !== 'succeeded')
    return { field: '_form', message: 'SAFE-T covers refunds customer service issued and charged to your account; this refund isn’t one.' };
  if (input.hasClaimForOrder) return { field: '_form', message: 'This order already has a SAFE-T claim: only one claim per order.' };
  if (now.getTime() > filingDeadline(refund.createdAt, rules).getTime())
    return { field: '_form', message: `The filing window closed ${rules.filingWindowDays} days after the refund.` };
  if (input.reason === 'lost_or_damaged_in_return_transit') return { field: 'reason', message: CARRIER_CLAIM_POINTER };
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) return { field: 'amountCents', message: 'Enter an amount above zero.' };
  if (input.amountCents > refund.amountCents) return { field: 'amountCents', message: 'The amount can’t be more than the refund.' };
  if (input.amountCents > rules.maxCents) return { field: 'amountCents', message: `The amount can’t be more than ${rules.maxCents / 100} per order.` };
  if (!input.attested) return { field: 'attested', message: 'Confirm that the information is true to file the claim.' };
  return null;
}

// --- Transitions --------------------------------------------------------------------------------------------------

/** Customer service asks the seller for information: the seller then has `responseDays` to answer. */
export function requestInfo(c: ClaimSnapshot, now: Date, rules: SafetRules = DEFAULT_SAFET_RULES): Transition<{ respondBy: Date }> {
  if (c.state !== 'submitted' && c.state !== 'appealed') return refuse('Information can be requested only while a claim or its appeal is under review.');
  return { ok: true, respondBy: new Date(now.getTime() + rules.responseDays * DAY_MS) };
}

/** The seller answers a request for information; at or after the deadline the answer is too late. */
export function respond(c: ClaimSnapshot, now: Date): Transition<{ next: 'submitted' | 'appealed' }> {
  if (c.state !== 'info_requested') return refuse('This claim isn’t waiting for your answer.');
  if (!c.respondBy || now.getTime() >= c.respondBy.getTime()) return refuse('The time to answer has passed.');
  return { ok: true, next: c.appealedAt ? 'appealed' : 'submitted' };
}

/** Due at exactly `respondBy`: a claim left without the requested information is denied. */
export function autoDenyDue(c: ClaimSnapshot, now: Date): boolean {
  return c.state === 'info_requested' && c.respondBy !== null && now.getTime() >= c.respondBy.getTime();
}

export type Decision = { outcome: SafetOutcome; grantedCents: number };

export function checkDecision(c: ClaimSnapshot, d: Decision): string | null {
  if (!Number.isSafeInteger(d.grantedCents)) return 'The granted amount must be whole cents.';
  if (d.outcome === 'granted_full' && d.grantedCents !== c.amountCents) return 'Granted in full means the amount claimed.';
  if (d.outcome === 'granted_partial' && (d.grantedCents <= 0 || d.grantedCents >= c.amountCents)) return 'A partial grant is more than zero and less than the amount claimed.';
  if (d.outcome === 'denied' && d.grantedCents !== 0) return 'A denied claim grants nothing.';
  return null;
}

/**
 * Customer service decides a claim (state submitted) or its appeal (state appealed). Returns the next state, the appeal
 * deadline (first decision only) and the amount to credit now: what the grant adds to what was already credited.
 */
export function decide(
  c: ClaimSnapshot,
  d: Decision,
  now: Date,
  rules: SafetRules = DEFAULT_SAFET_RULES,
): Transition<{ next: 'decided' | 'final'; appealBy: Date | null; creditCents: number }> {
  if (c.state !== 'submitted' && c.state !== 'appealed') return refuse('Only a claim or an appeal under review can be decided.');
  const bad = checkDecision(c, d);
  if (bad) return refuse(bad);
  if (c.state === 'appealed' && d.grantedCents < c.grantedCents) return refuse('An appeal can’t take back what the first decision granted.');
  const creditCents = Math.max(0, d.grantedCents - c.grantedCents);
  if (c.state === 'submitted') return { ok: true, next: 'decided', appealBy: new Date(now.getTime() + rules.appealDays * DAY_MS), creditCents };
  return { ok: true, next: 'final', appealBy: null, creditCents };
}

/** What the auto-deny job does to a claim at its deadline: the first review ends decided (appealable), an appeal ends final. */
export function autoDeny(c: ClaimSnapshot, now: Date, rules: SafetRules = DEFAULT_SAFET_RULES): Transition<{ next: 'decided' | 'final'; appealBy: Date | null }> {
  if (!autoDenyDue(c, now)) return refuse('Not due.');
  if (c.appealedAt) return { ok: true, next: 'final', appealBy: null };
  return { ok: true, next: 'decided', appealBy: new Date(now.getTime() + rules.appealDays * DAY_MS) };
}

/** A decided claim can be appealed once, before its appeal deadline. */
export function appeal(c: ClaimSnapshot, now: Date): Transition<object> {
  if (c.appealedAt || c.state === 'appealed' || c.state === 'final') return refuse('A SAFE-T claim can be appealed only once.');
  if (c.state !== 'decided') return refuse('Only a decided claim can be appealed.');
  if (!c.appealBy || now.getTime() >= c.appealBy.getTime()) return refuse('The time to appeal has passed.');
  if (c.outcome === 'granted_full') return refuse('This claim was granted in full: there is nothing to appeal.');
  return { ok: true };
}

// --- What the seller sees -----------------------------------------------------------------------------------------

export type SellerView = {
  label: string;
  // What the seller must do, and by when.
  action: { kind: 'respond' | 'appeal'; by: Date } | null;
  tone: 'amber' | 'blue' | 'green' | 'red' | 'neutral';
};

export const outcomeLabel: Record<SafetOutcome, string> = { granted_full: 'Granted in full', granted_partial: 'Granted in part', denied: 'Denied' };

export function sellerView(c: ClaimSnapshot, now: Date): SellerView {
  switch (c.state) {
    case 'submitted':
      return { label: 'Under review', action: null, tone: 'blue' };
    case 'appealed':
      return { label: 'Appeal under review', action: null, tone: 'blue' };
    case 'info_requested':
      return { label: 'Information requested', action: c.respondBy && now < c.respondBy ? { kind: 'respond', by: c.respondBy } : null, tone: 'amber' };
    case 'decided': {
      const open = appeal(c, now).ok;
      const label = `${outcomeLabel[c.outcome ?? 'denied']}${open ? '' : ' (final)'}`;
      return { label, action: open && c.appealBy ? { kind: 'appeal', by: c.appealBy } : null, tone: c.outcome === 'denied' ? 'red' : 'green' };
    }
    case 'final':
      return { label: `${outcomeLabel[c.outcome ?? 'denied']} (final)`, action: null, tone: c.outcome === 'denied' ? 'red' : 'green' };
  }
}

// --- Reminders ----------------------------------------------------------------------------------------------------

export const REMINDER_BEFORE_MS = 48 * 60 * 60 * 1000;

/** The deadline a reminder is due for now (48 hours or less before it passes, not yet passed), if any. */
export function reminderDue(c: ClaimSnapshot, now: Date): { kind: 'respond' | 'appeal'; at: Date } | null {
  const action = sellerView(c, now).action;
  if (!action) return null;
  const left = action.by.getTime() - now.getTime();
  return left > 0 && left <= REMINDER_BEFORE_MS ? { kind: action.kind, at: action.by } : null;
}
