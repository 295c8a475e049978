'use client';

import { useFormStatus } from 'react-dom';
import type { ReactNode } from 'react';

/**
 * Marked busy while its form's server action runs. `aria-disabled` rather
 * than `disabled`, so keyboard focus stays on the button; a second press is ignored.
 */
export function SubmitButton({ children, pendingLabel, variant = 'primary' }: { children: ReactNode; pendingLabel: string; variant?: 'primary' | 'secondary' | 'danger' }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      className={`button ${variant}`}
      aria-disabled={pending}
      aria-busy={pending}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
