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

/** The filters of an event query, without its paging. */
export type CountQuery = Omit<EventQuery, 'cursor' | 'order' | 'limit'>;

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

/** How the stream list is ordered: newest activity first, most events first, or by id. */
export type StreamSort = 'recent' | 'size' | 'id';

/**
 * Which streams the stream browser asks for, one page at a time. `search` matches part of the id
 * (case-insensitive) or, with `searchIds`, any of those exact ids (the streams of a holder).
 * `after` is the last row of the previous page in the same sort (keyset paging).
 */
export type StreamListQuery = {
  category?: string;
  search?: string;
  searchIds?: readonly string[];
  sort: StreamSort;
  after?: { streamId: string; version: number; lastPosition: number };
  limit: number;
};

/** One stream as the browser lists it; `version` is its event count (versions run 1..n without gaps). */
export type StreamListRow = {
  streamId: string;
  version: number;
  firstVersion: number;
  lastPosition: number;
  lastType: string;
  firstAt: Date;
  lastAt: Date;
};

/** The order and keyset of each sort, shared by the adapters and the in-memory specification. */
export const compareStreamRows = (sort: StreamSort) => (a: Pick<StreamListRow, 'streamId' | 'version' | 'lastPosition'>, b: typeof a): number => {
  if (sort === 'recent') return b.lastPosition - a.lastPosition;
  if (sort === 'size' && a.version !== b.version) return b.version - a.version;
  return a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0;
};

/** Reads for auditors, answered by SQL in each adapter. */
export interface AuditQueries {
  queryEvents(query: EventQuery): Promise<RecordedEvent[]>;
  /** How many events match, counted up to `cap` (a larger answer is `cap + 1`): the audit trail's match count, bounded work. */
  countEvents(query: CountQuery, cap: number): Promise<number>;
  /** One page of streams with their counts and first/last event, from one grouped query over the events. */
  listStreams(query: StreamListQuery): Promise<StreamListRow[]>;
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
