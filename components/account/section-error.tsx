'use client';

import styles from './account.module.css';

/** A part of the page that could not load, with a way to try again; the rest of the page stays usable. */
export function SectionError({ what, onRetry }: { what: string; onRetry: () => void }) {
  return (
    <div className={styles.sectionError} role="alert">
      <p>We could not load {what}. Check your connection and try again.</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
