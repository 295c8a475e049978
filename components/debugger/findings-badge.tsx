'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { memo, useState } from 'react';
import { getJson } from '@/lib/client/api-client';
import type { StreamFindings } from '@/lib/debugger/stream-findings';
import styles from './findings-badge.module.css';

/**
 * What deserves a look on this stream, in the header: checked when the page opens and again
 * whenever the head moves (a new event), each finding a jump to its version.
 */
export const FindingsBadge = memo(function FindingsBadge({ streamId, head, goTo }: { streamId: string; head: number | undefined; goTo: (version: number) => void }) {
  const [open, setOpen] = useState(false);
  const query = useQuery({
    queryKey: ['debugger', streamId, 'findings', head],
    queryFn: () => getJson<StreamFindings>(`/api/streams/${encodeURIComponent(streamId)}/findings`),
    enabled: head !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  if (!query.data) return null;
  const { findings } = query.data;
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return (
    <span className={styles.wrap} data-testid="findings">
      <button
        type="button"
        className={findings.length === 0 ? styles.clear : errors > 0 ? styles.error : styles.warning}
        aria-expanded={open}
        aria-controls="findings-list"
        onClick={() => setOpen((was) => !was)}
        disabled={findings.length === 0}
      >
        {findings.length === 0 ? 'No findings' : `${findings.length} finding${findings.length === 1 ? '' : 's'}`}
      </button>
      {open && findings.length > 0 ? (
        <ul id="findings-list" className={styles.list}>
          {findings.map((finding, index) => (
            <li key={`${finding.kind}-${index}`} data-kind={finding.kind}>
              {finding.version !== null ? (
                <button
                  type="button"
                  onClick={() => {
                    setOpen(false);
                    goTo(finding.version!);
                  }}
                >
                  v{finding.version}
                </button>
              ) : null}{' '}
              {finding.message}
            </li>
          ))}
        </ul>
      ) : null}
    </span>
  );
});
