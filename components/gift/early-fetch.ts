// How the recipient page gets its gift on first view, before React has loaded:
// - a production build puts the data in the page itself, as a JSON block (app/gift/view/[token]/route.ts);
// - otherwise (`next dev`, where nothing is prerendered) an inline script asks /api/gift-link as the HTML arrives.
// GiftLinkApp picks either up once. The script is plain ES5 in a string: it runs before any bundle.
export const EARLY_GIFT_LINK_KEY = '__pmGiftLink';
export const GIFT_LINK_DATA_ID = 'gift-link-data';

export const EARLY_GIFT_LINK_FETCH = `(function(){try{if(document.getElementById('${GIFT_LINK_DATA_ID}'))return;var t=decodeURIComponent(location.pathname.split('/').filter(Boolean).pop()||'');window.${EARLY_GIFT_LINK_KEY}=fetch('/api/gift-link',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({token:t}),cache:'no-store'}).then(function(r){return r.json()})}catch(e){}})();`;

/** The first view's answer, once: later looks (a tab coming back) always ask again. */
export function takeEarlyGiftLink(): Promise<unknown> | null {
  const block = document.getElementById(GIFT_LINK_DATA_ID);
  if (block) {
    block.remove();
    let data: unknown;
    try {
      data = JSON.parse(block.textContent ?? '');
    } catch {
      return null;
    }
    // Rendered in a task of its own, after hydration's: one long task on a slow phone would block input longer.
    return new Promise((resolve) => setTimeout(() => resolve(data), 0));
  }
  const w = window as unknown as Record<string, Promise<unknown> | undefined>;
  const p = w[EARLY_GIFT_LINK_KEY] ?? null;
  delete w[EARLY_GIFT_LINK_KEY];
  return p;
}
