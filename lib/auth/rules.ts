// Only paths on this site, never another origin (open-redirect guard for ?callbackUrl=).
export function safeCallbackUrl(raw: string | undefined | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  return raw;
}
