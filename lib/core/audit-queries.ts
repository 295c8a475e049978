import type { RecordedEvent } from './envelope';
import type { EventStore } from './event-store';
import type { UpcastingEventStore } from './upcasting-store';

/** Which events an audit query asks for; every filter given must hold. Times are half-open: [from, to). */
export type EventQuery = {
  actor?: string;
  types?: string[];
  from?: Date;
  to?: Date;
  eventId?: string;
  correlationId?: string;
  causationId?: string;
  streamId?: string;
  /** Streams `{category}-…`. */
  category?: string;
  /** Keyset paging on the global position: events after it (ascending) or before it (descending). */
  cursor?: number;
  order: 'asc' | 'desc';
  limit: number;
};

/** A recorded command whose event is not where the commands table says it is. */
export type CommandMismatch = {
  commandId: string;
  streamId: string;
  version: number;
  position: number;
  /** The event now at that position, if any. */
  found: { streamId: string; streamVersion: number } | null;
};

/** The row both SQL adapters select for a mismatch. */
export type CommandMismatchRow = {
  command_id: string;
  stream_id: string;
  version: number;
  position: number | string;
  found_stream: string | null;
  found_version: number | null;
};

export const commandMismatchFromRow = (row: CommandMismatchRow): CommandMismatch => ({
  commandId: row.command_id,
  streamId: row.stream_id,
  version: row.version,
  position: Number(row.position),
  found: row.found_stream === null ? null : { streamId: row.found_stream, streamVersion: row.found_version! },
});

/**
 * What the database knows about the global order beyond the rows themselves.
 * `densePositions`: a legitimate history has no gap between positions (SQLite's
 * AUTOINCREMENT rolls back with the transaction). PostgreSQL sequences skip
 * values when an append rolls back, so gaps there are not evidence on their own.
 * `sequenceHead`: the highest position ever handed out.
 */
export type IntegrityFacts = { densePositions: boolean; sequenceHead: number | null };

/** Reads for auditors, answered by SQL in each adapter. */
export interface AuditQueries {
  queryEvents(query: EventQuery): Promise<RecordedEvent[]>;
  integrityFacts(): Promise<IntegrityFacts>;
  /** Commands (of one stream, or all) whose recorded position, stream and version no longer match an event. */
  commandMismatches(options: { streamId?: string; limit: number }): Promise<CommandMismatch[]>;
}

export type Auditable = { auditQueries(): AuditQueries };

/** The audit reads behind a store, looking through decorators that keep `stored` (upcasting). */
export const auditQueriesOf = (store: EventStore): AuditQueries | null => {
  let current: unknown = store;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (typeof (current as Partial<Auditable>).auditQueries === 'function') return (current as Auditable).auditQueries();
    current = (current as { stored?: unknown }).stored;
  }
  return null;
};

/** The store as written (hashes cover stored shapes): the innermost `stored`. */
export const storedEventsOf = (store: EventStore): EventStore => {
  let current = store;
  for (let inner = (current as Partial<UpcastingEventStore>).stored; inner; inner = (current as Partial<UpcastingEventStore>).stored) current = inner;
  return current;
};
