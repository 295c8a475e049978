import type { DensityBucket } from './types';
import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';

/*
 * Questions about one stream answered with single-row, indexed reads through
 * the EventStore port (version is the key), so they cost O(log n) queries
 * however long the stream is.
 */

export const eventAt = async (store: EventStore, streamId: string, version: number): Promise<RecordedEvent | null> =>
  version < 1 ? null : ((await store.readStream(streamId, { fromVersion: version, toVersion: version, limit: 1 }))[0] ?? null);

const exists = async (store: EventStore, streamId: string, version: number) => (await eventAt(store, streamId, version)) !== null;

/** The stream's current version (0 when it has no events), by galloping then bisecting; `hint` is a version known to exist. */
export const headVersion = async (store: EventStore, streamId: string, hint = 0): Promise<number> => {
  let low = hint > 0 && (await exists(store, streamId, hint)) ? hint : 0;
  // From a recent head, streams grow a little at a time: look just past it first.
  let step = 1;
  let high = low + step;
  while (await exists(store, streamId, high)) {
    low = high;
    step *= 2;
    high = low + step;
  }
  // Invariant: `low` exists (or is 0), `high` does not.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await exists(store, streamId, middle)) low = middle;
    else high = middle;
  }
  return low;
};

/**
 * The last version recorded at or before `at` (0 when the stream began
 * later). recordedAt never decreases along a stream: each append is stamped
 * after the one before it.
 */
export const versionAt = async (store: EventStore, streamId: string, at: Date, head: number): Promise<number> => {
  let low = 0;
  let high = head + 1;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const event = await eventAt(store, streamId, middle);
    if (event && event.recordedAt.getTime() <= at.getTime()) low = middle;
    else high = middle;
  }
  return low;
};


/**
 * Events per equal slice of time between versions `range.from` and `range.to`
 * (the whole stream by default; a zoomed window otherwise), from one bisection
 * per boundary instead of a full read.
 */
export const density = async (store: EventStore, streamId: string, head: number, buckets: number, range = { from: 1, to: head }): Promise<DensityBucket[]> => {
  const low = Math.max(1, Math.min(range.from, head));
  const high = Math.max(low, Math.min(range.to, head));
  if (head === 0) return [];
  const [first, last] = await Promise.all([eventAt(store, streamId, low), eventAt(store, streamId, high)]);
  const from = first!.recordedAt.getTime();
  const span = Math.max(1, last!.recordedAt.getTime() - from);
  const boundaries = [low - 1];
  for (let index = 1; index < buckets; index++) {
    const at = await versionAt(store, streamId, new Date(from + (span * index) / buckets - 1), head);
    boundaries.push(Math.max(low - 1, Math.min(high, at)));
  }
  boundaries.push(high);
  return Array.from({ length: buckets }, (_, index) => ({
    start: new Date(from + (span * index) / buckets).toISOString(),
    end: new Date(from + (span * (index + 1)) / buckets).toISOString(),
    firstVersion: boundaries[index]! + 1,
    count: boundaries[index + 1]! - boundaries[index]!,
  }));
};

export type { DensityBucket };
