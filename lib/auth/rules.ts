const BASE = 'http://callback.invalid';

// Only paths on this site, never another origin (open-redirect guard for ?callbackUrl=). Browsers drop tabs and
// newlines and read backslashes as slashes, so anything with them is refused rather than interpreted.
export function safeCallbackUrl(raw: string | undefined | null): string {
  if (!raw || !raw.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
