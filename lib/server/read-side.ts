import { ProjectionManager } from '../projections/projection-manager';
import { PROJECTIONS } from '../projections/registry';
import { createReadDb, type ReadDb } from '../read/read-db';
import { appendSignal } from './append-signal';
import { eventStore } from './event-store';

const globalForReadSide = globalThis as unknown as { chronicleReadDb?: ReadDb; chronicleProjections?: ProjectionManager };

/** One read-side Prisma client per server process. */
export const readDb = (): ReadDb => (globalForReadSide.chronicleReadDb ??= createReadDb());

/**
 * The projection manager of this server process, started on first use and
 * woken after every append made here.
 */
export const projectionManager = (): ProjectionManager => {
  if (!globalForReadSide.chronicleProjections) {
    const manager = new ProjectionManager(eventStore(), readDb(), PROJECTIONS, {
      log: (message) => console.log(`[projections] ${message}`),
    });
    globalForReadSide.chronicleProjections = manager;
    appendSignal().onAppended(() => manager.notify());
    void manager.start().catch((error: unknown) => console.error('[projections] failed to start', error));
  }
  return globalForReadSide.chronicleProjections;
};
