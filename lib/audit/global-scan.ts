import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { chainHash } from '../core/hash-chain';

export const SCAN_BATCH = 2_000;

/** What the scan knows of a stream so far: its last event as stored, and the hash its content chain gives. */
export type StreamCursor = { version: number; position: number; storedHash: string | null; contentHash: string | null };

export type ScannedEvent = {
  event: RecordedEvent;
  /** The stream's cursor before this event. */
  previous: StreamCursor;
  /** sha256 over the previous event's stored hash and this event: equals `event.hash` when the link holds. */
  linkHash: string;
  /** sha256 over the hashes recomputed from content alone: what the event's hash must be if nothing changed. */
  contentHash: string;
};

const START: StreamCursor = { version: 0, position: 0, storedHash: null, contentHash: null };

/**
 * Reads the store in global order up to `upTo` (inclusive), following every
 * stream's chain. `visit` returning false stops the scan.
 */
export const scanGlobalOrder = async (
  store: EventStore,
  options: { upTo?: number; onProgress?: (checked: number) => void },
  visit: (scanned: ScannedEvent) => boolean | void,
): Promise<{ eventsChecked: number; streams: Map<string, StreamCursor>; lastPosition: number }> => {
  const streams = new Map<string, StreamCursor>();
  const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
  let from = 0;
  let checked = 0;
  for (;;) {
    const batch = await store.readAll({ fromPosition: from, limit: SCAN_BATCH });
    for (const event of batch) {
      if (event.globalPosition > upTo) return { eventsChecked: checked, streams, lastPosition: from };
      const previous = streams.get(event.streamId) ?? START;
      const linkHash = chainHash(previous.storedHash, event);
      const contentHash = previous.storedHash === previous.contentHash ? linkHash : chainHash(previous.contentHash, event);
      checked += 1;
      from = event.globalPosition;
      streams.set(event.streamId, { version: event.streamVersion, position: event.globalPosition, storedHash: event.hash, contentHash });
      if (visit({ event, previous, linkHash, contentHash }) === false) return { eventsChecked: checked, streams, lastPosition: from };
    }
    options.onProgress?.(checked);
    if (batch.length < SCAN_BATCH) return { eventsChecked: checked, streams, lastPosition: from };
  }
};
