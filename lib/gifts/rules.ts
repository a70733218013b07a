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

const transitions: Record<GiftOfferStatus, readonly GiftOfferStatus[]> = {
  waiting: ['settling', 'declined', 'expired', 'cancelled'],
  // A claimed decision finishes; a hold found lapsed while settling ends the offer as expired.
  settling: ['accepted', 'expired'],
  accepted: [],
  declined: [],
  expired: [],
  cancelled: [],
};

export function canTransition(from: GiftOfferStatus, to: GiftOfferStatus): boolean {
  return transitions[from].includes(to);
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
