'use client';

import { useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import styles from './users.module.css';

type Phase = { step: 'idle' } | { step: 'confirming' } | { step: 'sending' } | { step: 'failed'; message: string };

/**
 * A teller erases a customer's personal data: a first press asks for the reason and a second,
 * explicit confirmation, because destroying the key cannot be undone. Sent to the JSON API
 * (`POST /api/customers/{id}/erasure`), which checks the role again.
 */
export function EraseCustomer({ customerId }: { customerId: string }) {
  const id = useId();
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [reason, setReason] = useState('');

  if (phase.step === 'idle') {
    return (
      <button type="button" className="button secondary" data-testid={`erase-${customerId}`} onClick={() => setPhase({ step: 'confirming' })}>
        Erase personal data…
      </button>
    );
  }

  const send = async () => {
    setPhase({ step: 'sending' });
    const response = await fetch(`/api/customers/${encodeURIComponent(customerId)}/erasure`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason }),
    }).catch(() => null);
    if (response?.ok) {
      setPhase({ step: 'idle' });
      router.refresh();
      return;
    }
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setPhase({ step: 'failed', message: body?.error?.message ?? 'The erasure could not be sent; try again.' });
  };

  return (
    <div className={styles.erase} role="group" aria-labelledby={`${id}-title`} data-testid={`erase-confirm-${customerId}`}>
      <p id={`${id}-title`} className={styles.eraseWarning}>
        Destroy the data key of customer <strong>{customerId}</strong>? Their names and descriptions will read [erased] everywhere, for good.
      </p>
      <label htmlFor={`${id}-reason`}>Reason (recorded; no personal data)</label>
      <input id={`${id}-reason`} value={reason} onChange={(event) => setReason(event.target.value)} minLength={3} maxLength={500} autoComplete="off" />
      <div className={styles.eraseActions}>
        <button type="button" className="button danger" disabled={phase.step === 'sending' || reason.trim().length < 3} onClick={() => void send()}>
          {phase.step === 'sending' ? 'Erasing…' : 'Erase for good'}
        </button>
        <button type="button" className="button secondary" disabled={phase.step === 'sending'} onClick={() => setPhase({ step: 'idle' })}>
          Cancel
        </button>
      </div>
      {phase.step === 'failed' ? (
        <p role="alert" className={styles.status}>
          {phase.message}
        </p>
      ) : null}
    </div>
  );
}
