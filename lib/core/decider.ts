/**
 * An aggregate as three pure functions. `decide` returns the events a command
 * produces or throws a typed RuleViolation; `evolve` never throws.
 */
export type Decider<State, Command, Event> = {
  initialState: () => State;
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
};

export const fold = <State, Event>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
  from: State = decider.initialState(),
): State => {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
