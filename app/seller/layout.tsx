import { PortalNav, SELLER_LINKS } from '@/components/layout/portal-nav';
import { SiteHeader } from '@/components/layout/site-header';
import type { Metadata } from 'next';
import { requireUserPage } from '@/lib/auth/session';

// The role check runs before anything of the portal is rendered, its title included: the page's metadata is resolved
// alongside the layout, so the layout's own metadata step redirects first (the signed-in user is read once per request).
export async function generateMetadata(): Promise<Metadata> {
  await requireUserPage('/seller', ['seller']);
  return {};
}

export default async function SellerLayout({ children }: { children: React.ReactNode }) {
  await requireUserPage('/seller', ['seller']);
  return (
    <>
      <SiteHeader />
      <PortalNav label="Seller Central" links={SELLER_LINKS} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
