import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../core/envelope';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { accountDecider } from '../domain/account/decider';
import { BlameRecorder } from './blame';
import { BlameIndex } from './blame-index';
import { accountHistory } from './testing/random-histories';

const fold = (store: InMemoryEventStore) => ({ store, initialState: accountDecider.initialState, evolve: (state: unknown, event: RecordedEvent) => accountDecider.evolve(state as never, event as never) });

/** The reference: a fresh fold from the first event to `upTo`. */
const reference = async (store: InMemoryEventStore, streamId: string, path: string, upTo: number) => {
  const recorder = new BlameRecorder(path, accountDecider.initialState());
  let state = accountDecider.initialState();
  for (const event of await store.readStream(streamId, { toVersion: upTo })) {
    const next = accountDecider.evolve(state, event as never);
    recorder.visit(event, state, next);
    state = next;
  }
  return { initial: recorder.initial, value: recorder.value, changes: recorder.changes, total: recorder.total, truncated: false };
};

describe('the blame index', () => {
  it('answers as a fresh fold would, whatever order versions are asked in and while the stream grows', async () => {
    await fc.assert(
      fc.asyncProperty(
        accountHistory('a1', 40).filter((events) => events.length > 0),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('balance', 'status', 'holder.name')), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        async (history, asks, appends) => {
          const store = new InMemoryEventStore();
          const index = new BlameIndex(fold(store));
          const part = Math.ceil(history.length / appends);
          for (let from = 0; from < history.length; from += part) {
            await store.appendToStream('account-a1', history.slice(from, from + part));
            const head = Math.min(history.length, from + part);
            for (const [where, path] of asks) {
              const upTo = Math.round(where * head);
              expect(await index.blame('account-a1', path, upTo)).toEqual(await reference(store, 'account-a1', path, upTo));
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
