import 'server-only';
import { currentUser } from '@/lib/auth/session';
import { hasSessionCookie } from '@/lib/http/session-cookie';
import { clientKeyFrom } from '@/lib/security/client-key';
import { giftLinkPayload, type GiftLinkPayload } from './link-view';

// Apart from link-view.ts so that the payload itself can be tested without Auth.js (next-auth needs Next's runtime).

/** The payload for a link as asked by a request (its session, its client for rate limits): the page and the data call. */
export async function giftLinkPayloadFor(token: string, headers: Headers): Promise<GiftLinkPayload> {
  const user = hasSessionCookie(headers) ? await currentUser() : null;
  return giftLinkPayload(token, clientKeyFrom(headers), user);
}

