import type { SnapshotStore } from '../core/snapshots';

/**
 * A snapshot store whose writes can be awaited: the loader writes snapshots off
 * the command's path, which a short-lived process must wait for before it exits.
 */
export const trackedSnapshots = (store: SnapshotStore): SnapshotStore & { settled(): Promise<void> } => {
  const saves: Promise<void>[] = [];
  return {
    latest: (streamId, stateSchemaVersion, atOrBefore) => store.latest(streamId, stateSchemaVersion, atOrBefore),
    save: (snapshot) => {
      const saved = store.save(snapshot);
      saves.push(saved);
      return saved;
    },
    list: (streamId) => store.list(streamId),
    delete: (streamId) => store.delete(streamId),
    close: () => store.close(),
    async settled() {
      // The loader schedules its write with setImmediate.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.allSettled(saves);
    },
  };
};
