'use client';

import { useQuery } from '@tanstack/react-query';
import { getJson } from '@/lib/client/api-client';
import type { BlameResult } from '@/lib/debugger/blame';
import { formatCount } from './format';
import styles from './debugger.module.css';
import blameStyles from './blame-panel.module.css';

const show = (value: unknown): string => (value === undefined ? '(absent)' : JSON.stringify(value));

/** History never changes, so a field's blame at a version is fetched once. */
const useBlame = (streamId: string, path: string, version: number) =>
  useQuery({
    queryKey: ['static', 'debugger', streamId, 'blame', path, version],
    queryFn: () => getJson<BlameResult>(`/api/streams/${encodeURIComponent(streamId)}/blame?path=${encodeURIComponent(path)}&version=${version}`),
    staleTime: Infinity,
  });

/** Which events made one field of the state what it is at this version, newest first, each a link to its position. */
export function BlamePanel({ streamId, path, version, goTo, onClose }: { streamId: string; path: string; version: number; goTo: (version: number) => void; onClose: () => void }) {
  const blame = useBlame(streamId, path, version);
  const changes = blame.data ? [...blame.data.changes].reverse() : [];
  return (
    <section className={`${styles.panel} ${blameStyles.blame}`} aria-labelledby="blame-panel-title" data-testid="blame-panel">
      <h2 id="blame-panel-title">
        Blame <code>{path}</code> at v{formatCount(version)}{' '}
        <button type="button" className={blameStyles.close} onClick={onClose} aria-label="Close blame">
          ×
        </button>
      </h2>
      {blame.isError ? <p role="alert">Could not blame this field: {blame.error.message}</p> : null}
      {blame.isPending ? <p className={styles.muted}>Replaying the stream…</p> : null}
      {blame.data ? (
        <>
          <p className={styles.muted} data-testid="blame-summary">
            {show(blame.data.value)} after {formatCount(blame.data.total)} change{blame.data.total === 1 ? '' : 's'}
            {blame.data.truncated ? ` (newest ${formatCount(blame.data.changes.length)} listed)` : ''} · {blame.data.elapsedMs} ms
          </p>
          <ol className={blameStyles.changes}>
            {changes.map((change) => (
              <li key={change.version} data-testid="blame-change">
                <button type="button" className={blameStyles.position} onClick={() => goTo(change.version)} title={`Go to version ${change.version}`}>
                  v{formatCount(change.version)}
                </button>{' '}
                <strong>{change.type}</strong>{' '}
                <span className={typeof change.before === 'number' && change.before < 0 ? styles.negative : undefined}>{show(change.before)}</span> →{' '}
                <span className={typeof change.after === 'number' && change.after < 0 ? styles.negative : undefined}>{show(change.after)}</span>
                <div className={styles.muted}>
                  {change.command ?? 'no command recorded'} · {change.actor} · {new Date(change.recordedAt).toLocaleString()} · correlation {change.correlationId} · position{' '}
                  {formatCount(change.globalPosition)}
                </div>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
