import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimalToMinor, parseMoney, parseWholeNumber } from './decimal-amount';

describe('parseDecimalToMinor', () => {
  it.each([
    ['12.34', 2, 1234],
    ['12.3', 2, 1230],
    ['12', 2, 1200],
    ['12.', 2, 1200],
    ['.5', 2, 50],
    ['0.01', 2, 1],
    ['  7.50  ', 2, 750],
    ['12.340', 2, 1234],
    ['1000', 0, 1000],
    ['1000.0', 0, 1000],
    ['+3', 2, 300],
    ['-5', 2, -500],
    ['-0', 2, 0],
    ['007.07', 2, 707],
  ])('%s with %i decimals is %i minor units', (text, exponent, minor) => {
    expect(parseDecimalToMinor(text, exponent)).toEqual({ ok: true, value: minor });
  });

  it('is exact where floating point is not', () => {
    // 0.29 * 100 === 28.999999999999996 and 1.005 * 100 === 100.49999999999999 in binary floating point.
    expect(parseDecimalToMinor('0.29', 2)).toEqual({ ok: true, value: 29 });
    expect(parseDecimalToMinor('1.005', 3)).toEqual({ ok: true, value: 1005 });
    expect(parseDecimalToMinor('90071992547409.91', 2)).toEqual({ ok: true, value: 9007199254740991 });
  });

  it.each(['', ' ', '.', '-', 'abc', '1,5', '1.2.3', '1e3', '0x10', '12 34', 'Infinity', 'NaN', '--1'])('refuses %j', (text) => {
    expect(parseDecimalToMinor(text, 2)).toEqual({ ok: false, message: 'Enter a number such as 12.34' });
  });

  it('refuses more decimals than allowed instead of rounding', () => {
    expect(parseDecimalToMinor('12.345', 2)).toEqual({ ok: false, message: 'At most 2 decimal places are allowed' });
    expect(parseDecimalToMinor('1.5', 0)).toEqual({ ok: false, message: 'No decimal places are allowed here' });
  });

  it('refuses numbers beyond exact integer range', () => {
    expect(parseDecimalToMinor('90071992547409.92', 2)).toEqual({ ok: false, message: 'The number is too large' });
    expect(parseDecimalToMinor('9'.repeat(40), 2)).toEqual({ ok: false, message: 'The number is too large' });
  });
});

describe('parseDecimalToMinor on hostile input', () => {
  // Shapes that make a backtracking trailing-zeros regex quadratic: long zero runs that do or do not reach the end.
  const hostile = (n: number): string[] => [
    `1${'0'.repeat(n)}`,
    `0.1${'0'.repeat(n)}`,
    `0.1${'0'.repeat(n)}1`,
    `${'0'.repeat(n)}.${'0'.repeat(n)}x`,
    `-${'9'.repeat(n)}`,
    ' '.repeat(n),
  ];

  it('answers at once whatever the length: work does not grow with the text', () => {
    const started = performance.now();
    for (const text of hostile(200_000)) expect(parseDecimalToMinor(text, 2).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('never throws and never accepts more than the bank holds (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', ' ', 'e'), maxLength: 400 }), (text) => {
        const parsed = parseDecimalToMinor(text, 2);
        if (parsed.ok) expect(Math.abs(parsed.value)).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('parseMoney', () => {
  it('uses the currency exponent', () => {
    expect(parseMoney('12.34', 'EUR')).toEqual({ ok: true, value: 1234 });
    expect(parseMoney('1234', 'JPY')).toEqual({ ok: true, value: 1234 });
  });

  it('names the currency when there are too many decimals', () => {
    expect(parseMoney('12.345', 'USD')).toEqual({ ok: false, message: 'USD amounts have at most 2 decimal places' });
    expect(parseMoney('12.5', 'JPY')).toEqual({ ok: false, message: 'JPY amounts have no decimal places' });
    expect(parseMoney('abc', 'EUR')).toEqual({ ok: false, message: 'Enter a number such as 12.34' });
  });
});

describe('parseWholeNumber', () => {
  it('accepts digits only', () => {
    expect(parseWholeNumber(' 42 ')).toEqual({ ok: true, value: 42 });
    expect(parseWholeNumber('0')).toEqual({ ok: true, value: 0 });
    for (const text of ['', '-1', '1.0', '1e2', 'x', '9999999999999999']) {
      expect(parseWholeNumber(text).ok, text).toBe(false);
    }
  });
});
