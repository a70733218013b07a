import Link from 'next/link';

export type PortalLink = { href: string; label: string };

// The seller's and the staff's sections. Plain links (no client JavaScript): the current section is marked by the page.
export const SELLER_LINKS: PortalLink[] = [
  { href: '/seller', label: 'Home' },
  { href: '/seller/orders', label: 'Orders' },
  { href: '/seller/prime', label: 'Prime performance' },
  { href: '/seller/settings/shipping', label: 'Shipping settings' },
  { href: '/seller/templates', label: 'Shipping templates' },
  { href: '/seller/returns', label: 'Returns' },
  { href: '/seller/safet', label: 'SAFE-T claims' },
  { href: '/seller/messages', label: 'Messages' },
  { href: '/seller/account', label: 'Account statement' },
  { href: '/seller/settings/api-keys', label: 'API keys' },
];

export const OPS_LINKS: PortalLink[] = [
  { href: '/ops', label: 'Home' },
  { href: '/ops/plans', label: 'Plans of action' },
  { href: '/ops/cases', label: 'Customer service' },
  { href: '/ops/safet', label: 'SAFE-T claims' },
];

export function PortalNav({ label, links }: { label: string; links: PortalLink[] }) {
  return (
    <nav aria-label={label} className="border-b border-slate-200 bg-slate-50">
      <ul className="mx-auto flex max-w-6xl gap-x-4 overflow-x-auto px-4 py-2 text-sm whitespace-nowrap">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className="text-slate-700 hover:text-brand-dark">
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
