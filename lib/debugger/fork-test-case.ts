import type { Collected } from './fork';
import type { ForkEdit, ForkEditOutcome, ForkTestCaseFile } from './fork-schemas';

/*
 * A what-if fork as a vitest file, given / when / then: given the fork's events up to the
 * position (after the state they start from, when the history is long), when each command the
 * fork inserted, then the events the aggregate's decider makes of it or its refusal, and the
 * state the fork reaches. It imports the decider from the registry, so it fails when the code
 * no longer decides or folds as it did when the fork was exported.
 */

export type ForkTestCaseInput = {
  streamId: string;
  aggregate: string;
  /** The original version the fork is exported at, and the fork's own version there. */
  at: number;
  forkVersion: number;
  edits: readonly ForkEdit[];
  outcomes: readonly ForkEditOutcome[];
  parts: Collected;
  then: unknown;
};

const json = (value: unknown): string => JSON.stringify(value, null, 2);
const indent = (text: string, spaces: number): string => text.replaceAll('\n', `\n${' '.repeat(spaces)}`);
/** Comment text cannot end the comment it is in. */
const commentSafe = (text: string): string => text.replaceAll('*/', '* /');

export const describeEdit = (edit: ForkEdit, outcome: ForkEditOutcome | undefined): string => {
  if (edit.kind === 'skip') return `skip v${edit.version}`;
  if (edit.kind === 'edit') return `edit v${edit.version}'s data`;
  const decided = !outcome ? '' : outcome.outcome === 'refused' ? `: refused ${outcome.refusal?.code}` : `: ${outcome.events.join(', ') || 'no events'}`;
  return `insert ${edit.command} ${JSON.stringify(edit.input)} after v${edit.after}${decided}`;
};

export const forkTestCase = (input: ForkTestCaseInput): ForkTestCaseFile => {
  const { streamId, aggregate, at, forkVersion, parts } = input;
  const offset = parts.givenState?.forkVersion ?? 0;
  const edits = input.edits.map((edit, index) => ` * - ${commentSafe(describeEdit(edit, input.outcomes[index]))}`);
  const whens = parts.whens.map((when) => {
    const before = when.givenBefore - offset;
    const given = `fold(decider, given.slice(0, ${before}), start())`;
    const title = `given ${before} event${before === 1 ? '' : 's'}, when ${when.commandType} (inserted after v${when.after}), then ${
      'refused' in when.outcome ? `it is refused: ${when.outcome.refused.code}` : `it decides ${when.outcome.events.map((event) => event.type).join(', ') || 'no events'}`
    }`;
    const expectation =
      'refused' in when.outcome
        ? `expect(refusalOf(() => decider.decide(command, state))).toMatchObject({ code: ${JSON.stringify(when.outcome.refused.code)} });`
        : `expect(decider.decide(command, state)).toEqual(given.slice(${before}, ${before + when.outcome.events.length}));`;
    return [
      `  it(${JSON.stringify(title)}, () => {`,
      `    const state = ${given};`,
      `    const command = ${indent(json(when.command), 4)};`,
      `    ${expectation}`,
      '  });',
    ].join('\n');
  });
  const name = `what if: ${streamId} at v${at}`;
  const source = [
    "import { describe, expect, it } from 'vitest';",
    "import { fold } from '@/lib/core/decider';",
    "import { AGGREGATES } from '@/lib/runtime/aggregates';",
    '',
    '/*',
    ` * What if… ${commentSafe(streamId)}: a fork made in the time-travel debugger (nothing of it is in the store).`,
    ...edits,
    ` * Position v${at} of the original is v${forkVersion} of the fork.`,
    parts.whensBeforeWindow > 0 ? ` * ${parts.whensBeforeWindow} inserted command(s) before the given events are not restated.` : null,
    ' */',
    '',
    `const { decider } = AGGREGATES.find((aggregate) => aggregate.name === ${JSON.stringify(aggregate)})!;`,
    '',
    parts.givenState ? `/** The fork's state at its v${parts.givenState.forkVersion}, before the given events. */` : '/** The given events start from the beginning of the stream. */',
    `const givenState: unknown = ${json(parts.givenState?.state ?? null)};`,
    `const given = ${json(parts.given)};`,
    `const then = ${json(input.then)};`,
    '',
    'const start = () => structuredClone(givenState) ?? decider.initialState();',
    '',
    '/** The error a decision threw, if it threw. */',
    'const refusalOf = (decide: () => unknown): unknown => {',
    '  try {',
    '    decide();',
    '  } catch (error) {',
    '    return error;',
    '  }',
    '  return null;',
    '};',
    '',
    `describe(${JSON.stringify(name)}, () => {`,
    `  it(${JSON.stringify(`given the fork's ${parts.given.length} events, then its state is the one shown at v${at}`)}, () => {`,
    '    expect(fold(decider, given, start())).toEqual(then);',
    '  });',
    ...whens.flatMap((when) => ['', when]),
    '});',
    '',
  ]
    .filter((line) => line !== null)
    .join('\n');
  const fileName = `${streamId}-v${at}.what-if.unit.spec.ts`;
  return { name, fileName, source };
};
