'use client';

import Link from 'next/link';
import { formatDateTime } from './format';
import { useParkedMessages, useRetryParked } from './operations-queries';
import styles from './operations.module.css';

/** Messages the relay gave up on, each with the error it last saw and a way to try again. */
export function ParkedMessages() {
  const parked = useParkedMessages();
  const retry = useRetryParked();

  return (
    <section className="card" aria-labelledby="parked-heading">
      <h2 id="parked-heading">Parked messages</h2>
      {parked.data && parked.data.length === 0 ? (
        <p className="muted">None. A message that fails to publish several times in a row is parked here, and later events of its stream wait behind it.</p>
      ) : parked.data ? (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Stream</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">Parked</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {parked.data.map((message) => (
                <tr key={message.position} data-testid="parked-row">
                  <td>
                    <code>{message.type}</code>
                    <div className={styles.sub}>#{message.position}</div>
                  </td>
                  <td>
                    <Link href={`/debugger/${encodeURIComponent(message.streamId)}?v=${message.streamVersion}`}>{message.streamId}</Link>
                    <div className={styles.sub}>version {message.streamVersion}</div>
                  </td>
                  <td className={styles.number}>{message.attempts}</td>
                  <td className={styles.error}>{message.lastError ?? '—'}</td>
                  <td>{message.parkedAt ? formatDateTime(message.parkedAt) : '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      onClick={() => retry.mutate(message.position)}
                      disabled={retry.isPending && retry.variables === message.position}
                      aria-label={`Retry ${message.type} of ${message.streamId} version ${message.streamVersion}`}
                    >
                      {retry.isPending && retry.variables === message.position ? 'Retrying…' : 'Retry'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : parked.isError ? (
        <p role="alert" className={styles.problem}>
          The parked messages could not be read: {parked.error.message}
        </p>
      ) : (
        <div className="skeleton" style={{ height: '3rem' }} aria-hidden="true" />
      )}
      {retry.isError ? (
        <p role="alert" className={styles.problem}>
          {retry.error.message}
        </p>
      ) : null}
    </section>
  );
}
