import { currentUser } from '@/lib/auth/session';
import { renderReturnLabelPdf } from '@/lib/returns/label';

// The return label as a 4x6 PDF, for the person who requested the return only.
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) return new Response('Please sign in.', { status: 401 });
  const { id } = await params;
  const pdf = await renderReturnLabelPdf(user.id, id);
  if (!pdf) return new Response('Not found.', { status: 404 });
  return new Response(Buffer.from(pdf), {
    headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="return-label.pdf"`, 'cache-control': 'private, no-store' },
  });
}
