// Auth.js's session cookie (plain, secure-prefixed, or chunked). Without one nobody is signed in, and asking auth()
// would only spend time finding that out: most first views of a gift link or a product page are anonymous.
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

export function hasSessionCookie(headers: Headers): boolean {
  return SESSION_COOKIE.test(headers.get('cookie') ?? '');
}
