'use client';

import { memo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '@/lib/client/api-client';
import type { RefusedCommandsBody } from '@/lib/debugger/refused-commands-schemas';
import { formatCount } from './format';
import styles from './debugger.module.css';

const OUTCOME_LABEL = { rejected: 'refused', conflicted: 'lost to another writer' } as const;

/**
 * Commands on this stream that never became events (refused by a rule, or lost to a concurrent
 * writer), each at the version it was decided on: what was asked beside what happened.
 */
export const RefusedCommandsPanel = memo(function RefusedCommandsPanel({ streamId, head, goTo }: { streamId: string; head: number; goTo: (version: number) => void }) {
  const query = useQuery({
    queryKey: ['debugger', streamId, 'refused-commands', head],
    queryFn: () => getJson<RefusedCommandsBody>(`/api/streams/${encodeURIComponent(streamId)}/refused-commands`),
  });
  const entries = query.data?.entries ?? [];
  return (
    <section className={styles.panel} aria-labelledby="refused-commands-title" data-testid="refused-commands-panel">
      <h2 id="refused-commands-title">Commands that did not become events</h2>
      {query.isError ? <p role="alert">The refused commands could not be read: {query.error.message}</p> : null}
      {query.data && entries.length === 0 ? <p className={styles.muted}>None: every command on this stream was accepted (or was sent before refusals were kept).</p> : null}
      {entries.length > 0 ? (
        <>
          <p className={styles.muted}>
            {formatCount(entries.length)} {entries.length === 1 ? 'command' : 'commands'}
            {query.data?.truncated ? ' (the oldest)' : ''}, kept apart from the event log: a refusal changes nothing.
          </p>
          <ul>
            {entries.map((entry) => (
              <li key={entry.commandId + entry.at} data-testid="refused-command">
                <button type="button" onClick={() => goTo(entry.decidedAtVersion)} title="The state the command was decided on">
                  at v{entry.decidedAtVersion}
                </button>{' '}
                <strong>{entry.type}</strong> by {entry.actor} {OUTCOME_LABEL[entry.outcome]} (<code>{entry.code}</code>): {entry.message}{' '}
                <span className={styles.muted}>{new Date(entry.at).toISOString().replace('T', ' ').slice(0, 19)} UTC</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
});
