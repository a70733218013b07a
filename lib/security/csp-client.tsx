'use client';

import { config } from 'zod/v4/core';

// Under our Content-Security-Policy (no 'unsafe-eval', see proxy.ts) zod must not probe for `new Function`: its probe
// is caught, but the browser still reports a policy violation. Interpreted parsing is fast enough for forms.
if (typeof window !== 'undefined') config({ jitless: true });

// Rendered once by the root layout so this runs before any form parses anything.
export function CspClientSetup() {
  return null;
}
