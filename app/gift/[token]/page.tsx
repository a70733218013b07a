import { LinkNotActive } from '@/components/gift/link-not-active';

// Links of the right shape are rewritten to the static /gift/open page; anything else here is not a gift link.
export default function MalformedGiftLinkPage() {
  return <LinkNotActive />;
}
