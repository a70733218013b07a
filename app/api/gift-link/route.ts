import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { giftLinkPayload } from '@/lib/gifts/link-view';
import { clientKeyFrom } from '@/lib/security/client-key';

const body = z.object({ token: z.string().max(200) });

// Auth.js's session cookie (plain, secure-prefixed, or chunked). Without one nobody is signed in, and asking
// auth() would only spend time finding that out: most first views are anonymous (a recipient from their inbox).
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

// The data behind the recipient page (/gift/<token> is a static shell). POST keeps the token out of access logs.
export async function POST(request: Request) {
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ state: 'inactive' }, { headers: { 'Cache-Control': 'no-store' } });
  const user = SESSION_COOKIE.test(request.headers.get('cookie') ?? '') ? await currentUser() : null;
  const payload = await giftLinkPayload(parsed.data.token, clientKeyFrom(request.headers), user);
  return NextResponse.json(payload, { status: payload.state === 'rate_limited' ? 429 : 200, headers: { 'Cache-Control': 'no-store' } });
}
