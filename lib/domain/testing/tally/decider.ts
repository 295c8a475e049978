import type { Decider } from '../../../core/decider';
import { NotFoundError, RuleViolation } from '../../../core/errors';
import type { TallyCommand } from './commands';
import type { TallyEvent } from './events';

export type TallyState = { status: 'none' } | { status: 'open' | 'closed'; tallyId: string; label: string; total: number };

export const TALLY_RULES = {
  tally_already_started: 'This tally was started already',
  tally_closed: 'The tally is closed',
  tally_limit_exceeded: 'A tally counts to 10,000 at most',
} as const;

const reject = (code: keyof typeof TALLY_RULES): never => {
  throw new RuleViolation(code, TALLY_RULES[code]);
};

const open = (state: TallyState, tallyId: string) => {
  if (state.status === 'none') throw new NotFoundError(`Tally ${tallyId} does not exist`, 'tally_not_found');
  if (state.status === 'closed') return reject('tally_closed');
  return state;
};

const decide = (command: TallyCommand, state: TallyState): TallyEvent[] => {
  const { tallyId } = command.data;
  switch (command.type) {
    case 'StartTally':
      if (state.status !== 'none') return reject('tally_already_started');
      return [{ type: 'TallyStarted', data: { tallyId, label: command.data.label, startedAt: command.metadata.now } }];
    case 'AddToTally': {
      const tally = open(state, tallyId);
      if (tally.total + command.data.count > 10_000) return reject('tally_limit_exceeded');
      return [{ type: 'TallyAdded', data: { tallyId, count: command.data.count } }];
    }
    case 'CloseTally':
      return [{ type: 'TallyClosed', data: { tallyId, total: open(state, tallyId).total } }];
    default: {
      const _never: never = command;
      return _never;
    }
  }
};

const evolve = (state: TallyState, event: TallyEvent): TallyState => {
  switch (event.type) {
    case 'TallyStarted':
      return { status: 'open', tallyId: event.data.tallyId, label: event.data.label, total: 0 };
    case 'TallyAdded':
      return state.status === 'none' ? state : { ...state, total: state.total + event.data.count };
    case 'TallyClosed':
      return state.status === 'none' ? state : { ...state, status: 'closed' };
    default:
      return state;
  }
};

export const tallyDecider: Decider<TallyState, TallyCommand, TallyEvent> = { initialState: () => ({ status: 'none' }), decide, evolve };
