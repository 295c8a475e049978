'use client';

import { memo } from 'react';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson } from '@/lib/client/api-client';
import type { StreamProjectionLag } from '@/lib/debugger/projection-lag';
import { formatCount } from './format';
import styles from './projection-lag-lane.module.css';

/** Projections keyed by the account id, whose document for this account can be stepped. */
const ACCOUNT_DOCUMENTS = ['account-summary', 'account-transactions'];

const percent = (version: number, head: number) => `${head === 0 ? 100 : (version / head) * 100}%`;

/**
 * Under the timeline: where each projection's checkpoint stands on this stream (a marker at the
 * last version it has folded, the events it has not folded hatched), and the read-your-writes barrier,
 * the version up to which reads from the read models include this stream. Checked again whenever
 * the head moves, and every few seconds while a projection is behind.
 */
export const ProjectionLagLane = memo(function ProjectionLagLane({ streamId, head, version }: { streamId: string; head: number; version: number }) {
  const query = useQuery({
    queryKey: ['debugger', streamId, 'projection-lag', head],
    queryFn: () => getJson<StreamProjectionLag>(`/api/streams/${encodeURIComponent(streamId)}/projection-lag`),
    placeholderData: keepPreviousData,
    refetchInterval: (current) => (current.state.data && current.state.data.readBarrier.waiting ? 2_000 : false),
  });
  const lag = query.data;
  if (!lag) return query.isError ? <p role="alert">The projections could not be checked: {query.error.message}</p> : null;
  const accountId = streamId.startsWith('account-') ? streamId.slice('account-'.length) : null;
  const shownHead = Math.max(lag.head, 1);
  return (
    <section className={styles.lane} aria-label="Projection checkpoints on this stream" data-testid="projection-lane" data-barrier={lag.readBarrier.version}>
      <div className={styles.track} aria-hidden>
        <div className={styles.lag} style={{ left: percent(lag.readBarrier.version, shownHead), right: 0 }} />
        <div className={styles.position} style={{ left: percent(Math.min(version, shownHead), shownHead) }} />
        {lag.projections.map((mark) => (
          <div key={mark.name} className={styles.marker} style={{ left: percent(mark.version, shownHead) }} title={`${mark.name}: v${mark.version}`} />
        ))}
        <div className={styles.barrier} style={{ left: percent(lag.readBarrier.version, shownHead) }} title={`read barrier: v${lag.readBarrier.version}`} />
      </div>
      <ul className={styles.facts}>
        {lag.projections.map((mark) => (
          <li key={mark.name} data-testid="projection-marker" data-projection={mark.name} data-version={mark.version}>
            <span className={styles.swatch} aria-hidden />
            <strong>{mark.name}</strong> at v{formatCount(mark.version)}
            {mark.behind > 0 ? `, ${formatCount(mark.behind)} of this stream's events behind` : ', caught up'}
            {mark.lag ? ` · log lag ${formatCount(mark.lag.events)} events, ${mark.lag.seconds.toFixed(1)} s` : ''}
            {mark.status !== 'live' ? ` · ${mark.status}` : ''}
            {accountId && ACCOUNT_DOCUMENTS.includes(mark.name) ? (
              <>
                {' · '}
                <Link href={`/debugger/projections/${mark.name}/${encodeURIComponent(accountId)}`}>step its document</Link>
              </>
            ) : null}
          </li>
        ))}
        <li data-testid="read-barrier">
          <span className={styles.barrierSwatch} aria-hidden />
          Read barrier at v{formatCount(lag.readBarrier.version)}
          {lag.readBarrier.position !== null ? ` (position ${formatCount(lag.readBarrier.position)})` : ''}:{' '}
          {lag.readBarrier.waiting ? `a read after v${formatCount(lag.head)} waits until every projection has folded it` : 'reads include every event of this stream'}
        </li>
      </ul>
    </section>
  );
});
