'use client';

import { useFormStatus } from 'react-dom';
import { Button } from './button';

// For plain <form action={serverAction}>: pending while the action runs, works before hydration too.
export function SubmitButton(props: React.ComponentProps<typeof Button>) {
  const { pending } = useFormStatus();
  return <Button type="submit" {...props} pending={pending || props.pending} />;
}
