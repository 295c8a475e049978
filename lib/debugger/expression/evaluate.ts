import type { Expr } from './parse';

export type Value = string | number | boolean | null | object;

const lookup = (root: unknown, segments: readonly string[]): Value => {
  let current: unknown = root;
  for (const segment of segments) {
    // Own properties of plain data only: no prototype walking, no getters of exotic objects.
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment)) return null;
    current = (current as Record<string, unknown>)[segment];
  }
  if (current === undefined || typeof current === 'function' || typeof current === 'symbol' || typeof current === 'bigint') return null;
  return current as Value;
};

export const isTruthy = (value: Value): boolean =>
  value === true || (typeof value === 'number' && value !== 0 && !Number.isNaN(value)) || (typeof value === 'string' && value !== '');

const equal = (a: Value, b: Value): boolean => {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
};

const order = (a: Value, b: Value): number | null => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
};

/**
 * Total over every state: mismatched types compare false and arithmetic on
 * non-numbers gives null, so a breakpoint can never crash a replay.
 */
export const evaluate = (expr: Expr, state: unknown): Value => {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'path':
      return lookup(state, expr.segments);
    case 'not':
      return !isTruthy(evaluate(expr.operand, state));
    case 'negate': {
      const value = evaluate(expr.operand, state);
      return typeof value === 'number' ? -value : null;
    }
    case 'arithmetic': {
      const left = evaluate(expr.left, state);
      const right = evaluate(expr.right, state);
      if (typeof left !== 'number' || typeof right !== 'number') return null;
      return expr.operator === '+' ? left + right : left - right;
    }
    case 'compare': {
      const left = evaluate(expr.left, state);
      const right = evaluate(expr.right, state);
      if (expr.operator === '==') return equal(left, right);
      if (expr.operator === '!=') return !equal(left, right);
      const difference = order(left, right);
      if (difference === null || Number.isNaN(difference)) return false;
      if (expr.operator === '<') return difference < 0;
      if (expr.operator === '<=') return difference <= 0;
      if (expr.operator === '>') return difference > 0;
      return difference >= 0;
    }
    case 'logical':
      return expr.operator === '&&'
        ? isTruthy(evaluate(expr.left, state)) && isTruthy(evaluate(expr.right, state))
        : isTruthy(evaluate(expr.left, state)) || isTruthy(evaluate(expr.right, state));
    default: {
      const _never: never = expr;
      return _never;
    }
  }
};
