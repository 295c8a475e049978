import { ExpressionError, parseExpression } from '@/lib/debugger/expression';

/** Where a move between breakpoint hits lands, and what to tell the reader when it wraps or cannot move. */
export type HitLanding = { target: number | null; notice: string | null };

export type HitDirection = 'next' | 'previous';

/**
 * The first hit after the position (or the last before it); past the end it wraps around and says
 * so. With no hits, or when the only hit is where the reader already is, it stays and says why.
 */
export const landOnHit = (hits: readonly number[], version: number, direction: HitDirection, expression: string): HitLanding => {
  if (!expression) return { target: null, notice: 'No breakpoint set: type a condition and press Find hits.' };
  if (hits.length === 0) return { target: null, notice: `No version matches ${expression}: nothing to go to.` };
  const ahead = direction === 'next' ? hits.find((hit) => hit > version) : hits.findLast((hit) => hit < version);
  if (ahead !== undefined) return { target: ahead, notice: null };
  const wrapped = direction === 'next' ? hits[0]! : hits.at(-1)!;
  if (wrapped === version) return { target: null, notice: `v${version} is the only hit of ${expression}.` };
  const end = direction === 'next' ? 'No hit after' : 'No hit before';
  return { target: wrapped, notice: `${end} v${version}; wrapped around to v${wrapped}.` };
};

/** A syntax error said at once in the browser, before the server replays anything; null when it parses. */
export const expressionProblem = (expression: string): string | null => {
  if (!expression.trim()) return 'Type a condition, e.g. balance < 0';
  try {
    parseExpression(expression);
    return null;
  } catch (error) {
    if (error instanceof ExpressionError) return error.message;
    throw error;
  }
};
