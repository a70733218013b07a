import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { formatDay } from '@/lib/shipments/format';
import type { SellerOrderRow } from '@/lib/shipments/seller-orders';
import { ShipmentStatusBadge } from './shipment-status-badge';

const orderRef = (id: string) => id.slice(0, 8).toUpperCase();

function ShipBy({ row }: { row: SellerOrderRow }) {
  if (!row.promise) return <span className="text-slate-500">No promise</span>;
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <span className={row.urgency === 'overdue' ? 'font-semibold text-red-800' : row.urgency === 'due_today' ? 'font-semibold text-amber-900' : ''}>{formatDay(row.promise.expectedShipDate)}</span>
      {row.urgency === 'overdue' && <Badge tone="red">Overdue</Badge>}
      {row.urgency === 'due_today' && <Badge tone="amber">Due today</Badge>}
    </span>
  );
}

function Action({ row }: { row: SellerOrderRow }) {
  if (row.status === 'placed' && !row.shipment)
    return (
      <Link href={`/seller/orders/${row.orderId}`} className={buttonClass('primary', 'min-h-10 px-3 py-1.5 text-sm')}>
        Buy shipping<span className="sr-only"> for order {orderRef(row.orderId)}</span>
      </Link>
    );
  return (
    <Link href={`/seller/orders/${row.orderId}`} className="text-sm">
      View<span className="sr-only"> order {orderRef(row.orderId)}</span>
    </Link>
  );
}

function Status({ row }: { row: SellerOrderRow }) {
  if (row.status === 'cancelled') return <Badge>Cancelled</Badge>;
  if (row.shipment) return <ShipmentStatusBadge status={row.shipment.status} />;
  return <Badge tone="blue">Unshipped</Badge>;
}

const items = (row: SellerOrderRow) => row.lines.map((l) => `${l.title}${l.quantity > 1 ? ` × ${l.quantity}` : ''}`).join(', ');

// A table on wide screens, cards on phones; rows that must ship today or are late are tinted.
export function SellerOrdersList({ rows }: { rows: SellerOrderRow[] }) {
  const tint = (r: SellerOrderRow) => (r.urgency === 'overdue' ? 'bg-red-50' : r.urgency === 'due_today' ? 'bg-amber-50' : 'bg-white');
  return (
    <>
      <div className="hidden overflow-x-auto rounded-xl border border-slate-200 md:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Your orders</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="p-3">Order</th>
              <th scope="col" className="p-3">Items</th>
              <th scope="col" className="p-3">Ship to</th>
              <th scope="col" className="p-3">Ship by</th>
              <th scope="col" className="p-3">Deliver by</th>
              <th scope="col" className="p-3">Status</th>
              <th scope="col" className="p-3"><span className="sr-only">Action</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.orderId} className={`border-t border-slate-200 ${tint(r)}`} data-testid="seller-order-row">
                <td className="p-3">
                  <span className="font-mono font-medium">{orderRef(r.orderId)}</span>
                  <span className="block text-xs text-slate-600">{r.placedAt.toLocaleDateString('en-US', { month: 'short', day: 'numeric' })}{r.isGift ? ' · gift' : ''}</span>
                </td>
                <td className="max-w-56 p-3">{items(r)}</td>
                <td className="p-3">{r.shipTo ? `${r.shipTo.city}, ${r.shipTo.state}` : '—'}</td>
                <td className="p-3"><ShipBy row={r} /></td>
                <td className="p-3">{r.promise ? formatDay(r.promise.promisedDeliveryDate) : '—'}</td>
                <td className="p-3"><Status row={r} /></td>
                <td className="p-3 text-right"><Action row={r} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-3 md:hidden" aria-label="Your orders">
        {rows.map((r) => (
          <li key={r.orderId} className={`space-y-2 rounded-xl border border-slate-200 p-4 ${tint(r)}`}>
            <div className="flex items-start justify-between gap-2">
              <div>
                <span className="font-mono font-medium">{orderRef(r.orderId)}</span>
                <p className="text-sm">{items(r)}</p>
              </div>
              <Status row={r} />
            </div>
            <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-600">Ship by</dt>
              <dd><ShipBy row={r} /></dd>
              <dt className="text-slate-600">Deliver by</dt>
              <dd>{r.promise ? formatDay(r.promise.promisedDeliveryDate) : '—'}</dd>
              <dt className="text-slate-600">Ship to</dt>
              <dd>{r.shipTo ? `${r.shipTo.city}, ${r.shipTo.state}` : '—'}</dd>
            </dl>
            <Action row={r} />
          </li>
        ))}
      </ul>
    </>
  );
}
