import type { AnyAggregate } from '../core/aggregate';
import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { ForkRun } from './fork';
import type { ForkRequest } from './fork-schemas';

/*
 * A fork of a stored stream: its events read (upcast) in chunks up to the head the caller
 * measured, each chunk folded into the original and the fork. Reads only.
 */

const CHUNK = 2_000;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export type ForkSource = {
  /** Reads events as today's code sees them (the upcasting store). */
  store: Pick<EventStore, 'readStream'>;
  aggregate: AnyAggregate | null;
  initialState: () => unknown;
  evolve: (state: unknown, event: RecordedEvent) => unknown;
  signedAmount: (event: RecordedEvent) => number | null;
};

export const runFork = async (source: ForkSource, streamId: string, head: number, request: ForkRequest, collect?: number): Promise<ForkRun> => {
  const { store, ...fold } = source;
  const run = new ForkRun({ ...fold, streamId, head, edits: request.edits, at: request.at ?? head, breakpoint: request.breakpoint, collect });
  for (let from = 1; from <= head; from += CHUNK) {
    run.add(await store.readStream(streamId, { fromVersion: from, toVersion: Math.min(head, from + CHUNK - 1) }));
    // A long stream's fold gives way between chunks, so the quick answers sharing the process are not held up.
    if (from + CHUNK <= head) await yieldToOthers();
  }
  return run;
};
