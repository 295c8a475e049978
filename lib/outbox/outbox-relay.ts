import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { UpcasterRegistry } from '../core/upcasting';
import { BusUnavailableError, type MessageBus } from './message-bus';
import type { OutboxRow, OutboxStore } from './outbox-store';
import { toBusMessage } from './to-bus-message';
import { backoffDelay, type Backoff } from '../workers/backoff';
import { WorkerLoop } from '../workers/worker-loop';
import type { WorkerLease } from '../workers/worker-lease';

export type OutboxRelayOptions = {
  /** Publish failures of one message before it is parked (default 5). */
  maxAttempts?: number;
  batchSize?: number;
  /** How often the outbox is checked when nothing wakes the relay (other processes' appends). */
  pollMs?: number;
  leaseMs?: number;
  /** Streams published at once; each stream's messages still go one at a time, in order. */
  concurrency?: number;
  /** Backoff after a failure: base × 2^(n−1), capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  holder?: string;
  log?: (message: string) => void;
};

type BatchOutcome = { sent: number; busDown: string | null };

/**
 * Publishes the outbox to the bus: pending rows in order, each marked sent only
 * after the bus acknowledged it (at-least-once: a crash between the two means a
 * re-publish, which JetStream drops by message id and consumers dedupe by event id).
 * One relay at a time holds the lease; others wait and take over when it expires.
 */
export class OutboxRelay {
  readonly holder: string;
  private readonly options: Required<Omit<OutboxRelayOptions, 'holder' | 'log'>>;
  private readonly lease: WorkerLease;
  private readonly loop: WorkerLoop;
  private busFailures = 0;

  constructor(
    private readonly store: OutboxStore,
    private readonly bus: MessageBus,
    private readonly upcasters: UpcasterRegistry,
    private readonly relayOptions: OutboxRelayOptions = {},
  ) {
    this.holder = relayOptions.holder ?? `relay-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.options = {
      maxAttempts: relayOptions.maxAttempts ?? 5,
      batchSize: relayOptions.batchSize ?? 200,
      pollMs: relayOptions.pollMs ?? 250,
      leaseMs: relayOptions.leaseMs ?? 10_000,
      concurrency: relayOptions.concurrency ?? 16,
      backoffBaseMs: relayOptions.backoffBaseMs ?? 500,
      backoffMaxMs: relayOptions.backoffMaxMs ?? 30_000,
    };
    this.lease = store.relayLease(this.holder, this.options.leaseMs);
    this.loop = new WorkerLoop(() => this.pass(), { name: 'outbox relay', backoff: this.backoffSettings(), log: relayOptions.log });
  }

  start(): void {
    this.loop.start();
  }

  /** Something was appended: look now rather than at the next poll. */
  notify(): void {
    if (this.busFailures > 0) return; // the bus is down: keep to the backoff
    this.loop.wake();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.lease.release().catch(() => undefined);
  }

  /** Publishes until nothing is ready (or the bus is down); returns how many were sent. For tests and `--once`. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      if (!(await this.lease.acquire())) return total;
      const { sent, busDown } = await this.publishBatch();
      total += sent;
      if (busDown || sent === 0) return total;
    }
  }

  /** One batch while holding the lease; the wait before the next: none while there is more, the backoff while the bus is down. */
  private async pass(): Promise<number> {
    if (!(await this.lease.acquire())) return this.options.leaseMs / 2;
    const { sent, busDown } = await this.publishBatch();
    if (busDown) return backoffDelay(this.busFailures, this.backoffSettings());
    return sent > 0 ? 0 : this.options.pollMs;
  }

  private backoffSettings(): Backoff {
    return { baseMs: this.options.backoffBaseMs, maxMs: this.options.backoffMaxMs };
  }

  private async publishBatch(): Promise<BatchOutcome> {
    const rows = await this.store.nextBatch(this.options.batchSize);
    if (rows.length === 0) return { sent: 0, busDown: null };
    const byStream = new Map<string, OutboxRow[]>();
    for (const row of rows) byStream.set(row.streamId, [...(byStream.get(row.streamId) ?? []), row]);
    const acked: number[] = [];
    let busDown: string | null = null;
    const queue = [...byStream.values()];
    const worker = async () => {
      for (let run = queue.shift(); run && !busDown; run = queue.shift()) {
        for (const row of run) {
          const outcome = await this.publishOne(row);
          if (outcome === 'sent') acked.push(row.position);
          else {
            if (outcome instanceof BusUnavailableError) busDown = outcome.message;
            break; // later events of this stream wait behind this one
          }
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queue.length) }, worker));
    } finally {
      await this.store.markSent(acked);
    }
    if (busDown) {
      this.busFailures++;
      await this.lease.recordError(busDown);
      this.relayOptions.log?.(`bus unavailable, ${rows.length - acked.length} waiting: ${busDown}`);
    } else if (this.busFailures > 0) {
      this.busFailures = 0;
      await this.lease.recordError(null);
    }
    return { sent: acked.length, busDown };
  }

  private async publishOne(row: OutboxRow): Promise<'sent' | 'failed' | BusUnavailableError> {
    try {
      await this.bus.publish(toBusMessage(row.event, this.upcasters));
      return 'sent';
    } catch (error) {
      if (error instanceof BusUnavailableError) return error;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const parked = await this.store.recordFailure(row.position, reason, this.options.maxAttempts, (n) => backoffDelay(n, this.backoffSettings()));
      this.relayOptions.log?.(`${row.streamId}@${row.event.streamVersion} ${parked ? 'PARKED' : 'failed'}: ${reason}`);
      return 'failed';
    }
  }
}
