// The recipient page's data call, started by an inline script as the HTML arrives (before React has loaded), and
// picked up once by GiftLinkApp. Plain ES5 in a string: it runs before any bundle. Same request as GiftLinkApp's own.
export const EARLY_GIFT_LINK_KEY = '__pmGiftLink';

export const EARLY_GIFT_LINK_FETCH = `(function(){try{var t=decodeURIComponent(location.pathname.split('/').filter(Boolean)[1]||'');window.${EARLY_GIFT_LINK_KEY}=fetch('/api/gift-link',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({token:t}),cache:'no-store'}).then(function(r){return r.json()})}catch(e){}})();`;

/** The early call's answer, once: later looks (a tab coming back) always ask again. */
export function takeEarlyGiftLink(): Promise<unknown> | null {
  const w = window as unknown as Record<string, Promise<unknown> | undefined>;
  const p = w[EARLY_GIFT_LINK_KEY] ?? null;
  delete w[EARLY_GIFT_LINK_KEY];
  return p;
}
