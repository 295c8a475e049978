import type { NewEvent, RecordedEvent } from './envelope';

/**
 * `any`: no check. `no_stream`: the stream must not exist. `stream_exists`: it must.
 * A number: the stream must be at exactly that version (0 means empty).
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export type AppendOptions = {
  expectedVersion?: ExpectedVersion;
  /**
   * Records that this command produced the batch, atomically with it. A second
   * append under the same command id writes nothing and returns the first result.
   */
  commandId?: string;
};

export type AppendResult = {
  streamId: string;
  /** The stream's version after the append. */
  nextExpectedVersion: number;
  /** Global position of the last event written. */
  lastGlobalPosition: number;
  /** True when the command id had been recorded before and nothing new was written. */
  duplicate: boolean;
};

export type ReadStreamOptions = { fromVersion?: number; toVersion?: number; limit?: number };
export type ReadAllOptions = { fromPosition?: number; limit?: number };

export type StreamHead = { version: number; hash: string | null };

/** The event store port. Adapters: in-memory, SQLite, PostgreSQL. */
export interface EventStore {
  appendToStream(streamId: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream in version order, versions inclusive. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of every stream in global order, positions after `fromPosition` (exclusive). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  streamExists(streamId: string): Promise<boolean>;
  /** The global position of the newest event (0 when empty). */
  headPosition(): Promise<number>;
  /** The result recorded for a command id, if any. */
  findCommand(commandId: string): Promise<AppendResult | null>;
  close(): Promise<void>;
}
