import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../core/envelope';
import { accountDecider } from '../domain/account/decider';
import { BlameRecorder, readPath, valueFromChanges } from './blame';
import { blamePathSchema } from './blame-schemas';
import { sameJson } from './changed-paths';
import { accountHistory, recorded } from './testing/random-histories';

const PATHS = ['balance', 'status', 'holder', 'holder.name', 'holder.kind', 'overdraftLimit', 'closedAt', 'lastActivityAt', 'interestPaidThrough', 'nothing.here'];

/** Folds the events, recording blame for `path`, and keeps the state at every version for the check. */
const blameOf = (events: RecordedEvent[], path: string, keep?: number) => {
  const recorder = new BlameRecorder(path, accountDecider.initialState(), keep);
  const states: unknown[] = [accountDecider.initialState()];
  let state = accountDecider.initialState();
  for (const event of events) {
    const next = accountDecider.evolve(state, event as never);
    recorder.visit(event, state, next);
    states.push(next);
    state = next;
  }
  return { recorder, states };
};

describe('blame this value', () => {
  it('applying the recorded deltas in order reproduces the value at every version', () => {
    fc.assert(
      fc.property(accountHistory('a1'), fc.constantFrom(...PATHS), (history, path) => {
        const { recorder, states } = blameOf(recorded('account-a1', history), path);
        const segments = path.split('.');
        states.forEach((state, version) => expect(sameJson(valueFromChanges(recorder.initial, recorder.changes, version), readPath(state, segments))).toBe(true));
        expect(recorder.total).toBe(recorder.changes.length);
      }),
      { numRuns: 300 },
    );
  });

  it('records only real changes, each chained to the one before', () => {
    fc.assert(
      fc.property(accountHistory('a1'), fc.constantFrom(...PATHS), (history, path) => {
        const { recorder } = blameOf(recorded('account-a1', history), path);
        let previous = recorder.initial;
        for (const change of recorder.changes) {
          expect(sameJson(change.before, previous)).toBe(true);
          expect(sameJson(change.before, change.after)).toBe(false);
          previous = change.after;
        }
        expect(sameJson(previous, recorder.value)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('names the event, its command, actor and correlation for each change of the balance', () => {
    const events = recorded('account-a1', [
      { type: 'AccountOpened', data: { accountId: 'a1', holder: { name: 'Ada', kind: 'person' }, customerId: null, currency: 'EUR', overdraftLimit: 100, openedAt: '2026-01-01T00:00:00.000Z' } },
      { type: 'MoneyDeposited', data: { accountId: 'a1', amount: 500, currency: 'EUR', description: 'in', depositedAt: '2026-01-01T00:01:00.000Z' } },
      { type: 'AccountClosed', data: { accountId: 'a1', reason: 'asked', closedAt: '2026-01-01T00:02:00.000Z' } },
      { type: 'MoneyWithdrawn', data: { accountId: 'a1', amount: 584, currency: 'EUR', description: 'out', withdrawnAt: '2026-01-01T00:03:00.000Z' } },
    ]);
    const { recorder } = blameOf(events, 'balance');
    expect(recorder.initial).toBeNull();
    expect(recorder.changes.map(({ version, type, before, after }) => ({ version, type, before, after }))).toEqual([
      { version: 1, type: 'AccountOpened', before: null, after: 0 },
      { version: 2, type: 'MoneyDeposited', before: 0, after: 500 },
      { version: 4, type: 'MoneyWithdrawn', before: 500, after: -84 },
    ]);
    expect(recorder.changes[2]).toMatchObject({ actor: 'ann', correlationId: 'c-4', commandId: 'cmd-account-a1-4', command: 'Test', globalPosition: 4 });
  });

  it('keeps the newest changes when there are more than it may keep, counting all', () => {
    const history = Array.from({ length: 20 }, (_, n) => ({ type: 'MoneyDeposited' as const, data: { accountId: 'a1', amount: n + 1, currency: 'EUR' as const, description: 'in', depositedAt: '2026-01-01T00:00:00.000Z' } }));
    const opened = { type: 'AccountOpened' as const, data: { accountId: 'a1', holder: { name: 'Ada', kind: 'person' as const }, customerId: null, currency: 'EUR' as const, overdraftLimit: 0, openedAt: '2026-01-01T00:00:00.000Z' } };
    const { recorder } = blameOf(recorded('account-a1', [opened, ...history]), 'balance', 5);
    expect(recorder.total).toBe(21);
    expect(recorder.changes.map((change) => change.version)).toEqual([17, 18, 19, 20, 21]);
  });

  it('accepts dotted field paths only', () => {
    expect(blamePathSchema.safeParse('holder.name').success).toBe(true);
    for (const bad of ['', 'a..b', 'a[0]', '__proto__ .x', 'a.b.', 'balance < 0', 'x'.repeat(201)]) expect(blamePathSchema.safeParse(bad).success).toBe(false);
  });
});
