import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { legacyAmountToMinor } from './legacy-amount';

const cents = (amount: number | string) => legacyAmountToMinor(amount, 2);

describe('legacyAmountToMinor', () => {
  it('converts decimal major units to minor units exactly, where float arithmetic would not', () => {
    expect(cents(12.5)).toBe(1250);
    expect(cents(234.12)).toBe(23412);
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(cents(1.005)).toBe(101);
    expect(cents(4.35)).toBe(435);
    expect(4.35 * 100).not.toBe(435);
    expect(cents(0)).toBe(0);
    expect(cents(-12.34)).toBe(-1234);
  });

  it('reads float artefacts and exponent notation by their shortest decimal', () => {
    expect(cents(0.1 + 0.2)).toBe(30);
    expect(cents(0.30000000000000004)).toBe(30);
    expect(cents(1.1 * 3)).toBe(330);
    expect(cents(1e-2)).toBe(1);
    expect(cents(5e-3)).toBe(1);
    expect(cents(4.9e-3)).toBe(0);
    expect(cents(1e-7)).toBe(0);
    expect(cents(-1e-7)).toBe(0);
    expect(cents(1.5e3)).toBe(150000);
  });

  it('rounds half away from zero on the decimal digits as written', () => {
    expect(cents('0.125')).toBe(13);
    expect(cents('0.124999')).toBe(12);
    expect(cents('-0.125')).toBe(-13);
    expect(cents('2.675')).toBe(268);
  });

  it('takes decimal strings as well as numbers', () => {
    expect(cents('12.50')).toBe(1250);
    expect(cents(' 7 ')).toBe(700);
    expect(cents('.5')).toBe(50);
    expect(cents('1E+2')).toBe(10000);
    expect(legacyAmountToMinor('1234', 0)).toBe(1234);
  });

  it('is exact up to the largest safe integer of minor units and refuses beyond', () => {
    expect(cents(1_000_000_000)).toBe(100_000_000_000);
    expect(cents('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(cents(123456789012.34)).toBe(12345678901234);
    expect(() => cents('90071992547409.92')).toThrow(/too large/);
    expect(() => cents(1e21)).toThrow(/too large/);
    expect(() => cents('1e999999')).toThrow(/too large/);
    expect(cents('1e-999999')).toBe(0);
  });

  it('refuses what is not a decimal number', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '', '-', '12,50', '1.2.3', 'EUR 5', '0x10']) {
      expect(() => cents(bad), String(bad)).toThrow(RangeError);
    }
  });

  it('gives back the cents of any amount written with at most two decimals (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (minor) => {
        const written = Number((minor / 100).toFixed(2));
        expect(cents(written)).toBe(minor);
        expect(cents((minor / 100).toFixed(2))).toBe(minor);
      }),
    );
  });
});
