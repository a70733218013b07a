import { SiteHeader } from '@/components/layout/site-header';
import { requireUserPage } from '@/lib/auth/session';

export default async function SellerLayout({ children }: { children: React.ReactNode }) {
  await requireUserPage('/seller', ['seller']);
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
