'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import type { TrailRow } from '@/lib/audit/audit-trail';
import { getJson } from '@/lib/client/api-client';
import type { DebuggerEvent } from '@/lib/debugger/types';
import type { RelatedEventsBody } from '@/lib/server/routes/related-events';
import styles from '@/components/audit/audit.module.css';
import { useViewer } from '@/components/auth/viewer-context';
import { formatUtc } from './format';
import { useAfterPaint } from './use-after-paint';

const at = (row: Pick<TrailRow, 'streamId' | 'streamVersion'>) => `/debugger/${encodeURIComponent(row.streamId)}?v=${row.streamVersion}`;

/**
 * The other streams this event's story touched: everything sharing its
 * correlation id (a transfer's debit, credit and compensation), what caused
 * it and what it caused, each opened at that event's version.
 */
export function RelatedEvents({ event }: { event: DebuggerEvent }) {
  const { streamId: rawStreamId } = useParams<{ streamId: string }>();
  const streamId = decodeURIComponent(rawStreamId);
  const correlationId = typeof event.metadata.correlationId === 'string' ? event.metadata.correlationId : null;
  const causationId = typeof event.metadata.causationId === 'string' ? event.metadata.causationId : null;
  // The audit trail is for staff; a customer follows the correlation id no further than the debugger does.
  const staff = useViewer()?.role !== 'customer';
  // One answer, filtered on the server to the streams this viewer may read: no 403 for a customer.
  // Asked for once the move is painted: stepping shows the event first, its relations a frame later.
  const settled = useAfterPaint(event.eventId) === event.eventId;
  const related = useQuery({
    queryKey: ['debugger', 'related', streamId, event.eventId],
    queryFn: () => getJson<RelatedEventsBody>(`/api/streams/${encodeURIComponent(streamId)}/related?eventId=${encodeURIComponent(event.eventId)}`),
    staleTime: 10_000,
    enabled: settled,
  });
  const correlated = { isPending: related.isPending, isError: related.isError, data: related.data ? { rows: related.data.correlated, truncated: related.data.truncated, hidden: related.data.hidden } : undefined };
  const cause = { isPending: related.isPending, data: related.data?.cause ?? null };
  const effects = { data: related.data ? { rows: related.data.effects } : undefined };
  const others = (correlated.data?.rows ?? []).filter((row) => row.eventId !== event.eventId);
  const streams = new Set(correlated.data?.rows.map((row) => row.streamId));
  const hiddenNote = correlated.data?.hidden ? ` ${correlated.data.hidden} more ${correlated.data.hidden === 1 ? 'is' : 'are'} in streams that are not yours.` : '';
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
          <p>No other event you can see shares this correlation id.{hiddenNote}</p>
        ) : (
          <>
            <p>
              {correlated.data.rows.length} events in {streams.size} {streams.size === 1 ? 'stream' : 'streams'} share correlation{' '}
              {staff ? (
                <Link href={`/audit?correlationId=${encodeURIComponent(correlationId ?? '')}`} className={styles.mono} title="Open in the audit trail">
                  {correlationId}
                </Link>
              ) : (
                <code className={styles.mono}>{correlationId}</code>
              )}
              {correlated.data.truncated ? ' (the first 50 shown)' : ''}:{hiddenNote}
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
