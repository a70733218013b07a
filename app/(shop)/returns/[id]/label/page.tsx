import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PostalAddress } from '@/components/ui/postal-address';
import { buttonClass } from '@/components/ui/button';
import { requireUserPage } from '@/lib/auth/session';
import { getReturnLabel } from '@/lib/returns/label';

export const metadata: Metadata = { title: 'Return label' };

export default async function ReturnLabelPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUserPage(`/returns/${id}/label`);
  const l = await getReturnLabel(user.id, id);
  if (!l) notFound();
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-bold">Your return label</h1>
      <div className="space-y-4 rounded-xl border-2 border-dashed border-slate-400 bg-white p-5" data-testid="return-label">
        <p className="text-sm text-slate-600">Return authorization</p>
        <p className="font-mono text-3xl font-bold tracking-widest break-all">{l.ret.rmaCode}</p>
        <p>
          {l.ret.quantity} × {l.ret.itemTitle}
        </p>
        {l.returnByText && (
          <p className="font-semibold">
            Send it back by <span data-testid="return-by">{l.returnByText}</span>
          </p>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <h2 className="text-xs font-bold text-slate-600 uppercase">From</h2>
            {l.from ? <PostalAddress a={{ name: l.from.fullName, line1: l.from.line1, line2: l.from.line2, city: l.from.city, state: l.from.state, zip: l.from.zip }} /> : <p className="text-sm">Your address</p>}
          </div>
          <div>
            <h2 className="text-xs font-bold text-slate-600 uppercase">To</h2>
            {l.to ? <PostalAddress a={{ name: l.to.name, line1: l.to.line1, line2: l.to.line2 ?? null, city: l.to.city, state: l.to.state, zip: l.to.zip }} /> : <p className="text-sm">{l.seller.displayName} Returns (the carrier prints the address at drop-off)</p>}
          </div>
        </div>
        <p className="text-sm text-slate-600">Write the return number on the parcel, or print the PDF label and tape it on. Postage is prepaid.</p>
      </div>
      <div className="flex flex-wrap gap-3 print:hidden">
        <a href={`/returns/${l.ret.id}/label/pdf`} className={buttonClass('primary')}>
          Download PDF label
        </a>
        <Link href={l.ret.refundToGiftCard ? `/account/received/${l.ret.orderId}` : `/orders/${l.ret.orderId}`} className={buttonClass('secondary')}>
          Back to the order
        </Link>
      </div>
    </div>
  );
}
