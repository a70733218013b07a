'use client';

import dynamic from 'next/dynamic';
import { startTransition, useCallback, useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import type { GiftLinkPayload } from '@/lib/gifts/link-view';
import { takeEarlyGiftLink } from './early-fetch';
import { GiftEnded, LinkNotActive } from './link-not-active';

// The forms are loaded only once the gift says which one this visitor needs (signing in, or deciding): the shell's
// own JavaScript stays small, so a phone paints and hydrates the page quickly (Lighthouse: total blocking time).
// A visitor gets only the form they need: an anonymous one never downloads the decision form, and vice versa.
const loadSignInForm = () => import('@/components/auth/sign-in-form').then((m) => m.SignInForm);
const loadGiftDecision = () => import('./gift-decision').then((m) => m.GiftDecision);
const SignInForm = dynamic(loadSignInForm, { loading: () => <FormPlaceholder /> });
const GiftDecision = dynamic(loadGiftDecision, { loading: () => <FormPlaceholder /> });

function FormPlaceholder() {
  return <div aria-hidden className="h-40 w-full animate-pulse rounded-xl bg-slate-100" />;
}

type State = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; payload: GiftLinkPayload };

// The recipient page is one prerendered shell for every link. Its first view finds the gift in the page (or in the
// inline script's early call, in development: components/gift/early-fetch.ts); later looks ask /api/gift-link, with
// the token read from the address bar and sent in a POST body.
export function GiftLinkApp() {
  const [token, setToken] = useState<string | null>(null);
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback((t: string, quiet: boolean, early: Promise<unknown> | null = null) => {
    const ask = () =>
      fetch('/api/gift-link', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: t }), cache: 'no-store', signal: AbortSignal.timeout(15_000) }).then(
        (res) => res.json() as Promise<unknown>,
      );
    // The first look takes the answer already in the page (or asked for by its inline script); if that failed, it asks.
    return (early ? early.catch(ask) : ask())
      .then((data) => {
        const payload = data as GiftLinkPayload;
        if (payload.state === 'redirect') window.location.replace(payload.to);
        // A transition: React renders the gift in slices, yielding to the browser, not in one long task (a slow phone
        // stays responsive while the page comes to life; Lighthouse's total blocking time).
        else startTransition(() => setState({ status: 'ready', payload }));
      })
      // A failed refresh keeps what is shown; only the first load shows the error.
      .catch(() => {
        if (!quiet) setState({ status: 'failed' });
      });
  }, []);

  useEffect(() => {
    const t = decodeURIComponent(window.location.pathname.split('/').filter(Boolean).at(-1) ?? '');
    setToken(t);
    void load(t, false, takeEarlyGiftLink());
    // Another tab (or device) may have answered meanwhile: look again whenever this tab comes back into view, so it
    // shows the true state rather than controls that no longer apply.
    // Coming back fires both 'visibilitychange' and 'focus': one look at a time is enough. (A time-based throttle
    // here once swallowed the look of a person who switched back within seconds of deciding in the other tab.)
    let looking = false;
    const recheck = () => {
      if (looking) return;
      looking = true;
      void load(t, true).finally(() => {
        looking = false;
      });
    };
    const onVisibility = () => document.visibilityState === 'visible' && recheck();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('focus', recheck);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('focus', recheck);
    };
  }, [load]);

  if (state.status === 'loading')
    return (
      <div aria-busy="true" className="space-y-4" role="status">
        <span className="sr-only">Opening your gift…</span>
        <div className="aspect-[16/10] w-full animate-pulse rounded-xl bg-slate-200" />
        <div className="h-6 w-2/3 animate-pulse rounded bg-slate-200" />
        <div className="h-4 w-1/2 animate-pulse rounded bg-slate-200" />
      </div>
    );
  if (state.status === 'failed')
    return (
      <Alert tone="error" title="We couldn’t open your gift">
        Check your connection and <button className="underline" onClick={() => window.location.reload()}>try again</button>.
      </Alert>
    );
  const p = state.payload;
  if (p.state === 'rate_limited')
    return (
      <Alert tone="warning" title="Slow down">
        {p.message}{' '}
        <button className="underline" onClick={() => window.location.reload()}>
          Try again
        </button>
      </Alert>
    );
  if (p.state === 'ended') return <GiftEnded outcome={p.outcome} />;
  if (p.state !== 'open') return <LinkNotActive />;

  const { gift, viewer } = p;
  const where = gift.channel === 'sms' ? 'phone number' : 'email address';
  const here = `/gift/${token}`;
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
            Respond by <strong>{gift.expiresLabel}</strong>.
          </p>
        </div>
      </section>

      <section className="space-y-2 text-sm text-slate-700" aria-label="What you can do">
        <p>You can accept the gift and tell us where to ship it, take it as a gift card of the same value instead, or decline it.</p>
        <p>
          Your address is never shared with {gift.giverName}. There’s nothing to switch off: you can always decline a gift or simply ignore it, and it expires on its own.
        </p>
      </section>

      {viewer.kind === 'anonymous' && (
        <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
          <h2 className="text-lg font-semibold">Sign in or create an account to respond</h2>
          <p className="text-sm text-slate-600">
            Use the {where} this gift was sent to ({gift.sentTo}). We’ll send you a code to confirm it’s you.
          </p>
          <SignInForm
            callbackUrl={here}
            contactLabel={gift.channel === 'sms' ? 'Mobile number' : 'Email'}
            contactHint={gift.channel === 'sms' ? 'The US mobile number this gift was texted to.' : 'The email address this gift was sent to.'}
          />
        </section>
      )}
      {viewer.kind === 'other_account' && (
        <Alert tone="warning" title="This gift was sent to someone else’s account">
          <p>
            It was sent to {gift.sentTo}, and you’re signed in as {viewer.name}. Sign out, then sign in with that {where} to respond.
          </p>
          <p className="mt-2">
            <a href={`/signout?callbackUrl=${encodeURIComponent(here)}`}>Sign out and switch account</a>
          </p>
        </Alert>
      )}
      {viewer.kind === 'recipient' && (
        <>
          <p className="text-sm text-slate-600">
            Signed in as <span className="font-medium text-slate-800">{viewer.name}</span> ·{' '}
            <a href={`/signout?callbackUrl=${encodeURIComponent(here)}`}>Not you?</a>
          </p>
          <GiftDecision
            giftOfferId={viewer.giftOfferId}
            pendingDecision={viewer.pendingDecision}
            addresses={viewer.addresses}
            recipientName={viewer.name}
            giverName={gift.giverName}
            onStale={() => token && load(token, true)}
          />
        </>
      )}
    </div>
  );
}
