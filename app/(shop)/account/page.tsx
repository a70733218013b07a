import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { listAddresses } from '@/lib/accounts/queries';
import { formatPhone } from '@/lib/accounts/rules';
import { requireUserPage } from '@/lib/auth/session';
import { getGiftCardBalance, listGiftCards } from '@/lib/gift-cards/ledger';
import { SubmitButton } from '@/components/ui/submit-button';
import { unblockSenderAction } from '@/lib/gifts/actions';
import { listBlockedSenders } from '@/lib/gifts/blocks';
import { listReceivedGifts } from '@/lib/gifts/queries';
import { formatMoney } from '@/lib/money';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUserPage('/account');
  const just = (await searchParams).just;
  const [balance, cards, received, addresses, blocked] = await Promise.all([
    getGiftCardBalance(user.id),
    listGiftCards(user.id),
    listReceivedGifts(user.id),
    listAddresses(user.id),
    listBlockedSenders(user.id),
  ]);
  // A plain server action as the form's action: works before (and without) the page's JavaScript.
  async function unblock(fd: FormData) {
    'use server';
    await unblockSenderAction(fd);
  }
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Your account</h1>
      {just === 'unblocked' && (
        <Alert tone="success" title="Sender unblocked">
          Their gifts will reach you again.
        </Alert>
      )}
      {just === 'gift-card' && (
        <Alert tone="success" title="Your gift is now a gift card">
          The gift’s value was added to your gift card balance. Spend it on anything in the shop.
        </Alert>
      )}
      <section className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Profile</h2>
        <p className="text-sm">{user.name}</p>
        {user.email && <p className="text-sm text-slate-600">{user.email}</p>}
        {user.phone && <p className="text-sm text-slate-600">{formatPhone(user.phone)}</p>}
        <p className="text-sm text-slate-600">{user.primeMember ? 'Prime member' : 'Not a Prime member'}</p>
        <p className="mt-2 text-sm">
          <Link href="/account/security">Security and sign-in</Link>
        </p>
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Gift card balance</h2>
        <p className="text-2xl font-bold" data-testid="gift-card-balance">
          {formatMoney(balance)}
        </p>
        {cards.length > 0 ? (
          <ul className="mt-2 space-y-1 text-sm text-slate-700">
            {cards.map((c) => (
              <li key={c.id}>
                {formatMoney(c.initialCents, c.currency)} gift card, {c.createdAt.toLocaleDateString('en-US', { dateStyle: 'medium' })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">No gift cards yet.</p>
        )}
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">Gifts you received</h2>
        {received.length === 0 ? (
          <EmptyState title="No gifts yet">When someone sends you a gift, you’ll get a link by email or text.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {received.map((g) => (
              <li key={g.orderId} className="flex items-center gap-3 p-4">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={g.imageUrl} alt="" width={56} height={42} className="h-10 w-14 rounded bg-slate-100 object-contain" />
                <div className="flex-1">
                  <p className="font-medium">{g.title}</p>
                  <p className="text-sm text-slate-600">{g.settlement === 'gift_card' ? 'Taken as a gift card' : 'Shipping to you'}</p>
                </div>
                {g.settlement === 'ship' && <Link href={`/account/received/${g.orderId}`}>Track</Link>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {blocked.length > 0 && (
        <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="blocked-heading">
          <h2 id="blocked-heading" className="font-semibold">
            Senders you blocked
          </h2>
          <p className="text-sm text-slate-600">Their gifts are declined for you; everyone else’s still reach you.</p>
          <ul className="divide-y divide-slate-200" data-testid="blocked-senders">
            {blocked.map((b) => (
              <li key={b.giverId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="min-w-0 break-words">{b.giverName || 'A sender'}</span>
                <form action={unblock}>
                  <input type="hidden" name="giverId" value={b.giverId} />
                  <SubmitButton variant="secondary" pendingLabel="Unblocking…">
                    Unblock
                  </SubmitButton>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Saved addresses</h2>
        {addresses.length === 0 ? (
          <p className="text-sm text-slate-600">None yet. Addresses you ship to are saved here.</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm">
            {addresses.map((a) => (
              <li key={a.id}>
                {a.fullName}, {a.line1}
                {a.line2 ? `, ${a.line2}` : ''}, {a.city}, {a.state} {a.zip}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
