import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../core/envelope';
import { accountAggregate } from '../domain/account/aggregate';
import type { AccountEvent } from '../domain/account/events';
import type { AccountState } from '../domain/account/state';
import { ForkRun, type Collected } from './fork';
import type { ForkEdit } from './fork-schemas';
import { forkTestCase } from './fork-test-case';
import { recorded } from './testing/random-histories';

const STREAM = 'account-t1';
const { decider } = accountAggregate;
const evolve = (state: unknown, event: RecordedEvent) => decider.evolve(state as AccountState, event as unknown as AccountEvent);

const history = (deposits: number): RecordedEvent[] =>
  recorded(STREAM, [
    { type: 'AccountOpened', data: { accountId: 't1', holder: { name: 'Ada', kind: 'person' }, customerId: null, currency: 'EUR', overdraftLimit: 0, openedAt: '2026-01-01T00:00:00.000Z' } },
    ...Array.from({ length: deposits }, (_, i): AccountEvent => ({ type: 'MoneyDeposited', data: { accountId: 't1', amount: 100 + i, currency: 'EUR', description: 'in', depositedAt: '2026-01-02T00:00:00.000Z' } })),
  ]);

const exported = (events: RecordedEvent[], edits: ForkEdit[], at: number, collect: number) => {
  const run = new ForkRun({ streamId: STREAM, head: events.length, aggregate: accountAggregate, initialState: decider.initialState, evolve, signedAmount: () => null, edits, at, collect });
  run.add(events);
  const result = run.finish();
  const parts = run.testCaseParts();
  return { result, parts, file: forkTestCase({ streamId: STREAM, aggregate: 'account', at, forkVersion: result.fork.version, edits, outcomes: result.edits, parts, then: result.fork.state }) };
};

/** What the generated file asserts, asserted here on the same parts. */
const holds = (parts: Collected, then: unknown) => {
  const start = () => structuredClone(parts.givenState?.state) ?? decider.initialState();
  const foldFrom = (events: readonly { type: string; data: unknown }[]) => events.reduce<unknown>((state, event) => evolve(state, event as RecordedEvent), start());
  expect(foldFrom(parts.given)).toEqual(then);
  const offset = parts.givenState?.forkVersion ?? 0;
  for (const when of parts.whens) {
    const before = when.givenBefore - offset;
    const state = foldFrom(parts.given.slice(0, before)) as AccountState;
    if ('refused' in when.outcome) {
      let refusal: unknown = null;
      try {
        decider.decide(when.command as never, state);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toMatchObject({ code: when.outcome.refused.code });
    }
    else expect(decider.decide(when.command as never, state)).toEqual(parts.given.slice(before, before + when.outcome.events.length));
  }
};

describe('a fork exported as a test case', () => {
  const edits: ForkEdit[] = [
    { kind: 'skip', version: 2 },
    { kind: 'insert', after: 3, command: 'withdraw', input: { amount: 10_000 } },
    { kind: 'insert', after: 3, command: 'withdraw', input: { amount: 50 } },
    { kind: 'edit', version: 5, data: { accountId: 't1', amount: 7, currency: 'EUR', description: 'edited', depositedAt: '2026-01-03T00:00:00.000Z' } },
  ];

  it('gives the fork’s events, each inserted command with its outcome, and the state they lead to', () => {
    const { result, parts, file } = exported(history(6), edits, 6, 1_000);
    expect(parts.givenState).toBeNull();
    expect(parts.given.map((event) => event.type)).toEqual(['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'MoneyDeposited', 'MoneyDeposited', 'MoneyDeposited']);
    expect(parts.whens.map((when) => ('refused' in when.outcome ? when.outcome.refused.code : 'accepted'))).toEqual(['insufficient_funds', 'accepted']);
    holds(parts, result.fork.state);
    expect(file.fileName).toBe('account-t1-v6.what-if.unit.spec.ts');
    expect(file.source).toContain("import { AGGREGATES } from '@/lib/runtime/aggregates';");
    expect(file.source).toContain(' * - skip v2');
    expect(file.source).toContain(' * - insert withdraw {"amount":10000} after v3: refused insufficient_funds');
    expect(file.source).toContain('toMatchObject({ code: "insufficient_funds" })');
    expect(file.source).toContain('expect(decider.decide(command, state)).toEqual(given.slice(2, 3));');
    expect(file.source).toContain("it(\"given the fork's 6 events, then its state is the one shown at v6\"");
  });

  it('starts a long history from the fork’s state before its last events, dropping inserted commands before them', () => {
    const { result, parts, file } = exported(history(12), edits, 12, 4);
    expect(parts.given).toHaveLength(4);
    expect(parts.givenState).toMatchObject({ forkVersion: result.fork.version - 4 });
    expect(parts.whens).toEqual([]);
    expect(parts.whensBeforeWindow).toBe(2);
    holds(parts, result.fork.state);
    expect(file.source).toContain('2 inserted command(s) before the given events are not restated');
  });

  it('stops at the position: nothing inserted or recorded after it is given', () => {
    const { result, parts } = exported(history(6), edits, 3, 1_000);
    expect(parts.given).toHaveLength(2 + 1);
    expect(result.fork.version).toBe(3);
    holds(parts, result.fork.state);
  });
});
