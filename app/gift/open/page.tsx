import { GiftLinkApp } from '@/components/gift/gift-link-app';

// Every /gift/<token> link is rewritten here (next.config.js): one prerendered page for all links, whose data comes
// from /api/gift-link. It reads nothing per request, so it is served as a static file.
export const dynamic = 'force-static';

export default function GiftLinkPage() {
  return <GiftLinkApp />;
}
