'use client';

import type { ComponentProps } from 'react';
import { Button } from './button';
import { useHydrated } from './use-hydrated';

// The submit button of a form that JavaScript handles (react-hook-form, an onSubmit handler): disabled until the page
// is hydrated. Before that the browser would submit the form itself, as a plain GET with what was typed in the URL
// (card numbers, addresses); with its only submit button disabled, pressing Enter submits nothing either.
export function JsSubmitButton(props: Omit<ComponentProps<typeof Button>, 'type'>) {
  const hydrated = useHydrated();
  return <Button {...props} type="submit" disabled={props.disabled || !hydrated} data-hydrated={hydrated ? 'true' : 'false'} />;
}
