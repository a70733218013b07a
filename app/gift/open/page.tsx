import { GiftLinkApp } from '@/components/gift/gift-link-app';
import { EARLY_GIFT_LINK_FETCH } from '@/components/gift/early-fetch';

// Every /gift/<token> link is rewritten here (next.config.js): one prerendered page for all links, whose data comes
// from /api/gift-link. It reads nothing per request, so it is served as a static file.
export const dynamic = 'force-static';

export default function GiftLinkPage() {
  return (
    <>
      {/* Asks for the gift while the page's JavaScript is still downloading, so it is there when React starts (a phone's
          first view: the data call no longer waits for hydration). Inline and static, so the CSP covers it by hash. */}
      <script dangerouslySetInnerHTML={{ __html: EARLY_GIFT_LINK_FETCH }} />
      <noscript>
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">Your gift opens with JavaScript turned on in your browser.</p>
      </noscript>
      <GiftLinkApp />
    </>
  );
}
