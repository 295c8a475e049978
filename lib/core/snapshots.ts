/**
 * A snapshot is an optimisation, never a source of truth: the state of one
 * stream at one version, tagged with the state's schema version. Any of them
 * may be deleted at any time without changing an answer.
 */
export type Snapshot<State = unknown> = {
  streamId: string;
  version: number;
  stateSchemaVersion: number;
  state: State;
  createdAt: Date;
};

export type SnapshotInfo = Omit<Snapshot, 'state'>;

export interface SnapshotStore {
  /** The newest snapshot of the stream at or before `atOrBefore`, in the given state schema version. */
  latest(streamId: string, stateSchemaVersion: number, atOrBefore?: number): Promise<Snapshot | null>;
  save(snapshot: Snapshot): Promise<void>;
  list(streamId: string): Promise<SnapshotInfo[]>;
  /** Removes the stream's snapshots (all streams' when omitted); returns how many. */
  delete(streamId?: string): Promise<number>;
  close(): Promise<void>;
}

export type SnapshotPolicy = {
  /** Take a snapshot each time the stream's version crosses a multiple of this. */
  every: number;
  /** Bump when the state's shape changes: older snapshots are then ignored and replaced. */
  stateSchemaVersion: number;
};

export const DEFAULT_SNAPSHOT_EVERY = 100;

export const crossesSnapshotBoundary = (policy: SnapshotPolicy, fromVersion: number, toVersion: number): boolean =>
  Math.floor(toVersion / policy.every) > Math.floor(fromVersion / policy.every);

export class InMemorySnapshotStore implements SnapshotStore {
  private readonly snapshots = new Map<string, Snapshot[]>();

  async latest(streamId: string, stateSchemaVersion: number, atOrBefore = Number.MAX_SAFE_INTEGER): Promise<Snapshot | null> {
    const usable = (this.snapshots.get(streamId) ?? []).filter((s) => s.stateSchemaVersion === stateSchemaVersion && s.version <= atOrBefore);
    const best = usable.sort((a, b) => b.version - a.version)[0];
    return best ? structuredClone(best) : null;
  }

  async save(snapshot: Snapshot): Promise<void> {
    const others = (this.snapshots.get(snapshot.streamId) ?? []).filter((s) => s.version !== snapshot.version);
    this.snapshots.set(snapshot.streamId, [...others, structuredClone(snapshot)]);
  }

  async list(streamId: string): Promise<SnapshotInfo[]> {
    return (this.snapshots.get(streamId) ?? []).map(({ state: _state, ...info }) => info).sort((a, b) => a.version - b.version);
  }

  async delete(streamId?: string): Promise<number> {
    if (streamId === undefined) {
      const count = [...this.snapshots.values()].reduce((sum, list) => sum + list.length, 0);
      this.snapshots.clear();
      return count;
    }
    const count = this.snapshots.get(streamId)?.length ?? 0;
    this.snapshots.delete(streamId);
    return count;
  }

  async close(): Promise<void> {}
}
