import type { RecordedEvent } from '../core/envelope';
import { streamCategory } from '../core/envelope';
import type { Condition } from './expression';
import type { ScanHit, ScanResult, ScanStream } from './history-scan-schemas';

export type { ScanResult, ScanStream } from './history-scan-schemas';

/** How a stream's state is folded; null: the stream is not scanned (no aggregate owns it). */
export type StreamFold = { initialState: () => unknown; evolve: (state: unknown, event: RecordedEvent) => unknown };

export type ScanSource = {
  readAll: (options: { fromPosition: number; limit: number }) => Promise<RecordedEvent[]>;
  headPosition: () => Promise<number>;
  foldFor: (streamId: string) => StreamFold | null;
};

export type ScanOptions = { category?: string | null; fromPosition?: number; maxStreams?: number; chunk?: number };

export const MAX_SCAN_STREAMS = 2_000;
const CHUNK = 10_000;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

type Tracked = { fold: StreamFold; state: unknown; holds: boolean; hit: ScanStream | null };

const hitOf = (event: RecordedEvent): ScanHit => ({ version: event.streamVersion, globalPosition: event.globalPosition, type: event.type, recordedAt: event.recordedAt.toISOString() });

/**
 * The breakpoint language over the whole log in one pass: events in global order, each folded
 * into its own stream's state, the condition tested after each. A hit is a version where the
 * condition goes from false to true, as the one-stream breakpoints count them. Every state of
 * every stream is tested, so snapshots cannot skip any of it; a scan from a position starts its
 * streams from their initial state (what happened before that position is not replayed).
 */
export const scanHistory = async (source: ScanSource, condition: Condition, options: ScanOptions = {}): Promise<ScanResult> => {
  const started = performance.now();
  const category = options.category ?? null;
  const fromPosition = options.fromPosition ?? 0;
  const maxStreams = options.maxStreams ?? MAX_SCAN_STREAMS;
  const chunk = options.chunk ?? CHUNK;
  const toPosition = await source.headPosition();
  const streams = new Map<string, Tracked | null>();
  const hits: ScanStream[] = [];
  let eventsScanned = 0;
  let position = fromPosition;
  while (position < toPosition) {
    const events = await source.readAll({ fromPosition: position, limit: Math.min(chunk, toPosition - position) });
    if (events.length === 0) break;
    for (const event of events) {
      position = event.globalPosition;
      if (position > toPosition) break;
      let tracked = streams.get(event.streamId);
      if (tracked === undefined) {
        const fold = category !== null && streamCategory(event.streamId) !== category ? null : source.foldFor(event.streamId);
        tracked = fold ? { fold, state: fold.initialState(), holds: false, hit: null } : null;
        if (tracked) tracked.holds = condition.test(tracked.state);
        streams.set(event.streamId, tracked);
      }
      if (tracked === null) continue;
      eventsScanned++;
      tracked.state = tracked.fold.evolve(tracked.state, event);
      const now = condition.test(tracked.state);
      if (now && !tracked.holds) {
        if (tracked.hit) {
          tracked.hit.hitCount++;
          tracked.hit.lastHit = hitOf(event);
        } else {
          tracked.hit = { streamId: event.streamId, firstHit: hitOf(event), lastHit: hitOf(event), hitCount: 1, holdsAtEnd: true };
          hits.push(tracked.hit);
        }
      }
      tracked.holds = now;
      if (tracked.hit) tracked.hit.holdsAtEnd = now;
    }
    await yieldToOthers();
  }
  let streamsScanned = 0;
  for (const tracked of streams.values()) if (tracked) streamsScanned++;
  const elapsedMs = performance.now() - started;
  return {
    expression: condition.source,
    category,
    fromPosition,
    toPosition,
    eventsScanned,
    streamsScanned,
    streamsHit: hits.length,
    // Pushed when first hit, so already in the order of their first hits' positions.
    streams: hits.slice(0, maxStreams),
    truncated: hits.length > maxStreams,
    elapsedMs: Math.round(elapsedMs),
    eventsPerSecond: elapsedMs > 0 ? Math.round((eventsScanned / elapsedMs) * 1000) : 0,
  };
};
