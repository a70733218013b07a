import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { giftOffers } from '@/db/schema';
import { listAddresses, verifiedContacts, type AppUser } from '@/lib/accounts/queries';
import { maskContact } from '@/lib/accounts/rules';
import { isAppError } from '@/lib/errors';
import { formatExpiry } from './messages';
import { lookupGiftLink } from './queries';

export type GiftLinkViewer =
  | { kind: 'anonymous' }
  | { kind: 'other_account'; name: string }
  | { kind: 'recipient'; name: string; giftOfferId: string; pendingDecision: 'accept' | 'convert' | null; addresses: { id: string; label: string }[] };

// What the recipient page shows for a link, as plain JSON. Nothing here is about any gift unless the link is open.
export type GiftLinkPayload =
  | { state: 'inactive' }
  | { state: 'rate_limited'; message: string }
  | { state: 'redirect'; to: string }
  // Shown only to the recipient (signed in with the gift's email or phone) once the gift has ended without them taking it.
  | { state: 'ended'; outcome: 'declined' | 'expired' | 'cancelled' }
  | {
      state: 'open';
      gift: {
        title: string;
        imageUrl: string;
        quantity: number;
        giverName: string;
        giftMessage: string | null;
        expiresLabel: string;
        channel: 'email' | 'sms';
        sentTo: string;
      };
      viewer: GiftLinkViewer;
    };

export async function giftLinkPayload(token: string, clientKey: string, user: AppUser | null): Promise<GiftLinkPayload> {
  let lookup;
  try {
    lookup = await lookupGiftLink(token, clientKey);
  } catch (e) {
    if (isAppError(e) && e.code === 'RATE_LIMITED') return { state: 'rate_limited', message: e.message };
    throw e;
  }
  // The recipient who accepted goes to their order; for anyone else a used link is like an unknown one.
  if (lookup.state === 'closed' && user && lookup.recipientUserId === user.id && lookup.status === 'accepted')
    return { state: 'redirect', to: lookup.settlement === 'gift_card' ? '/account' : `/account/received/${lookup.orderId}` };
  if (lookup.state === 'closed' && user && (lookup.status === 'declined' || lookup.status === 'expired' || lookup.status === 'cancelled')) {
    // A second tab, or the link opened again: the recipient sees what became of their gift instead of a dead link.
    const contact = await recipientContactOf(lookup.orderId);
    if (contact && verifiedContacts(user).includes(contact)) return { state: 'ended', outcome: lookup.status };
  }
  if (lookup.state !== 'open') return { state: 'inactive' };
  const g = lookup.gift;
  let viewer: GiftLinkViewer = { kind: 'anonymous' };
  if (user && verifiedContacts(user).includes(g.recipientContact)) {
    const addresses = await listAddresses(user.id);
    viewer = {
      kind: 'recipient',
      name: user.name,
      giftOfferId: g.id,
      pendingDecision: g.status === 'settling' ? g.pendingDecision : null,
      addresses: addresses.map((a) => ({ id: a.id, label: `${a.fullName}, ${a.line1}, ${a.city}, ${a.state} ${a.zip}` })),
    };
  } else if (user) viewer = { kind: 'other_account', name: user.name };
  return {
    state: 'open',
    gift: {
      title: g.title,
      imageUrl: g.imageUrl,
      quantity: g.quantity,
      giverName: g.giverName,
      giftMessage: g.giftMessage,
      expiresLabel: formatExpiry(g.expiresAt),
      channel: g.recipientChannel,
      sentTo: maskContact(g.recipientContact),
    },
    viewer,
  };
}

async function recipientContactOf(orderId: string) {
  const db = await getDb();
  const [g] = await db.select({ contact: giftOffers.recipientContact }).from(giftOffers).where(eq(giftOffers.orderId, orderId)).limit(1);
  return g?.contact ?? null;
}
