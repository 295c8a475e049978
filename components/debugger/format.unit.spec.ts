import { describe, expect, it } from 'vitest';
import { formatMinor } from './format';

describe('formatMinor', () => {
  it('shows minor units as signed major units with two decimals and thousands separators, as the list is searched', () => {
    expect(formatMinor(137_214)).toBe('+1,372.14');
    expect(formatMinor(-5)).toBe('−0.05');
    expect(formatMinor(0)).toBe('0.00');
    expect(formatMinor(-123_456_789)).toBe('−1,234,567.89');
  });
});
