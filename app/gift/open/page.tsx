import { GiftLinkApp } from '@/components/gift/gift-link-app';
import { EARLY_GIFT_LINK_FETCH } from '@/components/gift/early-fetch';

// One prerendered page for every /gift/<token> link: a production build serves it with the gift's data inside
// (app/gift/view/[token]/route.ts), `next dev` as it is, loading the gift from /api/gift-link. It reads nothing per
// request, so it is built once as a static file.
export const dynamic = 'force-static';

export default function GiftLinkPage() {
  return (
    <>
      {/* Without the gift's data in the page (next dev), asks for it while the page's JavaScript is still downloading,
          so it is there when React starts. Inline and static, so the CSP covers it by hash. */}
      <script dangerouslySetInnerHTML={{ __html: EARLY_GIFT_LINK_FETCH }} />
      <noscript>
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">Your gift opens with JavaScript turned on in your browser.</p>
      </noscript>
      <GiftLinkApp />
    </>
  );
}
