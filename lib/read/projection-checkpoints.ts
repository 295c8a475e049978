import type { ReadDb, ReadTx } from './read-db';
import { isUniqueViolation } from './read-db-errors';

export type CheckpointStatus = 'building' | 'live' | 'failed' | 'retired';

export type Checkpoint = {
  projection: string;
  generation: number;
  version: number;
  position: number;
  status: CheckpointStatus;
  lastError: string | null;
  errorPosition: number | null;
  errorAt: Date | null;
  leaseHolder: string | null;
  leaseExpiresAt: Date | null;
  updatedAt: Date;
};

type CheckpointRow = Omit<Checkpoint, 'position' | 'errorPosition' | 'status'> & {
  position: bigint;
  errorPosition: bigint | null;
  status: string;
};

const toCheckpoint = (row: CheckpointRow): Checkpoint => ({
  ...row,
  status: row.status as CheckpointStatus,
  position: Number(row.position),
  errorPosition: row.errorPosition === null ? null : Number(row.errorPosition),
});

const key = (projection: string, generation: number) => ({ projection_generation: { projection, generation } });

/** Checkpoints, leases and the active generation of each projection, in the read database. */
export class Checkpoints {
  constructor(
    private readonly db: ReadDb,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async activeGeneration(projection: string): Promise<number | null> {
    const row = await this.db.projection.findUnique({ where: { name: projection } });
    return row?.activeGeneration ?? null;
  }

  async get(projection: string, generation: number): Promise<Checkpoint | null> {
    const row = await this.db.projectionCheckpoint.findUnique({ where: key(projection, generation) });
    return row ? toCheckpoint(row) : null;
  }

  async list(projection: string): Promise<Checkpoint[]> {
    const rows = await this.db.projectionCheckpoint.findMany({ where: { projection }, orderBy: { generation: 'asc' } });
    return rows.map(toCheckpoint);
  }

  /** The first generation of a projection never seen before: live at once, built from the first event. */
  async ensureProjection(projection: string, version: number): Promise<void> {
    const now = this.clock();
    try {
      await this.db.$transaction(async (tx) => {
        if (await tx.projection.findUnique({ where: { name: projection } })) return;
        await tx.projection.create({ data: { name: projection, activeGeneration: 1, updatedAt: now } });
        await tx.projectionCheckpoint.create({
          data: { projection, generation: 1, version, position: 0n, status: 'live', updatedAt: now },
        });
      });
    } catch (error) {
      // Two projectors starting together on a new database both found nothing; the other one registered it.
      if (isUniqueViolation(error) && (await this.db.projection.findUnique({ where: { name: projection } }))) return;
      throw error;
    }
  }

  /** A new generation beside the active one, built from the first event; returns its number. */
  async startBuild(projection: string, version: number): Promise<number> {
    const now = this.clock();
    return this.db.$transaction(async (tx) => {
      const last = await tx.projectionCheckpoint.findFirst({ where: { projection }, orderBy: { generation: 'desc' } });
      const generation = (last?.generation ?? 0) + 1;
      await tx.projectionCheckpoint.create({
        data: { projection, generation, version, position: 0n, status: 'building', updatedAt: now },
      });
      return generation;
    });
  }

  /** Takes or renews the lease of one generation; false while another live holder has it. */
  async acquireLease(projection: string, generation: number, holder: string, leaseMs: number): Promise<boolean> {
    const now = this.clock();
    const { count } = await this.db.projectionCheckpoint.updateMany({
      where: {
        projection,
        generation,
        status: { in: ['building', 'live'] },
        OR: [{ leaseHolder: holder }, { leaseHolder: null }, { leaseExpiresAt: { lt: now } }],
      },
      data: { leaseHolder: holder, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
    });
    return count === 1;
  }

  async releaseLease(projection: string, generation: number, holder: string): Promise<void> {
    await this.db.projectionCheckpoint.updateMany({
      where: { projection, generation, leaseHolder: holder },
      data: { leaseHolder: null, leaseExpiresAt: null },
    });
  }

  /** Moves the checkpoint inside the batch's transaction; fails (rolling back the batch) if the lease was lost. */
  async advance(tx: ReadTx, projection: string, generation: number, holder: string, position: number, leaseMs: number): Promise<void> {
    const now = this.clock();
    const { count } = await tx.projectionCheckpoint.updateMany({
      where: { projection, generation, leaseHolder: holder, status: { in: ['building', 'live'] } },
      data: { position: BigInt(position), leaseExpiresAt: new Date(now.getTime() + leaseMs), updatedAt: now },
    });
    if (count !== 1) throw new LeaseLostError(projection, generation);
  }

  async recordFailure(projection: string, generation: number, position: number, error: unknown): Promise<void> {
    const now = this.clock();
    await this.db.projectionCheckpoint.update({
      where: key(projection, generation),
      data: {
        status: 'failed',
        lastError: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        errorPosition: BigInt(position),
        errorAt: now,
        leaseHolder: null,
        leaseExpiresAt: null,
        updatedAt: now,
      },
    });
  }

  /** After a fix: a failed generation resumes from its checkpoint. */
  async resume(projection: string, generation: number): Promise<void> {
    const active = await this.activeGeneration(projection);
    await this.db.projectionCheckpoint.updateMany({
      where: { projection, generation, status: 'failed' },
      data: { status: active === generation ? 'live' : 'building', lastError: null, errorPosition: null, errorAt: null, updatedAt: this.clock() },
    });
  }

  /** Makes a caught-up build the one queries read; the generation it replaces is retired. */
  async switchTo(tx: ReadTx, projection: string, generation: number): Promise<number | null> {
    const now = this.clock();
    const previous = (await tx.projection.findUnique({ where: { name: projection } }))?.activeGeneration ?? null;
    await tx.projection.upsert({
      where: { name: projection },
      create: { name: projection, activeGeneration: generation, updatedAt: now },
      update: { activeGeneration: generation, updatedAt: now },
    });
    await tx.projectionCheckpoint.update({ where: key(projection, generation), data: { status: 'live', updatedAt: now } });
    await tx.projectionCheckpoint.updateMany({
      where: { projection, generation: { not: generation }, status: { not: 'retired' } },
      data: { status: 'retired', leaseHolder: null, leaseExpiresAt: null, updatedAt: now },
    });
    return previous;
  }

  async forget(tx: ReadTx, projection: string, generation: number): Promise<void> {
    await tx.projectionCheckpoint.delete({ where: key(projection, generation) });
  }
}

export class LeaseLostError extends Error {
  constructor(projection: string, generation: number) {
    super(`Lost the lease of ${projection} generation ${generation}`);
  }
}
