import type { RecordedEvent } from '../../core/envelope';
import type { EventStore } from '../../core/event-store';
import { ReadModelNotices } from './read-model-notices';
import type { ReadSideProgress } from './read-side-progress';
import { encodeFrame, encodeJsonFrame } from './sse-format';
import { matchesFilter, type EventFilter } from './stream-filter';
import { recordedEventBody } from '../http/schemas';

export type LiveTailOptions = {
  store: Pick<EventStore, 'readAll'>;
  /** Subscribes to news of appends (see AppendWatch); returns the unsubscribe. */
  onAppended: (listener: () => void) => () => void;
  /** Null leaves out `readmodel` notices. */
  readSide: ReadSideProgress | null;
  /** Events after this global position are sent. */
  start: number;
  filter: EventFilter;
  /** A comment goes out after this long without a frame; each one also re-reads the store, a safety net for lost wake-ups. */
  heartbeatMs: number;
  retryMs: number;
  batchSize?: number;
  /** Aborted when the client goes away: every wait ends at once. */
  signal: AbortSignal;
};

const READ_SIDE_FIRST_CHECK_MS = 20;
const READ_SIDE_MAX_CHECK_MS = 1_000;

/** The event frame's payload: the envelope without the hash chain, which only auditors need. */
export const eventFramePayload = (event: RecordedEvent) => {
  const { hash: _hash, ...payload } = recordedEventBody(event);
  return payload;
};

/**
 * The frames of one connection, produced only when the consumer asks for the
 * next one, so a slow client pauses its own reads of the store and nothing
 * else. What makes Last-Event-ID resumption exact:
 * - events go out in global order and every `id` written is the cursor at
 *   that moment, so every event up to an id was sent before it or filtered out;
 * - ids never go backwards: a `readmodel` notice carries the cursor as its id
 *   and the projections' position in its data (an id equal to that position
 *   would make a reconnect replay events already received).
 */
export async function* liveTail(options: LiveTailOptions): AsyncGenerator<string, void, undefined> {
  const { store, readSide, filter, heartbeatMs, signal } = options;
  const batchSize = options.batchSize ?? 500;
  const waker = new Waker(signal);
  const unsubscribe = options.onAppended(waker.poke);
  const notices = readSide ? new ReadModelNotices(readSide.projections, options.start) : null;
  let cursor = options.start;
  let lastId = cursor;
  let lastWriteAt = Date.now();
  let readSideDelay = READ_SIDE_FIRST_CHECK_MS;

  try {
    // The id matters for a client that started "from now": if it reconnects before any event, it resumes here.
    yield encodeFrame({ retry: options.retryMs, id: cursor });
    let readStore = true;
    while (!signal.aborted) {
      if (readStore) {
        // Cleared before reading, so an append landing during the read makes the next wait return at once.
        waker.clear();
        const batch = await store.readAll({ fromPosition: cursor, limit: batchSize });
        for (const event of batch) {
          if (signal.aborted) return;
          if (matchesFilter(filter, event.streamId)) {
            const frame = encodeJsonFrame('event', event.globalPosition, eventFramePayload(event));
            notices?.delivered(event.type, event.globalPosition);
            readSideDelay = READ_SIDE_FIRST_CHECK_MS;
            cursor = event.globalPosition;
            lastId = cursor;
            lastWriteAt = Date.now();
            yield frame;
          } else {
            cursor = event.globalPosition;
          }
        }
        if (batch.length === batchSize) continue;
      }

      // Caught up. A frame with an id and no data moves the client's Last-Event-ID past skipped events without an event.
      if (cursor > lastId) {
        lastId = cursor;
        lastWriteAt = Date.now();
        yield encodeFrame({ id: cursor });
      }
      if (notices && readSide && notices.pending()) {
        const due = notices.due(await readSide.progress());
        for (const notice of due) {
          lastWriteAt = Date.now();
          yield encodeJsonFrame('readmodel', cursor, notice);
        }
        readSideDelay = due.length > 0 ? READ_SIDE_FIRST_CHECK_MS : Math.min(readSideDelay * 2, READ_SIDE_MAX_CHECK_MS);
      }

      const untilHeartbeat = lastWriteAt + heartbeatMs - Date.now();
      const readSideWait = notices?.pending() ? readSideDelay : Infinity;
      await waker.wait(Math.max(0, Math.min(untilHeartbeat, readSideWait)));
      const heartbeatDue = Date.now() - lastWriteAt >= heartbeatMs;
      // Woken only to look at the read side: the store has nothing new unless an append said so.
      readStore = waker.poked || heartbeatDue;
      if (!signal.aborted && heartbeatDue) {
        lastWriteAt = Date.now();
        yield encodeFrame({ comment: 'heartbeat' });
      }
    }
  } finally {
    unsubscribe();
    waker.dispose();
  }
}

/** A sleep that an append or the client's departure cuts short; remembers a poke that came while awake. */
class Waker {
  /** An append was announced since the last `clear()`. */
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
