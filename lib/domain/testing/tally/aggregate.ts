import { defineCommand, type AggregateDefinition } from '../../../core/aggregate';
import { UpcasterRegistry } from '../../../core/upcasting';
import { addToTallyInput, closeTallyInput, startTallyInput, type TallyCommand } from './commands';
import { TALLY_RULES, tallyDecider, type TallyState } from './decider';
import { TALLY_EVENT_TYPES, type TallyEvent } from './events';

/**
 * A fixture aggregate: registered by a test beside the bank's own (`createRuntime({ aggregates:
 * [...AGGREGATES, tallyAggregate] })`) to prove that one folder and one registry line give an
 * aggregate its commands over HTTP, its streams in the debugger and its paths in the API document.
 */
const staffOnly = { customers: 'none', reason: 'Tallies are kept by the bank’s staff.' } as const;

export const tallyAggregate: AggregateDefinition<TallyState, TallyCommand, TallyEvent> = {
  name: 'tally',
  category: 'tally',
  idField: 'tallyId',
  collection: 'tallies',
  decider: tallyDecider,
  upcasters: new UpcasterRegistry(),
  commands: {
    start: defineCommand({ type: 'StartTally', input: startTallyInput, summary: 'Start a tally', creates: true, access: staffOnly, rules: ['tally_already_started'] }),
    add: defineCommand({ type: 'AddToTally', input: addToTallyInput, summary: 'Add to a tally', access: staffOnly, rules: ['tally_closed', 'tally_limit_exceeded'] }),
    close: defineCommand({ type: 'CloseTally', input: closeTallyInput, summary: 'Close a tally', access: staffOnly, rules: ['tally_closed'] }),
  },
  ownerOf: () => null,
  rules: TALLY_RULES,
  debugger: {
    label: 'tally',
    eventTypes: TALLY_EVENT_TYPES,
    presets: [{ label: 'total > 100', expression: 'total > 100' }],
    chartField: 'total',
  },
};
