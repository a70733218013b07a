// Gift offers as a state machine. Pure: no I/O.

export type GiftOfferStatus = 'waiting' | 'settling' | 'accepted' | 'declined' | 'expired' | 'cancelled';
export type GiftDecision = 'accept' | 'convert';

// What the giver may see. `settling` looks like waiting, and a conversion looks exactly like an acceptance (G7).
export type GiverGiftStatus = 'waiting' | 'accepted' | 'declined' | 'expired' | 'cancelled';

export function giverStatus(status: GiftOfferStatus): GiverGiftStatus {
  return status === 'settling' ? 'waiting' : status;
}

export const giverStatusLabel: Record<GiverGiftStatus, string> = {
  waiting: 'Waiting for the recipient',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

// The state machine, by named transition: what each one may start from and where it goes. lib/gifts/commands.ts
// builds every conditional UPDATE from this table (`status in (from)` in the WHERE, `status = to` in the SET), so
// a transition that is not here cannot happen, and these rules' unit tests test what the commands run.
export const giftTransitions = {
  claim: { from: ['waiting'], to: 'settling' }, // a recipient's accept or convert takes the offer (one winner)
  decline: { from: ['waiting'], to: 'declined' },
  expire: { from: ['waiting'], to: 'expired' },
  cancel: { from: ['waiting'], to: 'cancelled' }, // the giver withdraws it
  // The message telling the recipient never reached them (the outbox gave up on it): nobody can answer the gift, so
  // it ends at once rather than hold the giver's card for days. Cancelled by the system, not by the seller or giver.
  undeliverable: { from: ['waiting'], to: 'cancelled' },
  settle: { from: ['settling'], to: 'accepted' }, // the claimed decision was charged
  lapse: { from: ['settling'], to: 'expired' }, // the claimed decision could not be charged: ends as expired for all
} as const satisfies Record<string, { from: readonly GiftOfferStatus[]; to: GiftOfferStatus }>;

export type GiftTransition = keyof typeof giftTransitions;

/** The statuses a transition may start from (for the WHERE of its conditional UPDATE). */
export function transitionFrom(t: GiftTransition): readonly GiftOfferStatus[] {
  return giftTransitions[t].from;
}

/** The status a transition leads to (for the SET of its UPDATE). */
export function transitionTo<T extends GiftTransition>(t: T): (typeof giftTransitions)[T]['to'] {
  return giftTransitions[t].to;
}

export function canTransition(from: GiftOfferStatus, to: GiftOfferStatus): boolean {
  return Object.values(giftTransitions).some((t) => t.to === to && (t.from as readonly GiftOfferStatus[]).includes(from));
}

/** Whether this named transition may run on an offer in status `from`. */
export function mayRun(t: GiftTransition, from: GiftOfferStatus): boolean {
  return (giftTransitions[t].from as readonly GiftOfferStatus[]).includes(from);
}

export function isOpen(status: GiftOfferStatus): boolean {
  return status === 'waiting' || status === 'settling';
}

export function offerExpiry(createdAt: Date, offerLifeHours: number): Date {
  return new Date(createdAt.getTime() + offerLifeHours * 3_600_000);
}

// The reminder goes out once, `beforeHours` ahead of expiry.
export function reminderDue(expiresAt: Date, beforeHours: number, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime() - beforeHours * 3_600_000 && now < expiresAt;
}

export const GIFT_MESSAGE_MAX = 240;

// What the recipient's gift message is about (its outbox `ref`), so the outbox can hand it back if it gives up on it.
export const GIFT_NOTICE_REF = 'gift_offer:';
export const giftNoticeRef = (giftOfferId: string) => `${GIFT_NOTICE_REF}${giftOfferId}`;
