import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { giftLinkPayload } from '@/lib/gifts/link-view';
import { clientKeyFrom } from '@/lib/security/client-key';

const body = z.object({ token: z.string().max(200) });

// The data behind the recipient page (/gift/<token> is a static shell). POST keeps the token out of access logs.
export async function POST(request: Request) {
  const parsed = body.safeParse(await request.json().catch(() => null));
  const payload = parsed.success ? await giftLinkPayload(parsed.data.token, clientKeyFrom(request.headers), await currentUser()) : { state: 'inactive' as const };
  return NextResponse.json(payload, { status: payload.state === 'rate_limited' ? 429 : 200, headers: { 'Cache-Control': 'no-store' } });
}
