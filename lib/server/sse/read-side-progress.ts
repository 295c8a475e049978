import { Checkpoints } from '../../read/projection-checkpoints';
import { PROJECTIONS } from '../../views/registry';
import type { ProjectionInterest, ProjectionProgress } from './read-model-notices';
import { edgeState } from '../web-runtime';

export type ReadSideProgress = {
  projections: readonly ProjectionInterest[];
  /** Never rejects: a read side that cannot be read shows no progress. */
  progress: () => Promise<ProjectionProgress[]>;
};

const LOG_EVERY_MS = 60_000;

/**
 * Live checkpoints of every projection, read straight from the read database
 * rather than through the projection manager: `projectionManager()` would
 * start projections in this process even when CHRONICLE_IN_PROCESS_PROJECTIONS
 * is off, and its `waitForPosition` polls every 15 ms per caller. One answer
 * is shared by every connection asking within `maxAgeMs`, so the load on the
 * read database does not grow with the number of clients.
 */
export const checkpointProgress = (
  checkpoints: () => Checkpoints,
  projections: readonly ProjectionInterest[],
  maxAgeMs = 20,
): ReadSideProgress => {
  let cached: { at: number; answer: Promise<ProjectionProgress[]> } | null = null;
  let loggedAt = -Infinity;

  const read = async (): Promise<ProjectionProgress[]> => {
    const source = checkpoints();
    return Promise.all(
      projections.map(async ({ name }) => {
        const active = await source.activeGeneration(name);
        const checkpoint = active === null ? null : await source.get(name, active);
        return { name, position: checkpoint?.position ?? 0, failed: checkpoint?.status === 'failed' };
      }),
    );
  };

  const progress = (): Promise<ProjectionProgress[]> => {
    const now = Date.now();
    if (cached === null || now - cached.at > maxAgeMs) {
      const answer = read().catch((error: unknown) => {
        if (Date.now() - loggedAt > LOG_EVERY_MS) {
          loggedAt = Date.now();
          console.warn(`[sse] cannot read projection checkpoints: ${(error as Error).message}`);
        }
        return [];
      });
      cached = { at: now, answer };
    }
    return cached.answer;
  };

  return { projections, progress };
};

/** The checkpoints of this server's read database, for every registered projection (one per process, held by its runtime). */
export const serverReadSideProgress = (): ReadSideProgress =>
  edgeState('read-side-progress', (runtime) =>
    checkpointProgress(
      () => new Checkpoints(runtime.readDb),
      PROJECTIONS.map(({ name, eventTypes }) => ({ name, eventTypes })),
    ),
  );
