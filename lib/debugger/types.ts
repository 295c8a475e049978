import type { RecordedEvent } from '../core/envelope';

/** An event as the debugger shows it: upcast to today's shape, with what was stored beside it. */
export type DebuggerEvent = {
  eventId: string;
  streamVersion: number;
  globalPosition: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string;
  hash: string;
  stored: { schemaVersion: number; data: unknown };
};

export const debuggerEvent = (stored: RecordedEvent, current: RecordedEvent): DebuggerEvent => ({
  eventId: current.eventId,
  streamVersion: current.streamVersion,
  globalPosition: current.globalPosition,
  type: current.type,
  schemaVersion: current.schemaVersion,
  data: current.data,
  metadata: current.metadata,
  recordedAt: current.recordedAt.toISOString(),
  hash: current.hash,
  stored: { schemaVersion: stored.schemaVersion, data: stored.data },
});

export type StateView = {
  streamId: string;
  head: number;
  version: number;
  state: unknown;
  previousState: unknown;
  /** The event that made `state` from `previousState`; null at version 0. */
  event: DebuggerEvent | null;
  changedPaths: string[];
};

export type TimelineRow = {
  version: number;
  globalPosition: number;
  type: string;
  recordedAt: string;
  actor: string;
  correlationId: string;
  causationId: string | null;
  /** Signed effect on the balance, when the event moves money. */
  amount: number | null;
};

export type BreakpointHit = { version: number; type: string; recordedAt: string };

export type BreakpointResult = {
  streamId: string;
  expression: string;
  head: number;
  /** Versions where the condition went from false to true, in order. */
  hits: BreakpointHit[];
  hitCount: number;
  truncated: boolean;
  /** Versions whose state holds the condition (a hit starts each run of them). */
  trueCount: number;
  elapsedMs: number;
};

export type SnapshotMark = {
  version: number;
  createdAt: string;
  stateSchemaVersion: number;
  /** In the state schema the code reads today; older ones are ignored by the loader. */
  current: boolean;
  /** Stored state differs from the state replayed from events; null when not comparable. */
  drift: boolean | null;
};

export type SnapshotComparison = {
  streamId: string;
  version: number;
  stored: unknown;
  replayed: unknown;
  drift: boolean;
  changedPaths: string[];
};

export type TestCase = {
  name: string;
  streamId: string;
  version: number;
  /** When the history is long: the replayed state the given events start from. */
  givenState: { version: number; state: unknown } | null;
  given: Array<{ type: string; data: unknown }>;
  then: unknown;
};

/** Parts of an event-list filter; each given part must match. */
export type EventFilter = {
  /** Case-insensitive, anywhere in the type, payload or metadata. */
  text?: string;
  /** Exact event type. */
  type?: string;
  /** Case-insensitive part of the actor. */
  actor?: string;
};

export type SearchResult = {
  streamId: string;
  head: number;
  filter: EventFilter;
  total: number;
  /** Matching versions in order, up to a limit (`truncated` says when more matched). */
  versions: number[];
  truncated: boolean;
  elapsedMs: number;
};
