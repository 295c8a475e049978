'use client';

import { ApiError } from '@/lib/client/api-client';
import { isCatchingUp } from './queries';
import styles from './overview.module.css';

/**
 * Why some data could not be shown, in words, with a way to try again. A read
 * side that is still catching up with a recent write is not an error: it says so.
 */
export function QueryProblem({ error, what, onRetry, retrying }: { error: unknown; what: string; onRetry: () => void; retrying: boolean }) {
  if (isCatchingUp(error)) {
    return (
      <div className={`${styles.problem} ${styles.catchingUp}`} role="status">
        <p>
          <strong>Catching up…</strong> The latest changes are still being added to the {what}.
        </p>
        <button type="button" className="button" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Checking…' : 'Check again'}
        </button>
      </div>
    );
  }
  const detail =
    error instanceof ApiError && error.status < 500
      ? error.message
      : error instanceof ApiError
        ? 'The bank did not answer properly. This is usually over in a moment.'
        : 'The bank could not be reached. Check your connection.';
  return (
    <div className={styles.problem} role="alert">
      <p>
        <strong>The {what} could not be loaded.</strong> {detail}
      </p>
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Trying…' : 'Try again'}
      </button>
    </div>
  );
}
