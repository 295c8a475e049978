'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import type { TrailRow } from '@/lib/audit/audit-trail';
import type { DebuggerEvent } from '@/lib/debugger/types';
import { useCausedBy, useCorrelated, useEventById } from '@/components/audit/audit-queries';
import styles from '@/components/audit/audit.module.css';
import { formatUtc } from './format';

const at = (row: Pick<TrailRow, 'streamId' | 'streamVersion'>) => `/debugger/${encodeURIComponent(row.streamId)}?v=${row.streamVersion}`;

/**
 * The other streams this event's story touched: everything sharing its
 * correlation id (a transfer's debit, credit and compensation), what caused
 * it and what it caused, each opened at that event's version.
 */
export function RelatedEvents({ event }: { event: DebuggerEvent }) {
  const { streamId } = useParams<{ streamId: string }>();
  const correlationId = typeof event.metadata.correlationId === 'string' ? event.metadata.correlationId : null;
  const causationId = typeof event.metadata.causationId === 'string' ? event.metadata.causationId : null;
  const correlated = useCorrelated(correlationId);
  const cause = useEventById(causationId);
  const effects = useCausedBy(event.eventId);
  const others = (correlated.data?.rows ?? []).filter((row) => row.eventId !== event.eventId);
  const streams = new Set(correlated.data?.rows.map((row) => row.streamId));
  return (
    <section className={styles.related} aria-labelledby="related-events-title" data-testid="related-events">
      <h3 id="related-events-title">Related events</h3>
      {causationId ? (
        <p>
          Caused by{' '}
          {cause.data ? (
            <Link href={at(cause.data)} data-testid="causation-link">
              {cause.data.type} in {cause.data.streamId} v{cause.data.streamVersion}
            </Link>
          ) : cause.isPending ? (
            'looking…'
          ) : (
            <span>
              command <code className={styles.mono}>{causationId}</code> (no event of its own)
            </span>
          )}
        </p>
      ) : null}
      {correlated.isPending ? <p>Looking for events with the same correlation id…</p> : null}
      {correlated.isError ? <p>The related events could not be loaded.</p> : null}
      {correlated.data ? (
        others.length === 0 ? (
          <p>No other event shares this correlation id.</p>
        ) : (
          <>
            <p>
              {correlated.data.rows.length} events in {streams.size} {streams.size === 1 ? 'stream' : 'streams'} share correlation{' '}
              <Link href={`/audit?correlationId=${encodeURIComponent(correlationId ?? '')}`} className={styles.mono} title="Open in the audit trail">
                {correlationId}
              </Link>
              {correlated.data.nextCursor !== null ? ' (the first 50 shown)' : ''}:
            </p>
            <ul data-testid="correlated-events">
              {correlated.data.rows.map((row) => (
                <li key={row.eventId} className={row.eventId === event.eventId ? styles.here : undefined}>
                  <span>
                    {row.eventId === event.eventId ? (
                      'this event'
                    ) : (
                      <Link href={at(row)}>
                        {row.streamId === streamId ? 'here' : row.streamId} v{row.streamVersion}
                      </Link>
                    )}{' '}
                    {row.type}
                  </span>
                  <span className={styles.when}>
                    #{row.globalPosition} · <time dateTime={row.recordedAt}>{formatUtc(row.recordedAt)}</time>
                  </span>
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
      {effects.data && effects.data.rows.length > 0 ? (
        <p>
          Led to{' '}
          {effects.data.rows.map((row, index) => (
            <span key={row.eventId}>
              {index > 0 ? ', ' : ''}
              <Link href={at(row)}>
                {row.type} in {row.streamId} v{row.streamVersion}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
