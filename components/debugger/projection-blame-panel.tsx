'use client';

import { useQuery } from '@tanstack/react-query';
import { getJson } from '@/lib/client/api-client';
import type { ProjectionBlame } from '@/lib/debugger/projection-steps-schemas';
import type { Currency } from '@/lib/domain/account/money';
import { formatCount } from './format';
import { ShownValue } from './shown-value';
import styles from './debugger.module.css';
import blameStyles from './blame-panel.module.css';

/** Which events made one field of a projection document what it is, newest first, each a jump to its step. */
export function ProjectionBlamePanel({
  name,
  id,
  path,
  total,
  currency,
  goTo,
  onClose,
}: {
  name: string;
  id: string;
  path: string;
  /** The steps known: a new one refreshes the answer. */
  total: number;
  /** The document's currency: money shows in it. */
  currency: Currency | null;
  goTo: (step: number) => void;
  onClose: () => void;
}) {
  const blame = useQuery({
    queryKey: ['projection-document', name, id, 'blame', path, total],
    queryFn: () => getJson<ProjectionBlame>(`/api/projections/${encodeURIComponent(name)}/documents/${encodeURIComponent(id)}/blame?path=${encodeURIComponent(path)}`),
    staleTime: Infinity,
  });
  const changes = blame.data ? [...blame.data.changes].reverse() : [];
  return (
    <section className={`${styles.panel} ${blameStyles.blame}`} aria-labelledby="document-blame-title" data-testid="document-blame">
      <h2 id="document-blame-title">
        Blame <code>{path}</code>{' '}
        <button type="button" className={blameStyles.close} onClick={onClose} aria-label="Close blame">
          ×
        </button>
      </h2>
      {blame.isError ? <p role="alert">Could not blame this field: {blame.error.message}</p> : null}
      {blame.isPending ? <p className={styles.muted}>Folding the document…</p> : null}
      {blame.data ? (
        <>
          <p className={styles.muted} data-testid="document-blame-summary">
            <ShownValue path={path} value={blame.data.value} currency={currency} /> after {formatCount(blame.data.total)} change{blame.data.total === 1 ? '' : 's'}
            {blame.data.truncated ? ` (newest ${formatCount(blame.data.changes.length)} listed)` : ''}
            {blame.data.complete ? '' : ' (history longer than one request reads)'} · {blame.data.elapsedMs} ms
          </p>
          <ol className={blameStyles.changes}>
            {changes.map((change) => (
              <li key={`${change.streamId}-${change.version}`} data-testid="document-blame-change">
                <button type="button" className={blameStyles.position} onClick={() => goTo(change.step)} title={`Go to step ${change.step + 1}`}>
                  step {formatCount(change.step + 1)}
                </button>{' '}
                <strong>{change.type}</strong> <ShownValue path={path} value={change.before} currency={currency} /> →{' '}
                <ShownValue path={path} value={change.after} currency={currency} />
                <div className={styles.muted}>
                  {change.streamId} v{change.version} · {change.command ?? 'no command recorded'} · {change.actor} · {new Date(change.recordedAt).toLocaleString()} · correlation{' '}
                  {change.correlationId}
                </div>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
