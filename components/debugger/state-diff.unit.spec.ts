import { describe, expect, it } from 'vitest';
import { currencyOf, diffStates, rawMinorUnits, showValue } from './state-diff';

describe('the tree diff of two states', () => {
  const a = { status: 'open', balance: 10_000, currency: 'EUR', holder: { name: 'Ada', kind: 'person' }, tags: ['a'], closedAt: null };
  const b = { status: 'closed', balance: -250, currency: 'EUR', holder: { name: 'Ada L', kind: 'person', since: 2020 }, tags: ['a', 'b'], closedAt: '2026-03-01' };

  it('lists each differing field once, nested fields by their path and depth', () => {
    expect(diffStates(a, b)).toEqual([
      { path: 'status', depth: 0, change: 'changed', before: 'open', after: 'closed' },
      { path: 'balance', depth: 0, change: 'changed', before: 10_000, after: -250 },
      { path: 'holder.name', depth: 1, change: 'changed', before: 'Ada', after: 'Ada L' },
      { path: 'holder.since', depth: 1, change: 'added', after: 2020 },
      { path: 'tags', depth: 0, change: 'changed', before: ['a'], after: ['a', 'b'] },
      { path: 'closedAt', depth: 0, change: 'changed', before: null, after: '2026-03-01' },
    ]);
  });

  it('is empty for equal states, and names removed fields', () => {
    expect(diffStates(a, structuredClone(a))).toEqual([]);
    expect(diffStates({ x: 1, y: { z: 2 } }, { x: 1 })).toEqual([{ path: 'y', depth: 0, change: 'removed', before: { z: 2 } }]);
    expect(diffStates({ status: 'none' }, null)).toEqual([{ path: '(state)', depth: 0, change: 'changed', before: { status: 'none' }, after: null }]);
  });

  it('shows money in the state’s currency and everything else as JSON', () => {
    expect(currencyOf(a)).toBe('EUR');
    expect(currencyOf({ currency: 'XXX' })).toBeNull();
    expect(showValue('balance', 137_214, 'EUR')).toBe('€1,372.14');
    expect(showValue('balance', -250, 'EUR')).toMatch(/^-€2\.50$|^−€2\.50$/);
    expect(showValue('balance', 500, 'JPY')).toBe('JP¥500');
    expect(showValue('status', 'open', 'EUR')).toBe('"open"');
    expect(showValue('balance', 5, null)).toBe('5');
    expect(showValue('x', undefined, 'EUR')).toBe('(absent)');
  });

  it("shows a projection document's money in its currency: a ledger row's running balance, a day's flows", () => {
    const row = { kind: 'withdrawal', amount: -8412, currency: 'EUR', balanceAfter: 137_214, version: 4, position: 4711 };
    const flow = { kind: 'flow', day: '2026-12-03', currency: 'GBP', deposits: 500_000, withdrawals: 12_345, interest: 7, movements: 3 };
    expect(showValue('amount', row.amount, currencyOf(row))).toBe('-€84.12');
    expect(showValue('balanceAfter', row.balanceAfter, currencyOf(row))).toBe('€1,372.14');
    expect(showValue('deposits', flow.deposits, currencyOf(flow))).toBe('£5,000.00');
    expect(showValue('withdrawals', flow.withdrawals, currencyOf(flow))).toBe('£123.45');
    expect(showValue('interest', flow.interest, currencyOf(flow))).toBe('£0.07');
    // Counts and positions are not money, whatever the currency.
    expect(showValue('movements', flow.movements, 'GBP')).toBe('3');
    expect(showValue('position', row.position, 'EUR')).toBe('4711');
    // A document without a known currency (a status count, a movement without one) shows its numbers as they are.
    expect(currencyOf({ kind: 'status', status: 'open', accounts: 12 })).toBeNull();
    expect(currencyOf({ amount: 5, currency: '' })).toBeNull();
  });

  it('keeps the minor units behind money for a tooltip, and nothing for other values', () => {
    expect(rawMinorUnits('balance', -8412, 'EUR')).toBe('-8412 minor units');
    expect(rawMinorUnits('summary.balanceAfter', 137_214, 'EUR')).toBe('137214 minor units');
    expect(rawMinorUnits('balance', -8412, null)).toBeNull();
    expect(rawMinorUnits('version', 4, 'EUR')).toBeNull();
    expect(rawMinorUnits('balance', '90071992547409930', 'EUR')).toBeNull();
    expect(rawMinorUnits('balance', 1.5, 'EUR')).toBeNull();
  });
});
