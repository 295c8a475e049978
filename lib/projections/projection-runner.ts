import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import type { ReadDb } from '../read/read-db';
import { isDatabaseUnavailable } from '../read/read-db-errors';
import { LeaseLostError, type Checkpoints } from '../read/projection-checkpoints';
import { foldBatch, touchedIds } from './engine/fold-batch';
import { dialectOf, SqlBatch, type SqlDialect } from './engine/sql-batch';
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

type Applied = { kind: 'committed' } | { kind: 'failed'; index: number; error: unknown } | { kind: 'transient' };

/**
 * Applies the next batch of events to one generation of a projection, in one
 * transaction with its checkpoint: a crash or a replayed batch never applies
 * an event twice or skips one. The batch's documents are loaded in one query
 * per table, folded in memory and the changed ones written back with
 * multi-row statements. A projection that throws stops at that event: the
 * events before it are committed, the failure is recorded with its position.
 * While a batch is written, the next one is already being read.
 */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly dialect: SqlDialect;
  private readonly readAhead = new Map<string, { from: number; limit: number; events: Promise<RecordedEvent[] | null> }>();

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadDb,
    private readonly checkpoints: Checkpoints,
    private readonly options: RunnerOptions,
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.dialect = dialectOf(db);
  }

  async processBatch(projection: Projection, generation: number, batchSize = this.batchSize): Promise<BatchOutcome> {
    const checkpoint = await this.checkpoints.get(projection.name, generation);
    if (!checkpoint) return { kind: 'stopped', status: 'missing' };
    if (checkpoint.status === 'failed' || checkpoint.status === 'retired') return { kind: 'stopped', status: checkpoint.status };
    if (!(await this.checkpoints.acquireLease(projection.name, generation, this.options.holder, this.leaseMs))) {
      return { kind: 'leased-elsewhere' };
    }
    const key = `${projection.name}\u0000${generation}`;
    const events = await this.read(key, checkpoint.position, batchSize);
    if (events.length === 0) return { kind: 'idle', position: checkpoint.position };
    if (events.length === batchSize) this.readNext(key, events.at(-1)!.globalPosition, batchSize);

    const applied = await this.applyInOrder(projection, generation, events);
    if (applied.kind === 'committed') return { kind: 'progressed', position: events.at(-1)!.globalPosition, events: events.length };
    this.readAhead.delete(key);
    if (applied.kind === 'transient') return { kind: 'leased-elsewhere' };
    const position = events[applied.index]!.globalPosition;
    await this.checkpoints.recordFailure(projection.name, generation, position, applied.error);
    return { kind: 'failed', position, error: applied.error };
  }

  /** The events after `from`: the batch read ahead if it starts there, else a fresh read. */
  private async read(key: string, from: number, limit: number): Promise<RecordedEvent[]> {
    const ahead = this.readAhead.get(key);
    this.readAhead.delete(key);
    if (ahead && ahead.from === from && ahead.limit === limit) {
      // An empty read ahead may be stale (events appended since): only events it found are used.
      const events = await ahead.events;
      if (events && events.length > 0) return events;
    }
    return this.store.readAll({ fromPosition: from, limit });
  }

  private readNext(key: string, from: number, limit: number): void {
    // A failed read ahead is only a missed optimisation: the batch is read again when needed.
    this.readAhead.set(key, { from, limit, events: this.store.readAll({ fromPosition: from, limit }).catch(() => null) });
  }

  /**
   * Applies the events, committing the ones before a failure. A write the
   * database refuses (a constraint) cannot be blamed on one event of a folded
   * batch, so the batch is split in halves until the failing event is found.
   */
  private async applyInOrder(projection: Projection, generation: number, events: RecordedEvent[]): Promise<Applied> {
    let outcome: Applied;
    try {
      outcome = await this.applyOnce(projection, generation, events);
    } catch (error) {
      if (isTransient(error)) return { kind: 'transient' };
      if (events.length === 1) return { kind: 'failed', index: 0, error };
      const half = Math.ceil(events.length / 2);
      const first = await this.applyInOrder(projection, generation, events.slice(0, half));
      if (first.kind !== 'committed') return first;
      const second = await this.applyInOrder(projection, generation, events.slice(half));
      return second.kind === 'failed' ? { ...second, index: second.index + half } : second;
    }
    return outcome;
  }

  /** One transaction: load the touched documents, fold, write the changed ones, move the checkpoint. */
  private async applyOnce(projection: Projection, generation: number, events: RecordedEvent[]): Promise<Applied> {
    return this.db.$transaction(
      async (tx) => {
        const sql = new SqlBatch(tx, this.dialect);
        const loaded = await projection.documents.load(sql, generation, touchedIds(projection, events));
        const folded = foldBatch(projection, loaded, events, isTransient);
        if (folded.folded > 0) {
          await projection.documents.write(sql, generation, folded.changes);
          const last = events[folded.folded - 1]!.globalPosition;
          await this.checkpoints.advance(tx, projection.name, generation, this.options.holder, last, this.leaseMs);
        }
        return folded.failure ? { kind: 'failed' as const, ...folded.failure } : { kind: 'committed' as const };
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }

  /** Removes every row of one generation of a projection. */
  async drop(projection: Projection, generation: number): Promise<void> {
    await this.db.$transaction((tx) => projection.documents.drop(new SqlBatch(tx, this.dialect), generation), { timeout: 120_000 });
  }
}
