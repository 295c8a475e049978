import { evaluate, isTruthy, type Value } from './evaluate';
import { parseExpression } from './parse';

export { ExpressionError } from './tokenize';
export { evaluate, isTruthy, type Value } from './evaluate';
export { parseExpression, type Expr } from './parse';

export type Condition = { source: string; test: (state: unknown) => boolean };

/** Parses once (throwing ExpressionError), then tests any number of states. */
export const compileCondition = (source: string): Condition => {
  const expr = parseExpression(source);
  return { source, test: (state) => isTruthy(evaluate(expr, state)) };
};

/** A field path (or any expression) read from states, e.g. `balance` for a chart. */
export const compileValue = (source: string): ((state: unknown) => Value) => {
  const expr = parseExpression(source);
  return (state) => evaluate(expr, state);
};
