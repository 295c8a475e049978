import { describe, expect, it } from 'vitest';
import { minorUnitsOf, textMatcher } from './text-match';

describe('searching events by text', () => {
  it('reads an amount typed as the list shows it as minor units', () => {
    expect(minorUnitsOf('1,372.14')).toBe('137214');
    expect(minorUnitsOf('+1,372.14')).toBe('137214');
    expect(minorUnitsOf('€ 1,372.14')).toBe('137214');
    expect(minorUnitsOf('0.50')).toBe('50');
    expect(minorUnitsOf('1372.14')).toBe('137214');
    expect(minorUnitsOf('1,37.14')).toBeNull();
    expect(minorUnitsOf('withdraw')).toBeNull();
  });

  it('finds the stored amount, and only as a whole number', () => {
    const matches = textMatcher('1,372.14');
    expect(matches('["moneywithdrawn",{"amount":137214,"currency":"eur"}]')).toBe(true);
    expect(matches('["moneywithdrawn",{"amount":1372140}]')).toBe(false);
    expect(matches('["moneywithdrawn",{"amount":2137214}]')).toBe(false);
    expect(textMatcher('Withdrawn')('["moneywithdrawn",{}]')).toBe(true);
  });
});
