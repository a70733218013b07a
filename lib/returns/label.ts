import 'server-only';
import { getDestinationForRecipient } from '@/lib/fulfilment/destination';
import { listSellerShipmentsForOrder } from '@/lib/shipments/queries';
import { renderLabelPdf } from '@/lib/shipments/label-pdf';
import { getSellerFacts } from './order-facts';
import { getReturnLabelFor } from './queries';
import { formatDateIn } from './rules';

// The return label of the person who requested the return (nobody else gets it). From: their own destination record
// (the address the item was delivered to); to: the address the seller shipped it from.
export async function getReturnLabel(userId: string, returnId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(returnId)) return null;
  const ret = await getReturnLabelFor(userId, returnId);
  if (!ret) return null;
  const [seller, from, shipped] = await Promise.all([
    getSellerFacts(ret.sellerId),
    getDestinationForRecipient(userId, ret.orderId),
    listSellerShipmentsForOrder(ret.sellerId, ret.orderId),
  ]);
  if (!seller) return null;
  const origin = shipped.find((s) => s.shipFrom)?.shipFrom ?? null;
  const to = origin ? { ...origin, name: `${seller.displayName} Returns` } : null;
  return { ret, seller, from, to, returnByText: ret.returnBy ? formatDateIn(ret.returnBy, seller.timeZone) : null };
}

export async function renderReturnLabelPdf(userId: string, returnId: string): Promise<Uint8Array | null> {
  const l = await getReturnLabel(userId, returnId);
  if (!l || !l.from) return null;
  const from = { name: l.from.fullName, line1: l.from.line1, line2: l.from.line2, city: l.from.city, state: l.from.state, zip: l.from.zip };
  const to = l.to ?? { name: `${l.seller.displayName} Returns`, line1: 'Address provided by the carrier at drop-off', city: '-', state: '-', zip: '-' };
  return renderLabelPdf({
    trackingId: l.ret.rmaCode ?? l.ret.id.slice(0, 10),
    carrierName: 'Prepaid return',
    serviceName: l.returnByText ? `Return by ${l.returnByText}` : 'Return',
    shipDate: null,
    weightOz: null,
    orderRef: `RMA ${l.ret.rmaCode}`,
    from,
    to,
  });
}
