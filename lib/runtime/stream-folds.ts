import type { RecordedEvent } from '../core/envelope';
import type { StreamFold } from '../debugger/history-scan';
import { aggregateForStream } from './debuggers';
import type { Runtime } from './runtime';

/**
 * Each stream's fold by its own aggregate's decider (a migration's copy by the original's), for
 * passes over the whole log; null for streams no aggregate owns. One fold per aggregate.
 */
export const streamFolds = (runtime: Runtime): ((streamId: string) => StreamFold | null) => {
  const byAggregate = new Map<string, StreamFold>();
  return (streamId) => {
    const aggregate = aggregateForStream(runtime, streamId);
    if (!aggregate) return null;
    let fold = byAggregate.get(aggregate.name);
    if (!fold) {
      const decider = aggregate.decider;
      fold = { initialState: () => decider.initialState(), evolve: (state: unknown, event: RecordedEvent) => decider.evolve(state, event) };
      byAggregate.set(aggregate.name, fold);
    }
    return fold;
  };
};
