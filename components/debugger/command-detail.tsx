'use client';

import { useQuery } from '@tanstack/react-query';
import { getJson } from '@/lib/client/api-client';
import type { CommandRecord } from '@/lib/debugger/command-record';
import type { DebuggerEvent } from '@/lib/debugger/types';
import { formatUtc } from './format';
import { pushVersion } from './use-position';
import styles from './debugger.module.css';
import extras from './debugger-extras.module.css';

const recordedCommand = (metadata: Record<string, unknown>): { type: string; input: unknown } | null => {
  const command = metadata.command as { type?: unknown; input?: unknown } | undefined;
  return command && typeof command.type === 'string' ? { type: command.type, input: command.input ?? null } : null;
};

/** The command behind the event: what was asked with which input, and every event that one command wrote. */
export function CommandDetail({ event }: { event: DebuggerEvent }) {
  const commandId = typeof event.metadata.commandId === 'string' ? event.metadata.commandId : null;
  const inline = recordedCommand(event.metadata);
  const record = useQuery({
    queryKey: ['static', 'debugger-command', commandId],
    queryFn: () => getJson<CommandRecord>(`/api/commands/${encodeURIComponent(commandId!)}`),
    enabled: commandId !== null,
    staleTime: Infinity,
    retry: false,
  });
  const type = inline?.type ?? record.data?.type ?? null;
  // The transfer saga and other workers send commands in process: they are steps, not requests, and never were "unrecorded".
  const actor = typeof event.metadata.actor === 'string' ? event.metadata.actor : '';
  const systemActor = actor.startsWith('system:');
  const input = inline?.input ?? record.data?.input ?? null;
  const siblings = record.data?.events ?? [];

  return (
    <section className={extras.command} aria-labelledby="command-title" data-testid="command-detail">
      <h3 id="command-title">
        Caused by <span className={styles.mono}>{type ?? 'an unrecorded command'}</span>
      </h3>
      {commandId === null && type === null ? (
        <p className={styles.muted}>This event was written without a command id, so the request behind it is unknown.</p>
      ) : (
        <>
          {type === null ? (
            <p className={styles.muted} data-testid="command-origin">
              {systemActor
                ? `A step of the bank’s own process (${actor}), not a request someone sent: the step is named in its id, and it has no input.`
                : 'Written before commands were recorded with their events: only the id is known.'}
            </p>
          ) : null}
          <dl className={styles.facts}>
            <dt>Command id</dt>
            <dd className={styles.mono}>{commandId ?? '—'}</dd>
            <dt>Sent by</dt>
            <dd>{String(event.metadata.actor ?? '—')}</dd>
            <dt>Decided at</dt>
            <dd>{formatUtc(record.data?.recordedAt ?? event.recordedAt)}</dd>
            <dt>Wrote</dt>
            <dd data-testid="command-events">
              {record.isPending && commandId !== null ? (
                '…'
              ) : siblings.length > 0 ? (
                <span className={extras.siblings}>
                  {siblings.map((sibling) => (
                    <button
                      key={sibling.version}
                      type="button"
                      className={styles.chip}
                      aria-current={sibling.version === event.streamVersion ? 'true' : undefined}
                      onClick={() => pushVersion(sibling.version)}
                      title={`global position ${sibling.globalPosition}`}
                    >
                      v{sibling.version} {sibling.type}
                    </button>
                  ))}
                </span>
              ) : (
                <span className={styles.muted}>{record.isError ? record.error.message : 'this event'}</span>
              )}
            </dd>
          </dl>
          {input !== null ? (
            <pre className={`${styles.payload} ${extras.input}`} data-testid="command-input" role="region" aria-label="Command input" tabIndex={0}>
              {JSON.stringify(input, null, 2)}
            </pre>
          ) : null}
        </>
      )}
    </section>
  );
}
