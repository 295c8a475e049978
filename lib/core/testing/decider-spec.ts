import { expect } from 'vitest';
import type { Decider } from '../decider';
import { ChronicleError } from '../errors';

/** given(events).when(command).then(expected events) | thenRejects(code): the decider under test. */
export const deciderSpec =
  <State, Command, Event>(decider: Decider<State, Command, Event>) =>
  (history: Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, history.reduce(decider.evolve, decider.initialState()));
      return {
        then: (expected: Event[]) => expect(run()).toEqual(expected),
        thenRejects: (code: string) => {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught, `expected a rejection with code ${code}`).toBeInstanceOf(ChronicleError);
          expect((caught as ChronicleError).code).toBe(code);
        },
      };
    },
  });
