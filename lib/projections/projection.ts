import type { RecordedEvent } from '../core/envelope';
import type { SqlBatch } from './engine/sql-batch';

/**
 * Where a projection's documents live: how the documents a batch touches are
 * loaded (one query per table) and how the changed ones are written back (one
 * multi-row statement per table), inside the batch's transaction.
 */
export type DocumentTable<D> = {
  load(sql: SqlBatch, generation: number, ids: readonly string[]): Promise<Map<string, D>>;
  /**
   * Every state each changed document went through in the batch, oldest first;
   * the last is its state now (null: deleted). A table of current states
   * writes the last; an append-only table writes each.
   */
  write(sql: SqlBatch, generation: number, changes: ReadonlyMap<string, readonly (D | null)[]>): Promise<void>;
  /** Removes every row of one generation (an abandoned or retired build). */
  drop(sql: SqlBatch, generation: number): Promise<void>;
};

/**
 * A projection is a pure fold: events, in global order, evolve documents kept
 * by id. It does no I/O; the engine loads the documents a batch touches, folds
 * the batch in memory and writes the changed ones with the checkpoint in one
 * transaction. The same events give the same documents.
 */
export type Projection<D = unknown> = {
  name: string;
  /** Bump when the fold changes: the projection is rebuilt from the first event. */
  version: number;
  /** Event types it folds; others only advance its checkpoint. */
  eventTypes: readonly string[];
  /** The documents an event of a folded type changes. */
  documentIds(event: RecordedEvent): readonly string[];
  /** The document after the event (null: it no longer exists). Returning `document` itself means unchanged. Pure. */
  evolve(document: D | null, event: RecordedEvent, id: string): D | null;
  documents: DocumentTable<D>;
};
