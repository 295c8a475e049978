import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventStore } from '../core/event-store';
import type { ReadDb } from '../read/read-db';
import { isDatabaseUnavailable } from '../read/read-db-errors';
import { Checkpoints, type Checkpoint } from '../read/projection-checkpoints';
import type { Projection } from './projection';
import { WorkerLoop } from '../workers/worker-loop';
import { ProjectionRunner, type BatchOutcome } from './projection-runner';

export type ProjectionStatus = {
  name: string;
  version: number;
  activeGeneration: number | null;
  status: Checkpoint['status'] | 'unknown';
  checkpoint: number;
  head: number;
  lag: { events: number; seconds: number };
  lastError: { message: string; position: number | null; at: string | null } | null;
  rebuilding: { generation: number; checkpoint: number } | null;
};

export type ManagerOptions = {
  pollMs?: number;
  /** Events per batch while keeping up (small: a batch holds the web process's event loop while it is written). */
  batchSize?: number;
  /** Events per batch of a rebuild run to the head by `runBuild` (large: fewer round trips). */
  rebuildBatchSize?: number;
  leaseMs?: number;
  holder?: string;
  log?: (message: string) => void;
};

/**
 * Keeps every projection caught up: its live generation and, when the code's
 * version differs, a new generation built beside it and switched in once it
 * has caught up. Runs in the web server (woken right after appends) and in
 * `npm run projector`; leases keep one writer per projection generation.
 */
