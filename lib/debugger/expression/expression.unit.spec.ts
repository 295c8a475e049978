import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, evaluate, ExpressionError, parseExpression } from './index';

const state = { status: 'open', balance: -250, overdraftLimit: 500, holder: { name: 'Ada "A" Lovelace', kind: 'person' }, closedAt: null };
const value = (source: string, on: unknown = state) => evaluate(parseExpression(source), on);
const errorOf = (source: string): ExpressionError => {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to be refused`);
};

describe('breakpoint expressions', () => {
  it.each([
    ['balance < 0', true],
    ['balance >= -250', true],
    ['balance == -250', true],
    ['balance + overdraftLimit < 300', true],
    ['balance - -250 == 0', true],
    ['-balance == 250', true],
    ['status == "open" && balance != 0', true],
    ['status == "closed" || holder.name == "Ada \\"A\\" Lovelace"', true],
    ['!(balance < 0)', false],
    ['holder.kind == "person"', true],
    ['holder.missing.deeper == null', true],
    ['closedAt == null', true],
    ['status < 5', false],
    ['true && !false', true],
    ['2.5 > 2', true],
  ])('%s → %s', (source, expected) => {
    expect(compileCondition(source).test(state)).toBe(expected);
  });

  it('gives values, not only truth', () => {
    expect(value('balance + 50')).toBe(-200);
    expect(value('status + 1')).toBeNull();
    expect(value('holder')).toEqual(state.holder);
  });

  it('never walks the prototype chain', () => {
    expect(value('constructor == null')).toBe(true);
    expect(value('__proto__ == null')).toBe(true);
    expect(value('holder.toString == null')).toBe(true);
  });

  it.each([
    ['balance <', 10, 'Expected a value or field, found the end'],
    ['balance < 0 )', 13, "Unexpected ')'"],
    ['(balance < 0', 13, "Expected ')' to close the '(' at column 1"],
    ['balance # 0', 9, "Unexpected character '#'"],
    ['status == "open', 11, 'Unterminated string'],
    ['holder. == 1', 9, "Expected a field name after '.'"],
    ['0 < balance < 10', 13, 'Comparisons cannot be chained'],
    ['balance = 0', 9, "Unexpected character '='"],
  ])('refuses %s at column %i', (source, column, message) => {
    const error = errorOf(source);
    expect(error.column).toBe(column);
    expect(error.message).toContain(message);
    expect(error.message).toContain(`(column ${column})`);
  });

  it('refuses deep nesting instead of overflowing the stack', () => {
    expect(errorOf('('.repeat(200) + '1' + ')'.repeat(200)).message).toContain('nested');
    expect(errorOf('!'.repeat(300) + 'true').message).toContain('nested');
  });

  const fragments = ['balance', 'holder.name', 'status', '"open"', '0', '-1', '2.5', 'true', 'null', '==', '!=', '<', '<=', '>', '>=', '&&', '||', '!', '+', '-', '(', ')', '.', ' ', '"', '#', '\\'];
  const sources = fc.oneof(fc.string({ maxLength: 60 }), fc.array(fc.constantFrom(...fragments), { maxLength: 30 }).map((parts) => parts.join(' ')));
  const json = fc.jsonValue({ maxDepth: 3 });
  const states = fc.oneof(json, fc.record({ balance: fc.oneof(fc.integer(), fc.double()), status: fc.string(), holder: json }));

  it('only ever throws ExpressionError, and evaluation never throws (property)', () => {
    fc.assert(
      fc.property(sources, states, (source, on) => {
        let expr;
        try {
          expr = parseExpression(source);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionError);
          expect((error as ExpressionError).column).toBeGreaterThanOrEqual(1);
          return;
        }
        expect(() => evaluate(expr, on)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
});
