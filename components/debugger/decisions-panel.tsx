'use client';

import { useQuery } from '@tanstack/react-query';
import { memo, useState } from 'react';
import { getJson } from '@/lib/client/api-client';
import type { StreamReplayReport } from '@/lib/debugger/decision-replay-schemas';
import { formatCount } from './format';
import styles from './debugger.module.css';

type Outcome = StreamReplayReport['findings'][number]['now'];
const outcomeText = (outcome: Outcome): string =>
  outcome.outcome === 'accepted' ? `accepted → ${outcome.events.join(', ')}` : outcome.outcome === 'refused' ? `refused (${outcome.code})` : `failed: ${outcome.message}`;

/** "Would today's code decide the same?": the stream's recorded commands decided again, on demand, with the ones that differ. */
export const DecisionsPanel = memo(function DecisionsPanel({ streamId, head, goTo }: { streamId: string; head: number; goTo: (version: number) => void }) {
  const [asked, setAsked] = useState(false);
  const query = useQuery({
    queryKey: ['debugger', streamId, 'decisions', head],
    queryFn: () => getJson<StreamReplayReport>(`/api/streams/${encodeURIComponent(streamId)}/decisions`),
    enabled: asked,
    staleTime: Infinity,
  });
  const report = query.data;
  return (
    <section className={styles.panel} aria-labelledby="decisions-title" data-testid="decisions-panel">
      <h2 id="decisions-title">Would today&apos;s code decide the same?</h2>
      {!asked ? (
        <button type="button" onClick={() => setAsked(true)}>
          Decide every command again
        </button>
      ) : null}
      {query.isFetching ? <p role="status">Deciding again…</p> : null}
      {query.isError ? <p role="alert">The replay failed: {query.error.message}</p> : null}
      {report ? (
        <>
          <p className={styles.muted} data-testid="decisions-summary">
            {formatCount(report.commandsReplayed)} commands decided again ({formatCount(report.derived)} derived from events), {formatCount(report.same)} the same,{' '}
            {formatCount(report.differing)} differently · nothing written · {report.elapsedMs} ms
          </p>
          <ul>
            {report.findings.map((finding) => (
              <li key={`${finding.versions.from}-${finding.command}`} data-testid="decision-finding">
                <button type="button" onClick={() => goTo(finding.versions.from)}>
                  v{finding.versions.from}
                </button>{' '}
                <strong>{finding.command}</strong>
                {finding.derived ? ` (derived from the event; recorded as ${finding.recordedCommand})` : ''}: recorded {outcomeText(finding.recorded)}, today {outcomeText(finding.now)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
});
