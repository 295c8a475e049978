import type { AnyAggregate } from '../core/aggregate';
import { fold, type Decider } from '../core/decider';
import type { RecordedEvent } from '../core/envelope';
import { streamCategory } from '../core/envelope';
import { DebuggerService } from '../debugger/debugger-service';
import type { Runtime } from './runtime';

/** A stream no aggregate owns (a migration's record, an import): its events, counted, and nothing decided. */
export const eventsOnly: Decider<{ events: number; lastType: string | null }, never, RecordedEvent> = {
  initialState: () => ({ events: 0, lastType: null }),
  decide: () => [],
  evolve: (state, event) => ({ events: state.events + 1, lastType: event.type }),
};

/**
 * The aggregate whose decider folds a stream: its own category's, or, for a stream migration's
 * copy (`account_migrated-…`), the original's. Null when no aggregate owns it.
 */
export const aggregateForStream = (runtime: Runtime, streamId: string): AnyAggregate | null => {
  const own = runtime.aggregates.ofStream(streamId);
  if (own) return own;
  const category = streamCategory(streamId);
  const copied = /^(.+)_migrated$/.exec(category)?.[1];
  return copied ? runtime.aggregates.ofStream(`${copied}-x`) : null;
};

const build = (runtime: Runtime, aggregate: AnyAggregate | null): DebuggerService<unknown> => {
  const decider = (aggregate?.decider ?? eventsOnly) as Decider<unknown, unknown, RecordedEvent>;
  const snapshotted = aggregate?.stateSchemaVersion !== undefined && runtime.snapshots !== null;
  return new DebuggerService<unknown>({
    store: runtime.store,
    stateAt: snapshotted
      ? (streamId, version) => runtime.loader(aggregate!.name).stateAt(streamId, version)
      : async (streamId, version) => ({
          state: fold(decider, version === 0 ? [] : await runtime.store.readStream(streamId, { toVersion: version })),
          version,
        }),
    initialState: decider.initialState,
    evolve: (state, event) => decider.evolve(state, event),
    snapshots: snapshotted
      ? { store: runtime.snapshots!, stateSchemaVersion: aggregate!.stateSchemaVersion!, every: runtime.config.snapshotEvery }
      : null,
    signedAmount: aggregate?.debugger.signedAmount ?? (() => null),
  });
};

/** One debugger per aggregate (and one for streams no aggregate owns), built on first use. */
export const debuggerFor = (runtime: Runtime, streamId: string, cache: Map<string, unknown>): DebuggerService<unknown> => {
  const aggregate = aggregateForStream(runtime, streamId);
  const key = `debugger:${aggregate?.name ?? '(events only)'}`;
  if (!cache.has(key)) cache.set(key, build(runtime, aggregate));
  return cache.get(key) as DebuggerService<unknown>;
};
