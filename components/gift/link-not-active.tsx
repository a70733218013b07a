import Link from 'next/link';

// One page for unknown, used and expired links: it says nothing about any gift.
export function LinkNotActive() {
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="gift-link-inactive">
      <h1 className="text-xl font-bold">This gift link isn’t active</h1>
      <p className="text-slate-700">
        The link may be mistyped, or the gift was already answered or has expired. If you accepted a gift, you’ll find it in your account.
      </p>
      <div className="flex flex-wrap gap-4">
        <Link href="/account">Your account</Link>
        <Link href="/">Visit the shop</Link>
      </div>
    </div>
  );
}

const ended = {
  declined: { title: 'You declined this gift', text: 'The sender was told, and wasn’t charged. Nothing about you was shared.' },
  expired: { title: 'This gift offer has expired', text: 'It can no longer be accepted, and the sender wasn’t charged.' },
  cancelled: { title: 'The sender withdrew this gift', text: 'There’s nothing left to do. Nothing about you was shared.' },
};

// What the recipient sees (and only the recipient, signed in) when their gift ended without them taking it.
export function GiftEnded({ outcome }: { outcome: 'declined' | 'expired' | 'cancelled' }) {
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="gift-ended" role="status">
      <h1 className="text-xl font-bold">{ended[outcome].title}</h1>
      <p className="text-slate-700">{ended[outcome].text}</p>
      <div className="flex flex-wrap gap-4">
        <Link href="/account">Your account</Link>
        <Link href="/">Visit the shop</Link>
      </div>
    </div>
  );
}
