import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatMoney } from '@/lib/money';
import { getOrderFacts, getSellerFacts } from '@/lib/returns/order-facts';
import { getReturnForRequester } from '@/lib/returns/queries';
import { requestReturnAction } from '@/lib/returns/actions';
import { formatDateIn, RETURN_REASONS, requesterOf, returnEligibility, returnStatusLabel } from '@/lib/returns/rules';
import { returnPolicy } from '@/lib/returns/commands';
import { ServiceForm } from './service-form';

// The return part of an order page, for the person who may send it back: the buyer of an own order, or the recipient
// of an accepted gift. Renders nothing for anyone else (a gift's giver sees no return section at all).
export async function OrderReturnSection({ userId, orderId }: { userId: string; orderId: string }) {
  const order = await getOrderFacts(orderId);
  if (!order) return null;
  const who = requesterOf(order, userId);
  if (who !== 'buyer' && who !== 'gift_recipient') return null;
  const seller = await getSellerFacts(order.line.sellerId);
  if (!seller) return null;
  const ret = await getReturnForRequester(userId, orderId);
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="return-heading">
      <h2 id="return-heading" className="font-semibold">
        Returns
      </h2>
      {ret ? (
        <div className="space-y-2 text-sm" data-testid="return-status">
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone={ret.status === 'refunded' ? 'green' : 'blue'}>{returnStatusLabel[ret.status]}</Badge>
            <span>
              Return <span className="font-mono">{ret.rmaCode}</span>
            </span>
          </p>
          {ret.status === 'authorized' && ret.returnBy && (
            <p>
              Send it back by <span className="font-medium">{formatDateIn(ret.returnBy, seller.timeZone)}</span>.{' '}
              <Link href={`/returns/${ret.id}/label`} className="font-medium">
                Print your return label
              </Link>
            </p>
          )}
          {ret.status === 'received' && <p>The seller received it. Your refund is on its way within 2 business days.</p>}
          {ret.refund && (
            <p>
              Refunded {formatMoney(ret.refund.amountCents, ret.currency)}
              {ret.refund.giftCardCents > 0 && ret.refund.cardCents === 0 ? ' to your gift card balance' : ' to your card'}.
            </p>
          )}
        </div>
      ) : (
        <ReturnForm order={order} tz={seller.timeZone} isGift={who === 'gift_recipient'} />
      )}
    </section>
  );
}

function ReturnForm({ order, tz, isGift }: { order: NonNullable<Awaited<ReturnType<typeof getOrderFacts>>>; tz: string; isGift: boolean }) {
  const eligible = returnEligibility({ deliveredAt: order.deliveredAt, now: new Date(), tz, hasReturn: false }, returnPolicy());
  if (!eligible.ok) return <p className="text-sm text-slate-700">{eligible.reason}</p>;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">
        You can return this item for a full refund{isGift ? ' to your gift card balance (the sender isn’t told)' : ''}. We authorize it right away and give you a label.
      </p>
      <ServiceForm
        action={requestReturnAction}
        testId="return-form"
        submitLabel="Return this item"
        pendingLabel="Authorizing…"
        fields={[
          { kind: 'hidden', name: 'orderId', value: order.id },
          { kind: 'select', name: 'reason', label: 'Why are you returning it?', options: RETURN_REASONS.map((r) => ({ value: r.value, label: r.label })), placeholder: 'Choose a reason', defaultValue: '' },
        ]}
      />
    </div>
  );
}
