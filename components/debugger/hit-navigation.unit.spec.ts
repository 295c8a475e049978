import { describe, expect, it } from 'vitest';
import { expressionProblem, landOnHit } from './hit-navigation';

describe('landing on breakpoint hits', () => {
  const hits = [4, 10, 31];
  it('goes to the first hit after the position, or the last before it', () => {
    expect(landOnHit(hits, 6, 'next', 'balance < 0')).toEqual({ target: 10, notice: null });
    expect(landOnHit(hits, 0, 'next', 'balance < 0')).toEqual({ target: 4, notice: null });
    expect(landOnHit(hits, 10, 'previous', 'balance < 0')).toEqual({ target: 4, notice: null });
  });

  it('wraps around past either end and says so', () => {
    expect(landOnHit(hits, 31, 'next', 'balance < 0')).toEqual({ target: 4, notice: 'No hit after v31; wrapped around to v4.' });
    expect(landOnHit(hits, 40, 'next', 'balance < 0').target).toBe(4);
    expect(landOnHit(hits, 2, 'previous', 'balance < 0')).toEqual({ target: 31, notice: 'No hit before v2; wrapped around to v31.' });
  });

  it('stays, saying why, with no breakpoint, no hits, or only the hit it is on', () => {
    expect(landOnHit([], 5, 'next', '')).toEqual({ target: null, notice: 'No breakpoint set: type a condition and press Find hits.' });
    expect(landOnHit([], 5, 'next', 'balance < -1000')).toEqual({ target: null, notice: 'No version matches balance < -1000: nothing to go to.' });
    expect(landOnHit([6], 6, 'next', 'balance < 0')).toEqual({ target: null, notice: 'v6 is the only hit of balance < 0.' });
    expect(landOnHit([6], 9, 'next', 'balance < 0').target).toBe(6);
  });
});

describe('checking a condition in the browser', () => {
  it('names a syntax error before anything is sent', () => {
    expect(expressionProblem('balance <')).toMatch(/^Expected a value or field, found the end/);
    expect(expressionProblem('  ')).toBe('Type a condition, e.g. balance < 0');
    expect(expressionProblem('balance < 0 && event.type == "MoneyWithdrawn"')).toBeNull();
  });
});
