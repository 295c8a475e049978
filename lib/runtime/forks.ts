import type { Decider } from '../core/decider';
import type { RecordedEvent } from '../core/envelope';
import type { ForkSource } from '../debugger/fork-runner';
import { aggregateForStream, eventsOnly } from './debuggers';
import type { Runtime } from './runtime';

/** What a what-if fork of a stream folds with: the stream's own aggregate (as the debugger folds it), reading upcast events. */
export const forkSourceFor = (runtime: Runtime, streamId: string): ForkSource => {
  const aggregate = aggregateForStream(runtime, streamId);
  const decider = (aggregate?.decider ?? eventsOnly) as Decider<unknown, unknown, RecordedEvent>;
  return {
    store: runtime.store,
    aggregate,
    initialState: decider.initialState,
    evolve: (state, event) => decider.evolve(state, event),
    signedAmount: aggregate?.debugger.signedAmount ?? (() => null),
  };
};
