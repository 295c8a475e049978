import type { ReadDb } from '../read/read-db';
import { Checkpoints } from '../read/projection-checkpoints';
import type { SagaCheckpoint } from './saga-checkpoint';

export const TRANSFER_SAGA_CHECKPOINT = 'transfer-saga';

/** The saga's checkpoint and lease in the projection checkpoint table (one row, generation 1). */
export class PrismaSagaCheckpoint implements SagaCheckpoint {
  private readonly checkpoints: Checkpoints;
  private ensured = false;

  constructor(
    private readonly db: ReadDb,
    private readonly holder: string,
    private readonly leaseMs: number,
  ) {
    this.checkpoints = new Checkpoints(db);
  }

  async acquire(): Promise<boolean> {
    if (!this.ensured) {
      // Two processes starting together may both try to create the row; one create wins.
      await this.checkpoints.ensureProjection(TRANSFER_SAGA_CHECKPOINT, 1).catch(async (error: unknown) => {
        if ((await this.checkpoints.activeGeneration(TRANSFER_SAGA_CHECKPOINT)) === null) throw error;
      });
      this.ensured = true;
    }
    return this.checkpoints.acquireLease(TRANSFER_SAGA_CHECKPOINT, 1, this.holder, this.leaseMs);
  }

  async position(): Promise<number> {
    return (await this.checkpoints.get(TRANSFER_SAGA_CHECKPOINT, 1))?.position ?? 0;
  }

  async save(position: number): Promise<void> {
    await this.db.$transaction((tx) => this.checkpoints.advance(tx, TRANSFER_SAGA_CHECKPOINT, 1, this.holder, position, this.leaseMs));
  }

  async release(): Promise<void> {
    await this.checkpoints.releaseLease(TRANSFER_SAGA_CHECKPOINT, 1, this.holder);
  }
}
