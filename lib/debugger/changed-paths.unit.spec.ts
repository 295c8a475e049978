import { describe, expect, it } from 'vitest';
import { changedPaths, sameJson } from './changed-paths';

describe('changedPaths', () => {
  it('lists changed leaves with dotted paths', () => {
    const before = { status: 'open', balance: 100, holder: { name: 'Ada', kind: 'person' } };
    const after = { status: 'open', balance: 40, holder: { name: 'Ada L', kind: 'person' } };
    expect(changedPaths(before, after)).toEqual(['balance', 'holder.name']);
  });

  it('lists every leaf of a state that appears', () => {
    expect(changedPaths({ status: 'none' }, { status: 'open', balance: 0, holder: { name: 'Ada' } })).toEqual(['balance', 'holder.name', 'status']);
    expect(changedPaths({ status: 'open', closedAt: undefined }, { status: 'closed', closedAt: 'x' })).toEqual(['closedAt', 'status']);
  });

  it('ignores key order and equal values', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
  });
});
