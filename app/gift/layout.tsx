import type { Metadata } from 'next';
import Link from 'next/link';

// Recipients arrive here from an email or a text, usually on a phone: a light page with no site chrome. The logo
// link is not prefetched: fetching and decoding the shop's home page would compete with the gift on a slow phone.
export const metadata: Metadata = { title: 'Your gift', robots: { index: false, follow: false }, referrer: 'no-referrer' };

export default function GiftLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-lg px-4 py-6">
      <Link href="/" prefetch={false} className="text-base font-bold text-slate-900 no-underline">
        Prime <span className="text-brand">Marketplace</span>
      </Link>
      <main className="mt-4">{children}</main>
    </div>
  );
}
