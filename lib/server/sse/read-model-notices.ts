/** What a connection needs to know about a projection: its name and the event types that change its rows. */
export type ProjectionInterest = { name: string; eventTypes: readonly string[] };

/** A projection's live checkpoint as last read from the read database. */
export type ProjectionProgress = { name: string; position: number; failed: boolean };

/** Every projection listed has folded every event up to `position`. */
export type ReadModelNotice = { position: number; projections: string[] };

/**
 * Decides, for one connection, when to tell the client that the read side
 * reflects what it was sent. Per projection it remembers the last delivered
 * event that projection folds (`awaited`) and the first one not yet announced
 * (`next`). A notice goes out once the projection's checkpoint reaches `next`,
 * for everything up to the checkpoint (capped at `awaited`), so a projection
 * that lags under steady traffic still reports progress instead of never
 * catching up, and nothing is announced that covers none of its events.
 *
 * On connecting, the start position is awaited: events the client received on
 * an earlier connection may never have been announced, and this covers them.
 */
export class ReadModelNotices {
  private readonly awaited = new Map<string, number>();
  private readonly next = new Map<string, number>();
  private readonly failed = new Set<string>();

  constructor(
    private readonly projections: readonly ProjectionInterest[],
    start: number,
  ) {
    for (const { name } of projections) {
      this.awaited.set(name, start);
      if (start > 0) this.next.set(name, start);
    }
  }

  /** An event frame was sent. */
  delivered(type: string, position: number): void {
    for (const { name, eventTypes } of this.projections) {
      if (!eventTypes.includes(type)) continue;
      this.awaited.set(name, position);
      if (!this.next.has(name)) this.next.set(name, position);
    }
  }

  /** Some projection that is not known to have failed has something to announce. */
  pending(): boolean {
    return this.projections.some(({ name }) => !this.failed.has(name) && this.next.has(name));
  }

  /** The notices that progress allows, lowest position first, projections sharing a position grouped. */
  due(progress: readonly ProjectionProgress[]): ReadModelNotice[] {
    const byPosition = new Map<number, string[]>();
    for (const { name, position, failed } of progress) {
      if (failed) this.failed.add(name);
      else this.failed.delete(name);
      const next = this.next.get(name);
      const awaited = this.awaited.get(name);
      if (next === undefined || awaited === undefined || position < next) continue;
      const reached = Math.min(position, awaited);
      // Which delivered event comes after `reached` is not kept; the position after it is a safe lower bound.
      if (reached === awaited) this.next.delete(name);
      else this.next.set(name, reached + 1);
      byPosition.set(reached, [...(byPosition.get(reached) ?? []), name]);
    }
    return [...byPosition.entries()].sort(([a], [b]) => a - b).map(([position, projections]) => ({ position, projections }));
  }
}
