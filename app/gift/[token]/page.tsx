import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import Link from 'next/link';
import { SignInForm } from '@/components/auth/sign-in-form';
import { GiftDecision } from '@/components/gift/gift-decision';
import { LinkNotActive } from '@/components/gift/link-not-active';
import { Alert } from '@/components/ui/alert';
import { listAddresses, verifiedContacts } from '@/lib/accounts/queries';
import { maskContact } from '@/lib/accounts/rules';
import { currentUser } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { formatExpiry } from '@/lib/gifts/messages';
import { lookupGiftLink, type GiftLinkLookup } from '@/lib/gifts/queries';

export const dynamic = 'force-dynamic';

async function clientKey() {
  const h = await headers();
  return h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || 'local';
}

export default async function GiftPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let lookup: GiftLinkLookup;
  try {
    lookup = await lookupGiftLink(token, await clientKey());
  } catch (e) {
    if (isAppError(e) && e.code === 'RATE_LIMITED') return <Alert tone="warning" title="Slow down">{e.message}</Alert>;
    throw e;
  }
  const user = await currentUser();
  if (lookup.state === 'closed' && user && lookup.recipientUserId === user.id && lookup.status === 'accepted') redirect(`/account/received/${lookup.orderId}`);
  if (lookup.state !== 'open') return <LinkNotActive />;

  const gift = lookup.gift;
  const mine = user ? verifiedContacts(user).includes(gift.recipientContact) : false;
  const addresses = user && mine ? await listAddresses(user.id) : [];
  const where = gift.recipientChannel === 'sms' ? 'phone number' : 'email address';

  return (
    <div className="space-y-5">
      <section className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={gift.imageUrl} alt={gift.title} width={480} height={300} className="aspect-[16/10] w-full bg-slate-100 object-contain p-4" />
        <div className="space-y-2 p-5">
          <p className="text-sm font-medium text-brand-dark">A gift from {gift.giverName}</p>
          <h1 className="text-2xl font-bold">
            {gift.title}
            {gift.quantity > 1 && ` × ${gift.quantity}`}
          </h1>
          {gift.giftMessage && <blockquote className="border-l-4 border-brand-light pl-3 text-slate-800">“{gift.giftMessage}”</blockquote>}
          <p className="text-sm text-slate-700">
            Respond by <strong>{formatExpiry(gift.expiresAt)}</strong>.
          </p>
        </div>
      </section>

      <section className="space-y-2 text-sm text-slate-700" aria-label="What you can do">
        <p>You can accept the gift and tell us where to ship it, take it as a gift card of the same value instead, or decline it.</p>
        <p>
          Your address is never shared with {gift.giverName}. There’s nothing to switch off: you can always decline a gift or simply ignore it, and it expires on its own.
        </p>
      </section>

      {!user ? (
        <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
          <h2 className="text-lg font-semibold">Sign in or create an account to respond</h2>
          <p className="text-sm text-slate-600">
            Use the {where} this gift was sent to ({maskContact(gift.recipientContact)}). We’ll send you a code to confirm it’s you.
          </p>
          <SignInForm callbackUrl={`/gift/${token}`} />
        </section>
      ) : !mine ? (
        <Alert tone="warning" title="This gift was sent to someone else’s account">
          <p>
            It was sent to {maskContact(gift.recipientContact)}, and you’re signed in as {user.name}. Sign out, then sign in with that {where} to respond.
          </p>
          <p className="mt-2">
            <Link href={`/signout?callbackUrl=${encodeURIComponent(`/gift/${token}`)}`}>Sign out and switch account</Link>
          </p>
        </Alert>
      ) : (
        <GiftDecision
          giftOfferId={gift.id}
          pendingDecision={gift.status === 'settling' ? gift.pendingDecision : null}
          addresses={addresses.map((a) => ({ id: a.id, label: `${a.fullName}, ${a.line1}, ${a.city}, ${a.state} ${a.zip}` }))}
        />
      )}
    </div>
  );
}
