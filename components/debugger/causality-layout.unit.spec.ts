import { describe, expect, it } from 'vitest';
import type { CommandMark } from '@/lib/debugger/causality-schemas';
import { axisOf, commandLabel, commandTarget, formatLag, otherPlace, placeOn, stackLevels } from './causality-layout';

const bucket = (start: string, end: string) => ({ start, end, firstVersion: 1, count: 1 });
const command = (overrides: Partial<CommandMark>): CommandMark => ({
  outcome: 'accepted',
  commandId: 'c1',
  type: 'WithdrawMoney',
  actor: 'teller:ann',
  at: '2026-11-20T16:02:00.000Z',
  streamId: 'account-twin-tills',
  version: 3,
  events: ['MoneyWithdrawn'],
  code: null,
  reason: null,
  lostTo: null,
  causedBy: null,
  ...overrides,
});

describe('the causality lanes layout', () => {
  it("puts a time on the density strip's axis, and one outside it at the edge it lies beyond", () => {
    const axis = axisOf([bucket('2026-11-20T16:00:00.000Z', '2026-11-20T16:01:00.000Z'), bucket('2026-11-20T16:01:00.000Z', '2026-11-20T16:02:00.000Z')])!;
    expect(placeOn(axis, '2026-11-20T16:01:00.000Z')).toEqual({ percent: 50, beyond: null });
    expect(placeOn(axis, '2026-11-20T16:02:00.000Z')).toEqual({ percent: 100, beyond: null });
    expect(placeOn(axis, '2026-11-20T17:00:00.000Z')).toEqual({ percent: 100, beyond: 'after' });
    expect(placeOn(axis, '2026-11-20T15:00:00.000Z')).toEqual({ percent: 0, beyond: 'before' });
    expect(axisOf([])).toBeNull();
  });

  it('stacks marks that would overlap on the next free level, and reuses a level once there is room', () => {
    expect(stackLevels([0, 0.5, 1, 10, 10.2, 50])).toEqual([0, 1, 2, 0, 1, 0]);
    expect(stackLevels([100, 100, 100, 100, 100]).every((level) => level < 4)).toBe(true);
  });

  it('says why a command did not become events, and opens the event that won its race', () => {
    const lost = command({ outcome: 'conflicted', version: 2, events: [], code: 'version_conflict', lostTo: { version: 3, commandId: 'c1', actor: 'teller:ann', type: 'MoneyWithdrawn' }, actor: 'teller:grace' });
    expect(commandLabel(lost, 'account-twin-tills')).toBe(
      'WithdrawMoney by teller:grace lost to a concurrent writer (version_conflict), decided on v2. v3 MoneyWithdrawn by teller:ann was written instead.',
    );
    expect(commandTarget(lost, 'account-twin-tills')).toEqual({ streamId: 'account-twin-tills', version: 3 });
    const refused = command({ outcome: 'rejected', version: 2, events: [], code: 'insufficient_funds', reason: 'Insufficient funds.' });
    expect(commandLabel(refused, 'account-twin-tills')).toContain('refused (insufficient_funds)');
    const leg = command({ actor: 'system:transfers', causedBy: { streamId: 'transfer-t1', version: 1 } });
    expect(commandTarget(leg, 'account-a')).toEqual({ streamId: 'transfer-t1', version: 1 });
    expect(commandLabel(leg, 'account-a')).toBe('WithdrawMoney by system:transfers accepted: MoneyWithdrawn at v3, sent for transfer-t1 v1.');
  });

  it('opens the other stream of a step where it has one', () => {
    const places = [{ streamId: 'transfer-t1', version: 2 }, { streamId: 'account-a', version: 3 }];
    expect(otherPlace(places, 'transfer-t1')).toEqual({ streamId: 'account-a', version: 3 });
    expect(otherPlace(places, 'account-a')).toEqual({ streamId: 'transfer-t1', version: 2 });
    expect(otherPlace([{ streamId: 'account-a', version: 3 }], 'account-a')).toEqual({ streamId: 'account-a', version: 3 });
  });

  it('writes a lag in the unit that reads best', () => {
    expect([formatLag(420), formatLag(3_240), formatLag(240_000), formatLag(7_200_000), formatLag(13 * 86_400_000)]).toEqual(['420 ms', '3.2 s', '4 min', '2 h', '13 d']);
  });
});
