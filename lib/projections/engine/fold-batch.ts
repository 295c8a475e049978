import type { RecordedEvent } from '../../core/envelope';
import { isMigratedCopy } from '../../core/migrated-from';
import type { Projection } from '../projection';

export type FoldedBatch<D> = {
  /** Every state each changed document went through, oldest first (its last is its state now). */
  changes: Map<string, (D | null)[]>;
  /** How many events were folded: all of them, or those before the failing one. */
  folded: number;
  failure: { index: number; error: unknown } | null;
};

/** Whether a projection folds this event: its types, but not a stream migration's copy (its original already gave that fact). */
export const folds = (projection: Projection, event: RecordedEvent): boolean =>
  projection.eventTypes.includes(event.type) && !isMigratedCopy(event);

/** The ids of the documents a batch touches: what the engine loads before folding. */
export const touchedIds = (projection: Projection, events: readonly RecordedEvent[]): string[] => {
  const ids = new Set<string>();
  for (const event of events) if (folds(projection, event)) for (const id of projection.documentIds(event)) ids.add(id);
  return [...ids];
};

/**
 * Folds a batch of events over the documents it touches, in memory. An event
 * whose evolve throws changes nothing: the fold stops before it, so what was
 * folded can be committed and the failure recorded at that event. `rethrow`
 * lets faults that are not the projection's (a lost lock) abort the batch.
 */
export const foldBatch = <D>(
  projection: Projection<D>,
  loaded: ReadonlyMap<string, D>,
  events: readonly RecordedEvent[],
  rethrow: (error: unknown) => boolean = () => false,
): FoldedBatch<D> => {
  const current = new Map<string, D | null>(loaded);
  const changes = new Map<string, (D | null)[]>();
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    if (!folds(projection, event)) continue;
    // One event may change several documents: all of them or none.
    const next = new Map<string, D | null>();
    try {
      for (const id of projection.documentIds(event)) {
        const before = next.has(id) ? next.get(id)! : (current.get(id) ?? null);
        next.set(id, projection.evolve(before, event, id));
      }
    } catch (error) {
      if (rethrow(error)) throw error;
      return { changes, folded: index, failure: { index, error } };
    }
    for (const [id, document] of next) {
      if (document === (current.get(id) ?? null)) continue;
      current.set(id, document);
      const history = changes.get(id);
      if (history) history.push(document);
      else changes.set(id, [document]);
    }
  }
  return { changes, folded: events.length, failure: null };
};