export class ProjectionManager {
  readonly checkpoints: Checkpoints;
  readonly holder: string;
  private readonly runner: ProjectionRunner;
  private readonly pollMs: number;
  private readonly rebuildBatchSize: number;
  private running = false;
  private loops: WorkerLoop[] = [];
  private starting: Promise<void> | null = null;
  private readonly log: (message: string) => void;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadDb,
    private readonly projections: readonly Projection[],
    options: ManagerOptions = {},
  ) {
    this.checkpoints = new Checkpoints(db);
    const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.holder = holder;
    this.runner = new ProjectionRunner(store, db, this.checkpoints, { holder, batchSize: options.batchSize, leaseMs: options.leaseMs });
    this.pollMs = options.pollMs ?? 500;
    this.rebuildBatchSize = options.rebuildBatchSize ?? options.batchSize ?? 5000;
    this.log = options.log ?? (() => undefined);
  }

  /** Starts the loops once; callers that ask again while it starts wait for the same start. */
  start(): Promise<void> {
    if (!this.starting) {
      this.running = true;
      this.starting = this.begin().catch((error: unknown) => {
        this.starting = null;
        this.running = false;
        throw error;
      });
    }
    return this.starting;
  }

  private async begin(): Promise<void> {
    for (const projection of this.projections) await this.register(projection);
    if (!this.running) return; // stopped while it was starting
    this.loops = this.projections.map(
      (projection) =>
        new WorkerLoop(() => this.pass(projection), { name: `projection ${projection.name}`, backoff: { baseMs: this.pollMs, maxMs: 5_000 }, log: this.log }),
    );
    for (const loop of this.loops) loop.start();
  }

  /** A projection seen for the first time gets its rows; a busy or unreachable database at start-up is waited out, not fatal. */
  private async register(projection: Projection): Promise<void> {
    for (;;) {
      try {
        return await this.checkpoints.ensureProjection(projection.name, projection.version);
      } catch (error) {
        if (!this.running || !isDatabaseUnavailable(error)) throw error;
        this.log(`projection ${projection.name}: the database is not available yet, retrying (${(error as Error).message.trim().split('\n').at(-1)})`);
        await new Promise((resolve) => setTimeout(resolve, this.pollMs));
      }
    }
  }

  /** Stops the loops and hands back this process's leases, so another projector takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    await this.starting?.catch(() => undefined);
    this.starting = null;
    await Promise.all(this.loops.map((loop) => loop.stop()));
    this.loops = [];
    for (const projection of this.projections) {
      for (const checkpoint of await this.checkpoints.list(projection.name)) {
        await this.checkpoints.releaseLease(projection.name, checkpoint.generation, this.holder);
      }
    }
  }

  /** New events were appended: catch up now rather than at the next poll. */
  notify(): void {
    for (const loop of this.loops) loop.wake();
  }

  /** Catches every projection up to the head once (tests, CLI); stops at failures. */
  async catchUp(): Promise<void> {
    for (const projection of this.projections) {
      await this.checkpoints.ensureProjection(projection.name, projection.version);
      for (;;) {
        const outcome = await this.step(projection);
        if (outcome.kind !== 'progressed') break;
      }
    }
  }

  /** A pass of the projection's worker loop: one batch; the next at once while there is more. */
  private async pass(projection: Projection): Promise<number> {
    const outcome = await this.step(projection);
    if (outcome.kind === 'failed') this.log(`projection ${projection.name} stopped at position ${outcome.position}: ${String(outcome.error)}`);
    return outcome.kind === 'progressed' ? 0 : this.pollMs;
  }

  /** One batch for the live generation, then one for a build in progress (switching it in once caught up). */
  private async step(projection: Projection): Promise<BatchOutcome> {
    const active = await this.checkpoints.activeGeneration(projection.name);
    if (active === null) return { kind: 'stopped', status: 'missing' };
    const live = await this.checkpoints.get(projection.name, active);
    if (live && live.version !== projection.version) await this.ensureBuild(projection);
    const outcome = await this.runner.processBatch(projection, active);
    const building = (await this.checkpoints.list(projection.name)).find((c) => c.status === 'building' && c.version === projection.version);
    if (!building) return outcome;
    const buildOutcome = await this.runner.processBatch(projection, building.generation);
    if (buildOutcome.kind === 'idle') await this.switchTo(projection, building.generation);
    return buildOutcome.kind === 'progressed' ? buildOutcome : outcome;
  }

  private async ensureBuild(projection: Projection): Promise<void> {
    const checkpoints = await this.checkpoints.list(projection.name);
    if (checkpoints.some((c) => c.version === projection.version && (c.status === 'building' || c.status === 'failed'))) return;
    const generation = await this.checkpoints.startBuild(projection.name, projection.version);
    this.log(`projection ${projection.name}: version ${projection.version} differs from the live one; rebuilding as generation ${generation}`);
  }

  /** Starts a rebuild of a projection from the first event; the live generation keeps serving until it catches up. */
  async startRebuild(projection: Projection): Promise<number> {
    await this.checkpoints.ensureProjection(projection.name, projection.version);
    const existing = (await this.checkpoints.list(projection.name)).find((c) => c.status === 'building');
    return existing?.generation ?? this.checkpoints.startBuild(projection.name, projection.version);
  }

  /**
   * Drives one build to the head and switches it in, reporting progress. If
   * another process (a running server) holds the build's lease, it follows
   * that process's progress until the build goes live.
   */
  async runBuild(projection: Projection, generation: number, onProgress?: (position: number, head: number) => void): Promise<void> {
    for (;;) {
      const outcome = await this.runner.processBatch(projection, generation, this.rebuildBatchSize);
      if (outcome.kind === 'idle') return this.switchTo(projection, generation);
      if (outcome.kind === 'failed') throw new Error(`rebuild stopped at position ${outcome.position}: ${String(outcome.error)}`);
      const checkpoint = await this.checkpoints.get(projection.name, generation);
      if (checkpoint?.status === 'live') return;
      if (!checkpoint || checkpoint.status !== 'building') throw new Error(`rebuild generation ${generation} is ${checkpoint?.status ?? 'gone'}`);
      onProgress?.(checkpoint.position, await this.store.headPosition());
      if (outcome.kind !== 'progressed') await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async switchTo(projection: Projection, generation: number): Promise<void> {
    const previous = await this.db.$transaction((tx) => this.checkpoints.switchTo(tx, projection.name, generation));
    this.log(`projection ${projection.name}: generation ${generation} caught up and is now live`);
    if (previous !== null && previous !== generation) {
      await this.runner.drop(projection, previous);
      await this.db.$transaction((tx) => this.checkpoints.forget(tx, projection.name, previous));
    }
  }

  /** Waits until every projection's live generation has reached `position`; false on timeout. */
  async waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const statuses = await Promise.all(this.projections.map((p) => this.liveCheckpoint(p.name)));
      if (statuses.every((checkpoint) => checkpoint !== null && checkpoint.position >= position)) return true;
      if (Date.now() >= deadline) return false;
      this.notify();
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }

  private async liveCheckpoint(name: string): Promise<Checkpoint | null> {
    const active = await this.checkpoints.activeGeneration(name);
    return active === null ? null : this.checkpoints.get(name, active);
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return Promise.all(
      this.projections.map(async (projection): Promise<ProjectionStatus> => {
        const active = await this.checkpoints.activeGeneration(projection.name);
        const all = await this.checkpoints.list(projection.name);
        const live = all.find((c) => c.generation === active) ?? null;
        const building = all.find((c) => c.status === 'building' || (c.status === 'failed' && c.generation !== active)) ?? null;
        const checkpoint = live?.position ?? 0;
        const next = checkpoint < head ? (await this.store.readAll({ fromPosition: checkpoint, limit: 1 }))[0] : undefined;
        const failed = live?.status === 'failed' ? live : building?.status === 'failed' ? building : null;
        return {
          name: projection.name,
          version: projection.version,
          activeGeneration: active,
          status: live?.status ?? 'unknown',
          checkpoint,
          head,
          lag: { events: head - checkpoint, seconds: next ? Math.max(0, (Date.now() - next.recordedAt.getTime()) / 1000) : 0 },
          lastError: failed ? { message: failed.lastError ?? '', position: failed.errorPosition, at: failed.errorAt?.toISOString() ?? null } : null,
          rebuilding: building ? { generation: building.generation, checkpoint: building.position } : null,
        };
      }),
    );
  }
}
