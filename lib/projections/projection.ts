import type { RecordedEvent } from '../core/envelope';
import type { ReadTx } from '../read/read-db';

export type ProjectionContext = { tx: ReadTx; generation: number };

/**
 * A projection folds events, in global order, into its read-model rows. It is
 * deterministic (the same events give the same rows) and writes only through
 * the transaction it is handed, which also moves its checkpoint.
 */
export type Projection = {
  name: string;
  /** Bump when the fold changes: the projection is rebuilt from the first event. */
  version: number;
  /** Event types it folds; others only advance its checkpoint. */
  eventTypes: readonly string[];
  apply: (event: RecordedEvent, context: ProjectionContext) => Promise<void>;
  /** Removes every row of one generation (an abandoned or retired build). */
  drop: (context: ProjectionContext) => Promise<void>;
};
