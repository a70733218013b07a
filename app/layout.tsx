import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { CspClientSetup } from '@/lib/security/csp-client';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Prime Marketplace', template: '%s · Prime Marketplace' },
  description: 'Shop, send gifts to an email or phone, and ship with Seller Fulfilled Prime.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Pages render per request so Next.js can put the proxy's CSP nonce on their scripts (proxy.ts). The gift link
  // shell opts out with force-static (headers() is empty there) and is covered by script hashes instead.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <CspClientSetup />
        {children}
      </body>
    </html>
  );
}
