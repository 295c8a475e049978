'use client';

import { formatAge, formatDateTime } from './format';
import { useOutboxStatus } from './operations-queries';
import styles from './operations.module.css';

const count = (value: number) => value.toLocaleString('en-GB');

/** The outbox backlog and the relay's view of the bus. */
export function OutboxPanel() {
  const status = useOutboxStatus();
  const data = status.data;

  return (
    <section className="card" aria-labelledby="outbox-heading" aria-busy={status.isPending}>
      <h2 id="outbox-heading">Outbox</h2>
      <p className="muted">Every recorded event waits here until the message bus acknowledges it; consumers then act on it.</p>
      {data ? (
        <>
          <dl className={styles.tiles} data-testid="outbox-counts">
            <div className={styles.tile}>
              <dt>Pending</dt>
              <dd className={styles.tileValue} data-testid="outbox-pending">{count(data.pending)}</dd>
              <dd className={styles.tileNote}>
                {data.oldestPendingAgeSeconds === null ? 'Nothing waiting' : `Oldest waiting ${formatAge(data.oldestPendingAgeSeconds)}`}
              </dd>
            </div>
            <div className={styles.tile}>
              <dt>Published</dt>
              <dd className={styles.tileValue} data-testid="outbox-sent">{count(data.sent)}</dd>
              <dd className={styles.tileNote}>acknowledged</dd>
            </div>
            <div className={`${styles.tile} ${data.parked > 0 ? styles.tileAlert : ''}`}>
              <dt>Parked</dt>
              <dd className={styles.tileValue} data-testid="outbox-parked">{count(data.parked)}</dd>
              <dd className={styles.tileNote}>{data.blocked > 0 ? `${count(data.blocked)} held behind them` : 'failed too often'}</dd>
            </div>
          </dl>
          <RelayLine relay={data.relay} />
        </>
      ) : status.isError ? (
        <p role="alert" className={styles.problem}>
          The outbox could not be read: {status.error.message}{' '}
          <button type="button" className="button" onClick={() => void status.refetch()}>
            Try again
          </button>
        </p>
      ) : (
        <div className="skeleton" style={{ height: '6rem' }} aria-hidden="true" />
      )}
    </section>
  );
}

function RelayLine({ relay }: { relay: NonNullable<ReturnType<typeof useOutboxStatus>['data']>['relay'] }) {
  if (!relay) return <p className={styles.relay}>No relay has run yet.</p>;
  if (relay.busError) {
    return (
      <p className={`${styles.relay} ${styles.relayDown}`} role="status">
        <span className={styles.dot} aria-hidden="true" />
        <span>
          <strong>Bus unreachable</strong>
          {relay.busErrorAt ? ` since ${formatDateTime(relay.busErrorAt)}` : ''}: {relay.busError}. Events stay in the outbox and are
          published when it returns.
        </span>
      </p>
    );
  }
  return (
    <p className={`${styles.relay} ${relay.active ? styles.relayUp : ''}`}>
      <span className={styles.dot} aria-hidden="true" />
      <span>
        {relay.active ? 'Relay running' : 'Relay stopped'} <span className="muted">({relay.holder})</span>
      </span>
    </p>
  );
}
