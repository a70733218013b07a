import { NextResponse } from 'next/server';
import { z } from 'zod';
import { giftLinkPayloadFor } from '@/lib/gifts/link-request';

const body = z.object({ token: z.string().max(200) });

// The recipient page's data when it looks again (a tab coming back, after a decision). Its first view gets the same
// payload inside the page itself (app/gift/view/[token]/route.ts). POST keeps the token out of access logs.
export async function POST(request: Request) {
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ state: 'inactive' }, { headers: { 'Cache-Control': 'no-store' } });
  const payload = await giftLinkPayloadFor(parsed.data.token, request.headers);
  return NextResponse.json(payload, { status: payload.state === 'rate_limited' ? 429 : 200, headers: { 'Cache-Control': 'no-store' } });
}
