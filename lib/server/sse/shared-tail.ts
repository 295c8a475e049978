import type { RecordedEvent } from '../../core/envelope';
import type { EventStore } from '../../core/event-store';
import { recordedEventBody } from '../http/schemas';
import { encodeJsonFrame } from './sse-format';
import { matchesFilter, type EventFilter } from './stream-filter';

/** The event frame's payload: the envelope without the hash chain, which only auditors need. */
export const eventFramePayload = (event: RecordedEvent) => {
  const { hash: _hash, ...payload } = recordedEventBody(event);
  return payload;
};

/** One event read by the shared tail; its frame is encoded once, for every connection that sends it. */
export class TailEntry {
  private encoded: string | undefined;
  constructor(readonly event: RecordedEvent) {}
  get position(): number {
    return this.event.globalPosition;
  }
  get type(): string {
    return this.event.type;
  }
  get streamId(): string {
    return this.event.streamId;
  }
  get frame(): string {
    return (this.encoded ??= encodeJsonFrame('event', this.event.globalPosition, eventFramePayload(this.event)));
  }
}

/** A connection's seat at the shared tail: what has been read for it and not yet sent. */
export class TailSubscription {
  /** Events after the connection's cursor that match its filter, in order. */
  readonly queue: TailEntry[] = [];
  /** Every event up to here was queued or skipped by the filter. */
  reached: number;
  /** Fell too far behind: the tail dropped it and its queue; it goes back to reading the store itself. */
  overflowed = false;
  /** The tail's read failed; the connection ends so that the client reconnects and resumes. */
  failure: unknown = undefined;

  constructor(
    readonly filter: EventFilter,
    cursor: number,
    readonly wake: () => void,
  ) {
    this.reached = cursor;
  }
}

export type SharedTailOptions = {
  store: Pick<EventStore, 'readAll'>;
  /** News of appends (AppendWatch); returns the unsubscribe. */
  onAppended: (listener: () => void) => () => void;
  batchSize?: number;
  /** Events a connection may have waiting before it is dropped back to reading for itself. */
  maxQueued?: number;
};

/**
 * The one reader of the log for every live connection of this process: after
 * each append it reads the new events once and fans them out in memory, each
 * connection keeping its own filter. A connection behind the tail (resuming by
 * Last-Event-ID, or dropped for being slow) reads the store for itself, paced
 * by its client, and joins once it has caught up. Joining happens in the same
 * tick as a check of the tail's position and every delivery is synchronous,
 * so nothing is lost or sent twice at the seam.
 */
export class SharedTail {
  private readonly subscribers = new Set<TailSubscription>();
  private readonly batchSize: number;
  private readonly maxQueued: number;
  /** Every event up to here was delivered to the subscribers; meaningful while any are subscribed or a read runs. */
  private position = 0;
  private reading = false;
  private again = false;
  private detach: (() => void) | undefined;

  constructor(private readonly options: SharedTailOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.maxQueued = options.maxQueued ?? 1_000;
  }

  get connectionCount(): number {
    return this.subscribers.size;
  }

  /**
   * Takes a seat for a connection whose cursor is `cursor`, or returns null if
   * it must first read up to the tail. With nobody subscribed and no read
   * running the tail restarts at the connection's cursor, which must then be
   * the head as of a read just made (`atHead`).
   */
  join(cursor: number, atHead: boolean, filter: EventFilter, wake: () => void): TailSubscription | null {
    const idle = this.subscribers.size === 0 && !this.reading;
    if (idle ? !atHead : cursor < this.position) return null;
    if (idle) this.position = cursor;
    const subscription = new TailSubscription(filter, cursor, wake);
    this.subscribers.add(subscription);
    if (this.detach === undefined) {
      this.detach = this.options.onAppended(this.poke);
      // Appends between the connection's last read and this moment raised no signal anybody heard.
      this.poke();
    }
    return subscription;
  }

  leave(subscription: TailSubscription): void {
    this.subscribers.delete(subscription);
    if (this.subscribers.size === 0) this.stopListening();
  }

  private readonly poke = (): void => {
    if (this.reading) this.again = true;
    else void this.readLoop();
  };

  private stopListening(): void {
    this.detach?.();
    this.detach = undefined;
  }

  private async readLoop(): Promise<void> {
    this.reading = true;
    try {
      do {
        this.again = false;
        if (this.subscribers.size === 0) break;
        const batch = await this.options.store.readAll({ fromPosition: this.position, limit: this.batchSize });
        this.deliver(batch);
        if (batch.length === this.batchSize) this.again = true;
      } while (this.again);
    } catch (error) {
      for (const subscription of this.subscribers) {
        subscription.failure = error;
        subscription.wake();
      }
      this.subscribers.clear();
      this.stopListening();
    } finally {
      this.reading = false;
    }
  }

  private deliver(batch: readonly RecordedEvent[]): void {
    if (batch.length === 0) return;
    const entries = batch.map((event) => new TailEntry(event));
    const last = entries.at(-1)!.position;
    for (const subscription of this.subscribers) {
      const { filter, queue } = subscription;
      for (const entry of entries) {
        if (entry.position > subscription.reached && matchesFilter(filter, entry.streamId, entry.event)) queue.push(entry);
      }
      subscription.reached = Math.max(subscription.reached, last);
      if (queue.length > this.maxQueued) {
        this.subscribers.delete(subscription);
        subscription.overflowed = true;
        queue.length = 0;
      }
      subscription.wake();
    }
    this.position = last;
    if (this.subscribers.size === 0) this.stopListening();
  }
}
