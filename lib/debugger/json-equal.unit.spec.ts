import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameJson } from './changed-paths';
import { jsonEqual } from './json-equal';

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b', null, true), fc.array(tie('value'), { maxLength: 2 }), tie('object')),
  object: fc.dictionary(fc.constantFrom('x', 'y', 'z'), tie('value'), { minKeys: 1, maxKeys: 3 }),
})).object;

/** The same object with its keys in another order, all the way down. */
const reversed = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversed(inner)]))
    : value;

describe('jsonEqual', () => {
  it('agrees with sameJson (changedPaths finds nothing) on any two JSON objects, and ignores key order', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(jsonEqual(a, b)).toBe(sameJson(a, b));
        expect(jsonEqual(a, reversed(a))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('counts a field holding an empty object as a difference (changedPaths, listing leaves, has none to list)', () => {
    expect(jsonEqual({}, { x: {} })).toBe(false);
    expect(sameJson({}, { x: {} })).toBe(true);
    expect(jsonEqual({ x: undefined }, {})).toBe(true);
  });
});
