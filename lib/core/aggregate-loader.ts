import { LRUCache } from 'lru-cache';
import type { Decider } from './decider';
import type { EventStore } from './event-store';
import { crossesSnapshotBoundary, type SnapshotPolicy, type SnapshotStore } from './snapshots';

export type LoadedAggregate<State> = { state: State; version: number };

export type LoaderStats = { hits: number; misses: number; snapshotLoads: number; eventsFolded: number };

export type AggregateLoaderOptions = {
  snapshots?: { store: SnapshotStore; policy: SnapshotPolicy };
  /** Hot aggregates kept in memory; bounded by count and approximate bytes, least recently used out first. */
  cache?: { maxEntries: number; maxBytes: number };
  /** Where snapshot writes are reported if they fail; they never fail a command. */
  onSnapshotError?: (error: unknown) => void;
};

type CachedAggregate = { state: unknown; version: number };

/**
 * Loads an aggregate's state: from the in-memory cache, else the latest usable
 * snapshot, else nothing; then folds the tail of events after it. The tail
 * read doubles as the freshness check, so another process's appends are
 * always folded in before a decision.
 */
export class AggregateLoader<State, Event> {
  readonly stats: LoaderStats = { hits: 0, misses: 0, snapshotLoads: 0, eventsFolded: 0 };
  private readonly cache: LRUCache<string, CachedAggregate> | null;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
    private readonly options: AggregateLoaderOptions = {},
  ) {
    this.cache = options.cache
      ? new LRUCache<string, CachedAggregate>({
          max: options.cache.maxEntries,
          maxSize: options.cache.maxBytes,
          sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.state).length * 2),
        })
      : null;
  }

  async load(streamId: string): Promise<LoadedAggregate<State>> {
    const start = await this.startingPoint(streamId);
    const tail = await this.store.readStream(streamId, { fromVersion: start.version + 1 });
    let state = start.state;
    for (const event of tail) state = this.decider.evolve(state, event as unknown as Event);
    this.stats.eventsFolded += tail.length;
    const loaded = { state, version: start.version + tail.length };
    this.remember(streamId, loaded);
    // A long fold means no usable snapshot (none yet, or one of an older state schema): write a fresh one.
    if (this.options.snapshots && tail.length >= this.options.snapshots.policy.every) this.snapshotLater(streamId, loaded);
    return loaded;
  }

  /** The state at a version (for time travel): the nearest snapshot at or before it plus the events up to it. */
  async stateAt(streamId: string, version: number): Promise<LoadedAggregate<State>> {
    const snapshot = await this.usableSnapshot(streamId, version);
    const from = snapshot ?? { state: this.decider.initialState(), version: 0 };
    const tail = await this.store.readStream(streamId, { fromVersion: from.version + 1, toVersion: version });
    let state = from.state;
    for (const event of tail) state = this.decider.evolve(state, event as unknown as Event);
    return { state, version: from.version + tail.length };
  }

  /**
   * After this process appended: caches the new state and, when the stream
   * crossed a snapshot boundary, writes a snapshot off the command's path.
   */
  appended(streamId: string, previousVersion: number, next: LoadedAggregate<State>): void {
    this.remember(streamId, next);
    const policy = this.options.snapshots?.policy;
    if (policy && crossesSnapshotBoundary(policy, previousVersion, next.version)) this.snapshotLater(streamId, next);
  }

  private snapshotLater(streamId: string, loaded: LoadedAggregate<State>): void {
    const snapshots = this.options.snapshots!;
    const snapshot = {
      streamId,
      version: loaded.version,
      stateSchemaVersion: snapshots.policy.stateSchemaVersion,
      state: structuredClone(loaded.state),
      createdAt: new Date(),
    };
    setImmediate(() => {
      snapshots.store.save(snapshot).catch((error: unknown) => this.options.onSnapshotError?.(error));
    });
  }

  forget(streamId: string): void {
    this.cache?.delete(streamId);
  }

  private async startingPoint(streamId: string): Promise<LoadedAggregate<State>> {
    const cached = this.cache?.get(streamId);
    if (cached) {
      this.stats.hits++;
      return { state: structuredClone(cached.state) as State, version: cached.version };
    }
    this.stats.misses++;
    const snapshot = await this.usableSnapshot(streamId);
    if (snapshot) this.stats.snapshotLoads++;
    return snapshot ?? { state: this.decider.initialState(), version: 0 };
  }

  private async usableSnapshot(streamId: string, atOrBefore?: number): Promise<LoadedAggregate<State> | null> {
    const snapshots = this.options.snapshots;
    if (!snapshots) return null;
    const snapshot = await snapshots.store.latest(streamId, snapshots.policy.stateSchemaVersion, atOrBefore);
    return snapshot ? { state: snapshot.state as State, version: snapshot.version } : null;
  }

  private remember(streamId: string, loaded: LoadedAggregate<State>): void {
    this.cache?.set(streamId, { state: structuredClone(loaded.state), version: loaded.version });
  }
}
