import type { EventStore } from '../../core/event-store';
import type { CatchUpGate } from './catch-up-gate';
import { ReadModelNotices } from './read-model-notices';
import type { ProjectionInterest } from './read-model-notices';
import type { ReadSideWatch } from './read-side-watch';
import { encodeFrame, encodeJsonFrame } from './sse-format';
import { eventFramePayload, type SharedTail, type TailSubscription } from './shared-tail';
import { matchesFilter, type EventFilter } from './stream-filter';

export { eventFramePayload } from './shared-tail';

export type LiveTailOptions = {
  /** Read only while this connection is behind the shared tail. */
  store: Pick<EventStore, 'readAll'>;
  /** The process's one reader of new events. */
  tail: SharedTail;
  /** Bounds the catch-up reads of all connections together. */
  gate: CatchUpGate;
  /** The projections to announce and the shared watch of their checkpoints; null leaves out `readmodel` notices. */
  readSide: { projections: readonly ProjectionInterest[]; watch: ReadSideWatch } | null;
  /** Events after this global position are sent. */
  start: number;
  /** `start` is the store's head as just read: the connection may join the tail without reading first. */
  startIsHead: boolean;
  filter: EventFilter;
  /** A comment goes out after this long without a frame. */
  heartbeatMs: number;
  retryMs: number;
  batchSize?: number;
  /** Aborted when the client goes away: every wait ends at once. */
  signal: AbortSignal;
};

/** Characters of queued frames sent as one chunk, well under the response's 64 KiB queue. */
const CHUNK_CHARS = 16 * 1024;

/**
 * The frames of one connection, produced only when the consumer asks for the
 * next one. Behind the shared tail (a resume, or a slow client the tail
 * dropped) it reads the store itself in bounded batches, so a slow client
 * pauses only its own reads; once caught up it takes its seat at the tail and
 * only drains what the tail queued for it. What makes Last-Event-ID
 * resumption exact:
 * - events go out in global order and every `id` written is the cursor at
 *   that moment, so every event up to an id was sent before it or filtered out;
 * - ids never go backwards: a `readmodel` notice carries the cursor as its id
 *   and the projections' position in its data (an id equal to that position
 *   would make a reconnect replay events already received).
 */
export async function* liveTail(options: LiveTailOptions): AsyncGenerator<string, void, undefined> {
  const { store, tail, gate, readSide, filter, heartbeatMs, signal } = options;
  const batchSize = options.batchSize ?? 500;
  const waker = new Waker(signal);
  const notices = readSide ? new ReadModelNotices(readSide.projections, options.start) : null;
  let seat: TailSubscription | null = null;
  let atHead = options.startIsHead;
  let cursor = options.start;
  let lastId = cursor;
  let lastWriteAt = Date.now();
  /** Subscribed to the read-side watch while a notice is pending. */
  let stopWatching: (() => void) | null = null;

  const sent = (type: string, position: number) => {
    notices?.delivered(type, position);
    cursor = position;
    lastId = position;
    lastWriteAt = Date.now();
  };

  try {
    // The id matters for a client that started "from now": if it reconnects before any event, it resumes here.
    yield encodeFrame({ retry: options.retryMs, id: cursor });
    while (!signal.aborted) {
      seat ??= tail.join(cursor, atHead, filter, waker.poke);
      if (seat === null) {
        const batch = await gate.run(() => store.readAll({ fromPosition: cursor, limit: batchSize }));
        for (const event of batch) {
          if (signal.aborted) return;
          if (matchesFilter(filter, event.streamId, event)) {
            const frame = encodeJsonFrame('event', event.globalPosition, eventFramePayload(event));
            sent(event.type, event.globalPosition);
            yield frame;
          } else {
            cursor = event.globalPosition;
          }
        }
        atHead = batch.length < batchSize;
        if (!atHead) continue;
        // Probably caught up: the next turn joins the tail, or reads what it moved on meanwhile.
        seat = tail.join(cursor, atHead, filter, waker.poke);
        if (seat === null) continue;
      }

      // Cleared before draining: an event queued from now on makes the wait below return at once.
      waker.clear();
      while (seat.queue.length > 0 && !seat.overflowed) {
        // Whatever is queued goes out as one chunk: each chunk costs a trip through the response's streams.
        let chunk = '';
        while (seat.queue.length > 0 && chunk.length < CHUNK_CHARS) {
          const entry = seat.queue.shift()!;
          sent(entry.type, entry.position);
          chunk += entry.frame;
        }
        yield chunk;
        if (signal.aborted) return;
      }
      if (seat.failure !== undefined) throw seat.failure;
      if (seat.overflowed) {
        // Too slow for the shared tail: read for itself from what it actually sent.
        seat = null;
        atHead = false;
        continue;
      }
      if (seat.queue.length === 0) cursor = Math.max(cursor, seat.reached);

      // A frame with an id and no data moves the client's Last-Event-ID past skipped events without an event.
      if (cursor > lastId) {
        lastId = cursor;
        lastWriteAt = Date.now();
        yield encodeFrame({ id: cursor });
      }
      if (notices && readSide && notices.pending()) {
        const progress = readSide.watch.latest;
        const due = progress ? notices.due(progress) : [];
        if (due.length > 0) {
          lastWriteAt = Date.now();
          yield due.map((notice) => encodeJsonFrame('readmodel', cursor, notice)).join('');
        }
      }
      // Woken by the watch when a checkpoint moves; nothing to wait for once every notice is out.
      if (notices?.pending()) stopWatching ??= readSide!.watch.subscribe(waker.poke);
      else if (stopWatching) {
        stopWatching();
        stopWatching = null;
      }
      if (seat.queue.length > 0 || seat.failure !== undefined || seat.overflowed) continue;

      await waker.wait(Math.max(0, lastWriteAt + heartbeatMs - Date.now()));
      if (!signal.aborted && Date.now() - lastWriteAt >= heartbeatMs) {
        lastWriteAt = Date.now();
        yield encodeFrame({ comment: 'heartbeat' });
      }
    }
  } finally {
    stopWatching?.();
    if (seat) tail.leave(seat);
    waker.dispose();
  }
}

/** A sleep that the tail or the client's departure cuts short; remembers a poke that came while awake. */
class Waker {
  /** The tail delivered something since the last `clear()`. */
  poked = false;
  private wake: (() => void) | null = null;

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', this.poke);
  }

  readonly poke = (): void => {
    this.poked = true;
    this.wake?.();
  };

  clear(): void {
    this.poked = false;
  }

  wait(ms: number): Promise<void> {
    if (this.poked || this.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  dispose(): void {
    this.signal.removeEventListener('abort', this.poke);
    this.wake?.();
  }
}
