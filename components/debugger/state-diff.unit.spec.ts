import { describe, expect, it } from 'vitest';
import { currencyOf, diffStates, showValue } from './state-diff';

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
});
