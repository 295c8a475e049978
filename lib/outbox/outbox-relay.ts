import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { UpcasterRegistry } from '../core/upcasting';
import { BusUnavailableError, type MessageBus } from './message-bus';
import type { OutboxRow, OutboxStore } from './outbox-store';
import { toBusMessage } from './to-bus-message';

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
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private woken = false;
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
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Something was appended: look now rather than at the next poll. */
  notify(): void {
    if (this.busFailures > 0) return; // the bus is down: keep to the backoff
    this.woken = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.store.releaseLease(this.holder).catch(() => undefined);
  }

  /** Publishes until nothing is ready (or the bus is down); returns how many were sent. For tests and `--once`. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      if (!(await this.store.acquireLease(this.holder, this.options.leaseMs))) return total;
      const { sent, busDown } = await this.publishBatch();
      total += sent;
      if (busDown || sent === 0) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay = this.options.pollMs;
      try {
        if (await this.store.acquireLease(this.holder, this.options.leaseMs)) {
          const { sent, busDown } = await this.publishBatch();
          if (busDown) delay = this.backoff(this.busFailures);
          else if (sent > 0) delay = 0;
        } else {
          delay = this.options.leaseMs / 2;
        }
      } catch (error) {
        this.relayOptions.log?.(`outbox relay error: ${(error as Error).message}`);
        delay = this.backoff(++this.busFailures);
      }
      if (delay > 0 && this.running) await this.sleep(delay);
    }
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
      await this.store.recordBusError(this.holder, busDown);
      this.relayOptions.log?.(`bus unavailable, ${rows.length - acked.length} waiting: ${busDown}`);
    } else if (this.busFailures > 0) {
      this.busFailures = 0;
      await this.store.recordBusError(this.holder, null);
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
      const parked = await this.store.recordFailure(row.position, reason, this.options.maxAttempts, (n) => this.backoff(n));
      this.relayOptions.log?.(`${row.streamId}@${row.event.streamVersion} ${parked ? 'PARKED' : 'failed'}: ${reason}`);
      return 'failed';
    }
  }

  private backoff(failures: number): number {
    const exponential = this.options.backoffBaseMs * 2 ** Math.min(failures - 1, 16);
    return Math.min(this.options.backoffMaxMs, exponential) * (0.8 + Math.random() * 0.4);
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        this.woken = false;
        done();
      };
    });
  }
}
