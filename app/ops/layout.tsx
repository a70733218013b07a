import { SiteHeader } from '@/components/layout/site-header';
import { requireUserPage } from '@/lib/auth/session';

export default async function OpsLayout({ children }: { children: React.ReactNode }) {
  await requireUserPage('/ops', ['ops']);
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
