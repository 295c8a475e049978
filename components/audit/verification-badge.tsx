'use client';

import { memo } from 'react';
import Link from 'next/link';
import { useStreamVerification } from './use-audit-data';
import styles from './audit.module.css';

const checkedWhen = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC' });

/** Whether a stream's hash chain still holds, recomputed by the server; a broken one links to the first bad version. */
export const VerificationBadge = memo(function VerificationBadge({ streamId }: { streamId: string }) {
  const { data: report, isPending, isError } = useStreamVerification(streamId);
  if (isPending) {
    return (
      <span className={styles.badge} role="status" data-testid="verification-badge" data-state="checking">
        Verifying chain…
      </span>
    );
  }
  if (isError || !report) {
    return (
      <span className={styles.badge} role="status" data-testid="verification-badge" data-state="unknown" title="The chain could not be checked just now">
        Chain not checked
      </span>
    );
  }
  const title = `${report.eventsChecked.toLocaleString('en')} events rehashed at ${checkedWhen(report.checkedAt)} UTC`;
  if (report.ok) {
    return (
      <span className={`${styles.badge} ${styles.verified}`} role="status" title={title} data-testid="verification-badge" data-state="verified">
        <span aria-hidden="true">✓</span> Chain verified
      </span>
    );
  }
  const broken = report.firstBreak!;
  const label = broken.streamVersion === null ? 'Chain broken' : `Chain broken at v${broken.streamVersion}`;
  return (
    <Link
      href={broken.streamVersion ? `/debugger/${encodeURIComponent(streamId)}?v=${broken.streamVersion}` : `/audit`}
      className={`${styles.badge} ${styles.broken}`}
      title={`${broken.message}. ${title}`}
      data-testid="verification-badge"
      data-state="broken"
    >
      <span aria-hidden="true">✗</span> {label}
    </Link>
  );
});
