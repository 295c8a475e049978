'use client';

import type { DebuggerEvent } from '@/lib/debugger/types';
import { CommandDetail } from './command-detail';
import { useDebuggerStore } from './debugger-store';
import { RelatedEvents } from './related-events';
import { formatUtc, TYPE_KIND } from './format';
import styles from './debugger.module.css';

const ENVELOPE_KEYS = ['actor', 'correlationId', 'causationId', 'commandId', 'command'];

/** The event applied at this position: envelope, every metadata field, payload as upcast or as stored. */
export function EventCard({ event, version }: { event: DebuggerEvent | null; version: number }) {
  const form = useDebuggerStore((state) => state.payloadForm);
  const setForm = useDebuggerStore((state) => state.setPayloadForm);
  if (!event) {
    return (
      <section className={styles.panel} aria-labelledby="event-card-title">
        <h2 id="event-card-title">Event</h2>
        <p className={styles.muted}>{version === 0 ? 'Version 0: before the first event. Step forward to see what happened.' : 'Loading the event…'}</p>
      </section>
    );
  }
  const upcast = event.stored.schemaVersion !== event.schemaVersion;
  const extra = Object.entries(event.metadata).filter(([key]) => !ENVELOPE_KEYS.includes(key));
  const payload = form === 'stored' ? event.stored.data : event.data;
  return (
    <section className={styles.panel} aria-labelledby="event-card-title" data-testid="event-card">
      <h2 id="event-card-title">
        <span className={`${styles.type} ${styles[`kind_${TYPE_KIND[event.type] ?? 'other'}`]}`}>{event.type}</span>
        <span className={styles.badge} title="Schema version as read (and as stored)">
          schema v{event.schemaVersion}
          {upcast ? ` (stored v${event.stored.schemaVersion})` : ''}
        </span>
      </h2>
      <dl className={styles.facts}>
        <dt>Version</dt>
        <dd>{event.streamVersion}</dd>
        <dt>Global position</dt>
        <dd>{event.globalPosition}</dd>
        <dt>Recorded at</dt>
        <dd>{formatUtc(event.recordedAt)}</dd>
        <dt>Actor</dt>
        <dd data-testid="event-actor">{String(event.metadata.actor ?? '—')}</dd>
        <dt>Command</dt>
        <dd className={styles.mono}>{String(event.metadata.commandId ?? '— (none recorded)')}</dd>
        <dt>Correlation</dt>
        <dd className={styles.mono}>{String(event.metadata.correlationId ?? '—')}</dd>
        <dt>Causation</dt>
        <dd className={styles.mono}>{String(event.metadata.causationId ?? '—')}</dd>
        {extra.map(([key, value]) => (
          <FactRow key={key} name={key} value={value} />
        ))}
        <dt>Hash</dt>
        <dd className={styles.mono} title={event.hash}>
          {event.hash.slice(0, 16)}…
        </dd>
      </dl>
      <CommandDetail event={event} />
      <div className={styles.payloadHeader}>
        <h3>Payload</h3>
        <div role="group" aria-label="Payload form" className={styles.toggle}>
          <button type="button" aria-pressed={form === 'current'} onClick={() => setForm('current')}>
            Upcast
          </button>
          <button type="button" aria-pressed={form === 'stored'} onClick={() => setForm('stored')}>
            Stored
          </button>
        </div>
      </div>
      <pre className={styles.payload} data-testid="event-payload" role="region" aria-label="Event payload" tabIndex={0}>
        {JSON.stringify(payload, null, 2)}
      </pre>
      <RelatedEvents event={event} />
    </section>
  );
}

function FactRow({ name, value }: { name: string; value: unknown }) {
  return (
    <>
      <dt>{name}</dt>
      <dd className={styles.mono}>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
    </>
  );
}
