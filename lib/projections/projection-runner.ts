import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { isMigratedCopy } from '../core/migrated-from';
import type { ReadDb } from '../read/read-db';
import { isDatabaseUnavailable } from '../read/read-db-errors';
import { LeaseLostError, type Checkpoints } from '../read/projection-checkpoints';
import type { Projection } from './projection';

export type BatchOutcome =
  | { kind: 'progressed'; position: number; events: number }
  | { kind: 'idle'; position: number }
  | { kind: 'leased-elsewhere' }
  | { kind: 'stopped'; status: 'failed' | 'retired' | 'missing' }
  | { kind: 'failed'; position: number; error: unknown };

export type RunnerOptions = { holder: string; batchSize?: number; leaseMs?: number };

/** A fault of the database (busy, locked, gone) or a lost lease, not of the projection: the batch is simply tried again. */
const isTransient = (error: unknown): boolean => error instanceof LeaseLostError || isDatabaseUnavailable(error);

/**
 * Applies the next batch of events to one generation of a projection, in one
 * transaction with its checkpoint: a crash or a replayed batch never applies
 * an event twice or skips one. A projection that throws stops at that event:
 * the events before it are committed, the failure is recorded with its position.
 */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly leaseMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadDb,
    private readonly checkpoints: Checkpoints,
    private readonly options: RunnerOptions,
  ) {
    this.batchSize = options.batchSize ?? 250;
    this.leaseMs = options.leaseMs ?? 10_000;
  }

  async processBatch(projection: Projection, generation: number): Promise<BatchOutcome> {
    const checkpoint = await this.checkpoints.get(projection.name, generation);
    if (!checkpoint) return { kind: 'stopped', status: 'missing' };
    if (checkpoint.status === 'failed' || checkpoint.status === 'retired') return { kind: 'stopped', status: checkpoint.status };
    if (!(await this.checkpoints.acquireLease(projection.name, generation, this.options.holder, this.leaseMs))) {
      return { kind: 'leased-elsewhere' };
    }
    const events = await this.store.readAll({ fromPosition: checkpoint.position, limit: this.batchSize });
    if (events.length === 0) return { kind: 'idle', position: checkpoint.position };

    const failedAt = await this.applyUntilFailure(projection, generation, events);
    if (failedAt === null) return { kind: 'progressed', position: events.at(-1)!.globalPosition, events: events.length };
    if (isTransient(failedAt.error)) return { kind: 'leased-elsewhere' };
    // Commit what came before the failing event, then stop at it.
    const before = events.slice(0, failedAt.index);
    if (before.length > 0 && (await this.applyUntilFailure(projection, generation, before)) !== null) {
      return { kind: 'leased-elsewhere' };
    }
    const position = events[failedAt.index]!.globalPosition;
    await this.checkpoints.recordFailure(projection.name, generation, position, failedAt.error);
    return { kind: 'failed', position, error: failedAt.error };
  }

  private async applyUntilFailure(
    projection: Projection,
    generation: number,
    events: RecordedEvent[],
  ): Promise<{ index: number; error: unknown } | null> {
    let index = 0;
    try {
      await this.db.$transaction(
        async (tx) => {
          for (index = 0; index < events.length; index++) {
            const event = events[index]!;
            // A stream migration's copy restates facts its original stream already gave this projection.
            if (projection.eventTypes.includes(event.type) && !isMigratedCopy(event)) await projection.apply(event, { tx, generation });
          }
          index = events.length;
          await this.checkpoints.advance(tx, projection.name, generation, this.options.holder, events.at(-1)!.globalPosition, this.leaseMs);
        },
        { timeout: 60_000, maxWait: 10_000 },
      );
      return null;
    } catch (error) {
      return { index: Math.min(index, events.length - 1), error };
    }
  }
}
