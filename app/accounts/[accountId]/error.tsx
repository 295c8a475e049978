'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import styles from '@/components/account/account.module.css';

export default function AccountError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined;

  return (
    <div className="status error" role="alert">
      <h1>This account could not be shown</h1>
      <p className="muted">
        Nothing has been changed. Please try again in a moment.
        {digest ? ` (Reference ${digest})` : null}
      </p>
      <div className={styles.statusActions}>
        <button type="button" className="button primary" onClick={() => retry()}>
          Try again
        </button>
        <Link className="button" href="/">
          Back to the overview
        </Link>
      </div>
    </div>
  );
}
