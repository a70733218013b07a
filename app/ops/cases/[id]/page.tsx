import type { Metadata } from 'next';
import Link from 'next/link';
import { randomUUID } from 'node:crypto';
import { notFound } from 'next/navigation';
import { ServiceForm } from '@/components/returns/service-form';
import { Badge } from '@/components/ui/badge';
import { PostalAddress } from '@/components/ui/postal-address';
import { requireUserPage } from '@/lib/auth/session';
import { caseStateAction, lateReturnAction, staffRefundAction } from '@/lib/customer-service/actions';
import { getCaseView } from '@/lib/customer-service/commands';
import { staffMessageSellerAction } from '@/lib/messaging/actions';
import { formatMoney } from '@/lib/money';
import { refundKindLabel } from '@/lib/refunds/service';
import { formatDateTimeIn, returnReasonLabel, returnStatusLabel } from '@/lib/returns/rules';
import { outcomeLabel } from '@/lib/safet/rules';

export const metadata: Metadata = { title: 'Customer service case' };

const TZ = 'America/New_York';
const actionLabel: Record<string, string> = {
  refund: 'Refund',
  adjustment: 'Adjustment',
  late_return_authorized: 'Late return authorized',
  cancellation: 'Cancellation',
  message_to_seller: 'Message to the seller',
  case_closed: 'Case closed',
  case_reopened: 'Case reopened',
  safet_info_requested: 'SAFE-T: information requested',
  safet_decided: 'SAFE-T decision',
  safet_appeal_decided: 'SAFE-T appeal decision',
};

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUserPage(`/ops/cases/${id}`, ['ops']);
  const view = await getCaseView(id);
  if (!view) notFound();
  const { order, seller, payment, returns, refunds, threads, actions, claim, destination, people, remaining, cancellable, caseRow } = view;
  const buyer = people.get(order.buyerId);
  const recipient = order.gift?.recipientUserId ? people.get(order.gift.recipientUserId) : undefined;
  const fmt = (c: number) => formatMoney(c, order.currency);
  const history = [
    { at: order.createdAt, what: order.isGift ? 'Gift ordered' : 'Ordered' },
    order.placedAt && { at: order.placedAt, what: 'Charged and ready to ship' },
    order.shippedAt && { at: order.shippedAt, what: 'Shipped' },
    order.deliveredAt && { at: order.deliveredAt, what: 'Delivered' },
    order.cancelledAt && { at: order.cancelledAt, what: 'Cancelled' },
    ...returns.flatMap((r) => [
      { at: r.authorizedAt, what: `Return ${r.rmaCode} authorized${r.outsideWindow ? ' outside the window' : ''}` },
      r.receivedAt && { at: r.receivedAt, what: `Return ${r.rmaCode} received by the seller` },
    ]),
    ...refunds.map((r) => ({ at: r.succeededAt ?? r.createdAt, what: `${refundKindLabel[r.kind]} ${fmt(r.amountCents)} by ${r.issuer === 'seller' ? 'the seller' : 'customer service'} (${r.status})` })),
    claim && { at: claim.createdAt, what: `SAFE-T claim filed for ${fmt(claim.amountCents)}` },
  ]
    .filter((x): x is { at: Date; what: string } => Boolean(x))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <div className="space-y-6">
      <Link href="/ops/cases">← Customer service</Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold break-words">{order.line.title}</h1>
        <Badge>{order.status}</Badge>
        {order.isGift && <Badge tone="blue">Gift</Badge>}
        {caseRow?.closedAt ? <Badge>Case closed</Badge> : caseRow ? <Badge tone="amber">Case open</Badge> : null}
      </div>
      <p className="text-sm break-all text-slate-600">Order {order.id}</p>

      <div className="grid gap-4 md:grid-cols-3">
        <section className="rounded-xl border border-slate-200 bg-white p-4 text-sm" aria-labelledby="money-heading">
          <h2 id="money-heading" className="font-semibold">
            Money
          </h2>
          <dl className="mt-2 space-y-1">
            <Row k="Total" v={fmt(order.totalCents)} />
            <Row k="Shipping" v={order.shippingCents ? fmt(order.shippingCents) : 'Free'} />
            {order.giftCardCents > 0 && <Row k="Paid by gift card" v={fmt(order.giftCardCents)} />}
            <Row k="Card" v={payment ? `${payment.status}, captured ${fmt(payment.capturedCents)}, refunded ${fmt(payment.refundedCents)}` : 'none'} />
            <Row k="Still refundable" v={<span data-testid="remaining">{fmt(remaining)}</span>} />
          </dl>
        </section>
        <section className="rounded-xl border border-slate-200 bg-white p-4 text-sm" aria-labelledby="people-heading">
          <h2 id="people-heading" className="font-semibold">
            People
          </h2>
          <dl className="mt-2 space-y-1">
            <Row k={order.isGift ? 'Giver' : 'Buyer'} v={buyer ? `${buyer.name} (${buyer.email ?? buyer.phone})` : '—'} />
            {order.isGift && (
              <Row
                k="Recipient"
                v={recipient ? `${recipient.name} (${recipient.email ?? recipient.phone})` : order.gift?.settlement === 'gift_card' ? 'took a gift card instead' : order.gift?.status === 'waiting' ? 'not decided yet' : 'not accepted'}
              />
            )}
            <Row k="Seller" v={seller?.displayName ?? '—'} />
          </dl>
          {order.isGift && <p className="mt-2 text-xs text-slate-500">Never tell the giver the recipient’s address, or whether the gift was returned.</p>}
        </section>
        <section className="rounded-xl border border-slate-200 bg-white p-4 text-sm" aria-labelledby="ship-heading">
          <h2 id="ship-heading" className="font-semibold">
            Ships to
          </h2>
          {destination ? (
            <PostalAddress a={{ name: destination.fullName, line1: destination.line1, line2: destination.line2, city: destination.city, state: destination.state, zip: destination.zip }} />
          ) : (
            <p className="text-slate-600">No address yet.</p>
          )}
        </section>
      </div>

      <section className="space-y-2" aria-labelledby="history-heading">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <ol className="space-y-1 rounded-xl border border-slate-200 bg-white p-4 text-sm">
          {history.map((h, i) => (
            <li key={i} className="flex flex-wrap gap-x-3">
              <span className="text-slate-600">{formatDateTimeIn(h.at, TZ)}</span>
              <span>{h.what}</span>
            </li>
          ))}
        </ol>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section className="space-y-2" aria-labelledby="returns-heading">
          <h2 id="returns-heading" className="text-lg font-semibold">
            Returns
          </h2>
          {returns.length === 0 ? (
            <p className="text-sm text-slate-600">No return.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {returns.map((r) => (
                <li key={r.id} className="rounded-xl border border-slate-200 bg-white p-3">
                  <span className="font-mono">{r.rmaCode}</span> · {returnStatusLabel[r.status]} · {returnReasonLabel[r.reason] ?? r.reason} · {fmt(r.refundCents)}
                  {r.refundDueAt && r.status === 'received' && <span> · refund due {formatDateTimeIn(r.refundDueAt, seller?.timeZone ?? TZ)}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="space-y-2" aria-labelledby="refunds-heading">
          <h2 id="refunds-heading" className="text-lg font-semibold">
            Refunds
          </h2>
          {refunds.length === 0 ? (
            <p className="text-sm text-slate-600">No refund.</p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="refunds">
              {refunds.map((r) => (
                <li key={r.id} className="rounded-xl border border-slate-200 bg-white p-3">
                  <p className="font-medium">
                    {refundKindLabel[r.kind]} {fmt(r.amountCents)} · {r.status}
                  </p>
                  <p className="text-slate-600">
                    {r.issuer === 'seller' ? 'By the seller' : r.chargedToSeller ? 'By customer service, charged to the seller' : 'By customer service, not charged to the seller'} · {r.cardCents ? `card ${fmt(r.cardCents)}` : ''}
                    {r.giftCardCents ? ` gift card ${fmt(r.giftCardCents)}` : ''} · “{r.reason}”
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {claim && (
        <p className="text-sm">
          SAFE-T claim: {claim.state}
          {claim.outcome ? ` (${outcomeLabel[claim.outcome]})` : ''} — <Link href={`/ops/safet/${claim.id}`}>open the claim</Link>
        </p>
      )}

      <section className="space-y-3" aria-labelledby="act-heading">
        <h2 id="act-heading" className="text-lg font-semibold">
          Act on this order
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
            <h3 className="font-semibold">Refund or adjust (charged to the seller)</h3>
            {remaining === 0 && (
              <p className="text-sm text-slate-700">
                {cancellable
                  ? 'Nothing has been charged yet: the card is only held until the order ships. To stop it, cancel the order.'
                  : order.status === 'cancelled'
                    ? 'This order was cancelled: nothing remains to refund.'
                    : 'This order has been refunded in full: nothing remains to refund.'}
              </p>
            )}
            {remaining > 0 && (
            <ServiceForm
              action={staffRefundAction}
              testId="staff-refund-form"
              submitLabel="Issue refund"
              pendingLabel="Refunding…"
              successMessage="Refund issued; the seller was told the decision and the reason."
              confirm="Issue this refund and charge it to the seller?"
              fields={[
                { kind: 'hidden', name: 'orderId', value: order.id },
                { kind: 'hidden', name: 'requestKey', value: randomUUID() },
                {
                  kind: 'select',
                  name: 'kind',
                  label: 'What',
                  defaultValue: '',
                  placeholder: 'Choose',
                  options: [
                    { value: 'returnless', label: 'Returnless refund (buyer keeps the item)' },
                    { value: 'full', label: 'Full refund of what remains' },
                    { value: 'partial', label: 'Partial refund' },
                    { value: 'shipping_fee', label: 'Refund the shipping fee' },
                    ...(cancellable ? [] : [{ value: 'cancellation', label: 'Cancellation after shipping: refund everything' }]),
                  ],
                },
                { kind: 'text', name: 'amount', label: 'Amount (USD)', inputMode: 'decimal', hint: `For partial and returnless refunds; at most ${fmt(remaining)}. Blank returnless = all that remains.` },
                { kind: 'textarea', name: 'reason', label: 'Reason (the seller sees it)', rows: 2 },
              ]}
            />
            )}
          </div>
          <div className="space-y-4">
            {cancellable && (
              <div className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
                <h3 className="font-semibold">Cancel the order (not shipped yet)</h3>
                <p className="text-sm text-slate-600">The card hold is released and anything paid by gift card comes back; the seller is told not to ship it and is charged nothing.</p>
                <ServiceForm
                  action={staffRefundAction}
                  testId="staff-cancel-form"
                  variant="danger"
                  submitLabel="Cancel the order"
                  pendingLabel="Cancelling…"
                  successMessage="Order cancelled; the seller and the customer were told."
                  confirm="Cancel this order and release the card hold?"
                  fields={[
                    { kind: 'hidden', name: 'orderId', value: order.id },
                    { kind: 'hidden', name: 'requestKey', value: randomUUID() },
                    { kind: 'hidden', name: 'kind', value: 'cancellation' },
                    {
                      kind: 'select',
                      name: 'requestedBy',
                      label: 'Who asked for it',
                      defaultValue: '',
                      placeholder: 'Choose',
                      hint: 'Only a cancellation the seller asked for counts in their Seller Fulfilled Prime metrics.',
                      options: [
                        { value: 'buyer', label: 'The customer asked' },
                        { value: 'seller', label: 'The seller can’t ship it' },
                        { value: 'marketplace', label: 'Customer service’s own decision (e.g. suspected fraud)' },
                      ],
                    },
                    { kind: 'textarea', name: 'reason', label: 'Reason (the seller sees it)', rows: 2 },
                  ]}
                />
              </div>
            )}
            <div className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
              <h3 className="font-semibold">Authorize a late return</h3>
              <ServiceForm
                action={lateReturnAction}
                submitLabel="Authorize return"
                pendingLabel="Authorizing…"
                successMessage="Return authorized; the customer got the label and the seller was told."
                fields={[
                  { kind: 'hidden', name: 'orderId', value: order.id },
                  { kind: 'textarea', name: 'reason', label: 'Why this exception', rows: 2 },
                ]}
              />
            </div>
            <div className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
              <h3 className="font-semibold">{caseRow?.closedAt ? 'Reopen the case' : 'Close the case'}</h3>
              <ServiceForm
                action={caseStateAction}
                variant="secondary"
                submitLabel={caseRow?.closedAt ? 'Reopen' : 'Close case'}
                fields={[
                  { kind: 'hidden', name: 'orderId', value: order.id },
                  { kind: 'hidden', name: 'open', value: caseRow?.closedAt ? '1' : '0' },
                  { kind: 'text', name: 'reason', label: 'Note' },
                ]}
              />
            </div>
          </div>
        </div>
      </section>

      <section className="space-y-3" aria-labelledby="msg-heading">
        <h2 id="msg-heading" className="text-lg font-semibold">
          Messages
        </h2>
        {threads.length === 0 && <p className="text-sm text-slate-600">No messages.</p>}
        {threads.map(({ thread, messages }) => (
          <div key={thread.id} className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
            <h3 className="font-medium">
              {thread.kind === 'customer_service' ? 'Customer service ↔ seller' : `${people.get(thread.participantUserId ?? '')?.name ?? 'Customer'} ↔ seller`}
            </h3>
            <ol className="space-y-1 text-sm">
              {messages.map((m) => (
                <li key={m.id}>
                  <span className="text-slate-600">
                    {formatDateTimeIn(m.createdAt, TZ)} · {m.senderRole === 'ops' ? `${people.get(m.senderId)?.name ?? 'Staff'} (staff)` : m.senderRole}:
                  </span>{' '}
                  <span className="whitespace-pre-line">{m.body}</span>
                </li>
              ))}
            </ol>
          </div>
        ))}
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <ServiceForm
            action={staffMessageSellerAction}
            submitLabel="Ask the seller"
            pendingLabel="Sending…"
            successMessage="Sent to the seller."
            fields={[
              { kind: 'hidden', name: 'orderId', value: order.id },
              { kind: 'textarea', name: 'body', label: 'Question for the seller', rows: 2 },
            ]}
          />
        </div>
      </section>

      <section className="space-y-2" aria-labelledby="audit-heading">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Audit trail
        </h2>
        {actions.length === 0 ? (
          <p className="text-sm text-slate-600">No staff action yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full min-w-[36rem] text-left text-sm" data-testid="audit">
              <caption className="sr-only">Who did what, when and why</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className="p-3">When</th>
                  <th scope="col" className="p-3">Who</th>
                  <th scope="col" className="p-3">What</th>
                  <th scope="col" className="p-3">Amount</th>
                  <th scope="col" className="p-3">Why</th>
                </tr>
              </thead>
              <tbody>
                {actions.map((a) => (
                  <tr key={a.id} className="border-t border-slate-200 align-top">
                    <td className="p-3 whitespace-nowrap">{formatDateTimeIn(a.createdAt, TZ)}</td>
                    <td className="p-3">{people.get(a.staffUserId)?.name ?? a.staffUserId}</td>
                    <td className="p-3">{actionLabel[a.action] ?? a.action}</td>
                    <td className="p-3 whitespace-nowrap">{a.amountCents != null ? fmt(a.amountCents) : '—'}</td>
                    <td className="p-3 whitespace-pre-line">{a.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function Row({ k, v }: { k: string; v: React.ReactNode }) {
  return (
    <div className="flex flex-wrap justify-between gap-x-3">
      <dt className="text-slate-600">{k}</dt>
      <dd className="text-right">{v}</dd>
    </div>
  );
}
