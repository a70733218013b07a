'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

// False in the server's HTML and until React has taken over the page, then true. A form handled by JavaScript
// (react-hook-form, an onSubmit handler) disables its submit button until then: before hydration the browser would
// submit it as a plain GET, with what was typed in the URL.
export function useHydrated() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
