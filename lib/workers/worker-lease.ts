import type { ReadDb } from '../read/read-db';
import { Checkpoints } from '../read/projection-checkpoints';

/** What the operations page shows of a worker's lease. */
export type LeaseState = { holder: string | null; expiresAt: Date | null; lastError: string | null; lastErrorAt: Date | null };

/**
 * One worker at a time across processes (the transfer saga, the outbox relay), by a lease in the
 * same table as the projections' (`projection_checkpoints`, one row named after the worker,
 * generation 1): a holder that dies keeps it only until it expires. Projections take theirs per
 * generation through the same table, inside their batch's transaction.
 */
export class WorkerLease {
  private readonly checkpoints: Checkpoints;
  private ensured = false;

  constructor(
    private readonly db: ReadDb,
    readonly name: string,
    readonly holder: string,
    readonly leaseMs: number,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.checkpoints = new Checkpoints(db, clock);
  }

  /** Takes or renews the lease; false while another live holder has it. */
  async acquire(): Promise<boolean> {
    await this.ensureRow();
    return this.checkpoints.acquireLease(this.name, 1, this.holder, this.leaseMs);
  }

  /** Hands the lease back (expired at once, so another process takes it now); the last holder stays visible. */
  async release(): Promise<void> {
    await this.db.projectionCheckpoint.updateMany({
      where: { projection: this.name, generation: 1, leaseHolder: this.holder },
      data: { leaseExpiresAt: new Date(0) },
    });
  }

  async position(): Promise<number> {
    return (await this.checkpoints.get(this.name, 1))?.position ?? 0;
  }

  /** Moves the worker's checkpoint; fails if the lease was lost. */
  async save(position: number): Promise<void> {
    await this.db.$transaction((tx) => this.checkpoints.advance(tx, this.name, 1, this.holder, position, this.leaseMs));
  }

  /** Why the worker last could not do its job (null once it can again); kept only while this process holds the lease. */
  async recordError(message: string | null): Promise<void> {
    await this.db.projectionCheckpoint.updateMany({
      where: { projection: this.name, generation: 1, leaseHolder: this.holder },
      data: { lastError: message, errorAt: message === null ? null : this.clock() },
    });
  }

  async state(): Promise<LeaseState | null> {
    const row = await this.checkpoints.get(this.name, 1);
    return row ? { holder: row.leaseHolder, expiresAt: row.leaseExpiresAt, lastError: row.lastError, lastErrorAt: row.errorAt } : null;
  }

  private async ensureRow(): Promise<void> {
    if (this.ensured) return;
    // Two processes starting together may both try to create the row; one create wins.
    await this.checkpoints.ensureProjection(this.name, 1).catch(async (error: unknown) => {
      if ((await this.checkpoints.activeGeneration(this.name)) === null) throw error;
    });
    this.ensured = true;
  }
}
