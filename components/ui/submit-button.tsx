'use client';

import { useFormStatus } from 'react-dom';
import type { ReactNode } from 'react';

/** Disabled with a busy label while its form's server action runs. */
export function SubmitButton({ children, pendingLabel, variant = 'primary' }: { children: ReactNode; pendingLabel: string; variant?: 'primary' | 'secondary' | 'danger' }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={`button ${variant}`} disabled={pending} aria-busy={pending}>
      {pending ? pendingLabel : children}
    </button>
  );
}
