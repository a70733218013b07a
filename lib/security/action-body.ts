// A server-action request (POST with a Next-Action header) whose body Next.js itself can't decode. In Next.js 16.4
// such a body fails inside Next's action handler, before any code of ours runs: text/plain bodies that are not JSON
// ("[zxc]", "not json", an unterminated string), JSON that is not an argument list ("x"), and multipart bodies that
// end early all answer 500 and log an unhandled SyntaxError/TypeError/"Unexpected end of form" (measured with curl
// against next dev and next start; upstream: vercel/next.js#86945, #90109). The proxy checks the body the same way
// first and answers 400, so the handler only ever sees bodies it can decode. An unknown action id already gets 409
// ("Server Action unavailable") and a urlencoded body 404 from Next; those are left to it.

export const ACTION_BODY_MAX_BYTES = 1_000_000;

/** Why a server-action request's body can't be decoded, or null when it can (or the request is not an action). */
export async function malformedActionBodyReason(request: Request): Promise<string | null> {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return null;
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > ACTION_BODY_MAX_BYTES) return 'the request is too large';
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  try {
    if (type.startsWith('multipart/form-data')) {
      await request.clone().formData();
      return null;
    }
    if (type === '' || type.startsWith('text/plain') || type.startsWith('text/x-component')) {
      const text = await request.clone().text();
      if (text.length > ACTION_BODY_MAX_BYTES) return 'the request is too large';
      const args: unknown = JSON.parse(text);
      return Array.isArray(args) ? null : 'the request is not a list of arguments';
    }
  } catch {
    return 'the request body is malformed';
  }
  return null;
}
