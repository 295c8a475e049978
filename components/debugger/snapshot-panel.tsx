'use client';

import { memo, useState } from 'react';
import type { SnapshotMark } from '@/lib/debugger/types';
import { useSnapshotComparison } from './debugger-queries';
import { formatCount } from './format';
import styles from './debugger.module.css';

/** Snapshots of the stream, drift flagged; open one to see its stored state beside the state replayed from events. */
export const SnapshotPanel = memo(function SnapshotPanel({ streamId, snapshots, loading, goTo }: { streamId: string; snapshots: SnapshotMark[] | undefined; loading: boolean; goTo: (version: number) => void }) {
  const [open, setOpen] = useState<number | null>(null);
  const comparison = useSnapshotComparison(streamId, open);
  if (!snapshots) {
    return (
      <section className={styles.panel} aria-labelledby="snapshots-title" data-testid="snapshot-panel">
        <h2 id="snapshots-title">Snapshots</h2>
        <p className={styles.muted}>{loading ? 'Comparing stored snapshots with the events…' : 'Snapshots could not be checked.'}</p>
      </section>
    );
  }
  const drifted = snapshots.filter((snapshot) => snapshot.drift);
  return (
    <section className={styles.panel} aria-labelledby="snapshots-title" data-testid="snapshot-panel">
      <h2 id="snapshots-title">
        Snapshots{' '}
        <span className={drifted.length ? styles.error : styles.muted}>
          {formatCount(snapshots.length)} stored{drifted.length ? `, ${drifted.length} drifted` : ', none drifted'}
        </span>
      </h2>
      {snapshots.length === 0 ? (
        <p className={styles.muted}>No snapshots: every state here is replayed from the events alone.</p>
      ) : (
        <label className={styles.snapshotPick}>
          <span>Open</span>
          <select value={open ?? ''} onChange={(event) => setOpen(event.target.value === '' ? null : Number(event.target.value))} aria-label="Open a snapshot">
            <option value="">choose a snapshot…</option>
            {snapshots.map((snapshot) => (
              <option key={snapshot.version} value={snapshot.version} disabled={!snapshot.current}>
                v{snapshot.version}
                {snapshot.drift ? ' ⚠ drift' : ''}
                {snapshot.current ? '' : ` (schema ${snapshot.stateSchemaVersion}, ignored)`}
              </option>
            ))}
          </select>
          {open !== null ? (
            <button type="button" onClick={() => goTo(open)}>
              Go to v{open}
            </button>
          ) : null}
        </label>
      )}
      {comparison.data ? (
        <div className={styles.compare}>
          <p className={comparison.data.drift ? styles.error : styles.muted}>
            {comparison.data.drift ? `Drift in ${comparison.data.changedPaths.join(', ')}` : 'Stored and replayed states agree.'}
          </p>
          <div className={styles.compareColumns}>
            <div>
              <h3>Stored</h3>
              <pre className={styles.payload}>{JSON.stringify(comparison.data.stored, null, 2)}</pre>
            </div>
            <div>
              <h3>Replayed</h3>
              <pre className={styles.payload}>{JSON.stringify(comparison.data.replayed, null, 2)}</pre>
            </div>
          </div>
        </div>
      ) : comparison.isError ? (
        <p className={styles.error}>{comparison.error.message}</p>
      ) : null}
    </section>
  );
});
