import { GiftLinkApp } from '@/components/gift/gift-link-app';

// Every /gift/<token> link is rewritten here (next.config.js): one prerendered page for all links, whose data comes
// from /api/gift-link. It reads nothing per request, so it is served as a static file.
export const dynamic = 'force-static';

export default function GiftLinkPage() {
  return (
    <>
      <noscript>
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">Your gift opens with JavaScript turned on in your browser.</p>
      </noscript>
      <GiftLinkApp />
    </>
  );
}
