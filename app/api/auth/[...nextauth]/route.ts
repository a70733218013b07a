import { NextResponse, type NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/config';
import { currentUser } from '@/lib/auth/session';

// next-auth's own endpoints, except that /api/auth/session answers only for a live session: a cookie whose session
// was signed out reads as signed out here too (next-auth alone would still decode it).
export async function GET(request: NextRequest) {
  if (request.nextUrl.pathname.endsWith('/session')) {
    const user = await currentUser();
    if (!user) return NextResponse.json(null, { headers: { 'Cache-Control': 'no-store' } });
  }
  return handlers.GET(request);
}

export const POST = handlers.POST;
