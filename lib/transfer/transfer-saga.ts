import type { EventStore } from '../core/event-store';
import { streamCategory } from '../core/envelope';
import { TRANSFER_CATEGORY, transferIdOf } from '../domain/transfer/decider';
import { TERMINAL_TRANSFER_EVENTS, type TransferEventType } from '../domain/transfer/events';
import { WorkerLoop } from '../workers/worker-loop';
import type { SagaCheckpoint } from './saga-checkpoint';
import { TransferProcess, type TransferProcessOptions } from './transfer-process';

export type TransferSagaOptions = TransferProcessOptions & {
  /** How often the log is read for new transfers when nobody wakes the saga. */
  pollMs?: number;
  /** Pause before a leg that failed for a passing reason is tried again. */
  retryDelayMs?: number;
  /** Transfers advanced at the same time. */
  concurrency?: number;
  batchSize?: number;
  /** How long the lease lasts unrenewed; renewed every third of it. */
  leaseMs?: number;
};

type Active = { requestedAt: number; dueAt: number };

/**
 * Drives every open transfer to its end. It reads the global log from a
 * durable checkpoint (the position before the oldest transfer still open), so
 * after a restart, kill -9 included, it finds every unfinished transfer and
 * resumes it from its stream. A lease keeps one driver at a time across processes.
 */
export class TransferSaga {
  private readonly process: TransferProcess;
  private readonly active = new Map<string, Active>();
  private readonly working = new Set<string>();
  /** Position read up to, while holding the lease; null when it must be re-read from the checkpoint. */
  private tail: number | null = null;
  private saved = -1;
  private leaseRenewedAt = 0;
  private stopping = false;
  private readonly loop: WorkerLoop;
  private readonly log: (message: string) => void;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoint: SagaCheckpoint,
    private readonly options: TransferSagaOptions,
  ) {
    this.process = new TransferProcess(store, options);
    this.log = options.log ?? (() => undefined);
    const pollMs = options.pollMs ?? 500;
    this.loop = new WorkerLoop(() => this.pass(), { name: 'transfer saga', backoff: { baseMs: pollMs, maxMs: 5_000 }, log: this.log });
  }

  /** Transfers this driver knows to be open. */
  get openTransfers(): number {
    return this.active.size;
  }

  start(): void {
    this.stopping = false;
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop.stop();
    await this.checkpoint.release().catch(() => undefined);
  }

  /** Something was appended: look now rather than at the next poll. */
  notify(): void {
    this.loop.wake();
  }

  /** Runs passes until no open transfer is left or `timeoutMs` passes (tests, CLI); true when none is left. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.tick();
      if (this.tail !== null && this.active.size === 0 && this.tail >= (await this.store.headPosition())) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** A pass of the worker loop; after a failure the log is read again from the checkpoint. */
  private async pass(): Promise<number> {
    try {
      await this.tick();
    } catch (error) {
      this.tail = null;
      throw error;
    }
    return this.nextWakeIn();
  }

  /** One pass: hold the lease, read new events, advance the transfers that are due, move the checkpoint. */
  async tick(): Promise<void> {
    if (!(await this.holdLease(true))) return;
    if (this.tail === null) {
      this.tail = await this.checkpoint.position();
      this.active.clear();
    }
    await this.readLog();
    await this.advanceDue();
    if (this.tail !== null) await this.saveCheckpoint();
  }

  private async readLog(): Promise<void> {
    const limit = this.options.batchSize ?? 1_000;
    for (;;) {
      const events = await this.store.readAll({ fromPosition: this.tail!, limit });
      for (const event of events) {
        if (streamCategory(event.streamId) !== TRANSFER_CATEGORY) continue;
        const transferId = transferIdOf(event.streamId);
        if (event.type === 'TransferRequested') this.active.set(transferId, { requestedAt: event.globalPosition, dueAt: 0 });
        else if (TERMINAL_TRANSFER_EVENTS.includes(event.type as TransferEventType)) this.active.delete(transferId);
      }
      if (events.length > 0) this.tail = events.at(-1)!.globalPosition;
      if (events.length < limit) return;
    }
  }

  private async advanceDue(): Promise<void> {
    const now = Date.now();
    const due = [...this.active].filter(([id, a]) => a.dueAt <= now && !this.working.has(id)).map(([id]) => id);
    const concurrency = this.options.concurrency ?? 8;
    let next = 0;
    const worker = async () => {
      while (next < due.length && !this.stopping) {
        // A long pass renews its lease as it goes, and stops if another process took it.
        if (!(await this.holdLease(false))) return;
        const transferId = due[next++]!;
        await this.advanceOne(transferId);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
  }

  private async holdLease(force: boolean): Promise<boolean> {
    const leaseMs = this.options.leaseMs ?? 10_000;
    if (!force && Date.now() - this.leaseRenewedAt < leaseMs / 3) return true;
    if (await this.checkpoint.acquire()) {
      this.leaseRenewedAt = Date.now();
      return true;
    }
    // Another process drives transfers; when this one gets the lease it starts again from the checkpoint.
    this.tail = null;
    this.active.clear();
    return false;
  }

  private async advanceOne(transferId: string): Promise<void> {
    this.working.add(transferId);
    try {
      const outcome = await this.process.advance(transferId);
      const entry = this.active.get(transferId);
      if (!entry) return;
      if (outcome.status === 'completed' || outcome.status === 'failed' || outcome.status === 'none') this.active.delete(transferId);
      else if (outcome.retry) entry.dueAt = Date.now() + (this.options.retryDelayMs ?? 1_000);
    } catch (error) {
      this.log(`transfer ${transferId}: ${(error as Error).message}; will retry`);
      const entry = this.active.get(transferId);
      if (entry) entry.dueAt = Date.now() + (this.options.retryDelayMs ?? 1_000);
    } finally {
      this.working.delete(transferId);
    }
  }

  /** The position just before the oldest open transfer: everything before it has ended. */
  private async saveCheckpoint(): Promise<void> {
    let position = this.tail!;
    for (const { requestedAt } of this.active.values()) position = Math.min(position, requestedAt - 1);
    if (position === this.saved) return;
    await this.checkpoint.save(position);
    this.saved = position;
  }

  private nextWakeIn(): number {
    const poll = this.options.pollMs ?? 500;
    let soonest = poll;
    for (const { dueAt } of this.active.values()) soonest = Math.min(soonest, Math.max(0, dueAt - Date.now()));
    return Math.max(soonest, 5);
  }
}
