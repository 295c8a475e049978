import { ExpressionError, tokenize, type Token } from './tokenize';

export type Literal = string | number | boolean | null;
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Expr =
  | { kind: 'literal'; value: Literal }
  | { kind: 'path'; segments: string[] }
  | { kind: 'not'; operand: Expr }
  | { kind: 'negate'; operand: Expr }
  | { kind: 'arithmetic'; operator: '+' | '-'; left: Expr; right: Expr }
  | { kind: 'compare'; operator: ComparisonOperator; left: Expr; right: Expr }
  | { kind: 'logical'; operator: '&&' | '||'; left: Expr; right: Expr };

const MAX_DEPTH = 64;
const COMPARISONS: readonly string[] = ['==', '!=', '<', '<=', '>', '>='];

const describe = (token: Token): string => (token.kind === 'end' ? 'the end' : `'${token.value}'`);

/** Recursive descent: or → and → comparison → additive → unary → primary. */
export const parseExpression = (source: string): Expr => {
  const tokens = tokenize(source);
  let index = 0;
  let depth = 0;
  const peek = (): Token => tokens[index]!;
  const isOp = (value: string): boolean => {
    const token = peek();
    return token.kind === 'op' && token.value === value;
  };
  const nested = <T>(column: number, parse: () => T): T => {
    if (++depth > MAX_DEPTH) throw new ExpressionError(`Expression is nested more than ${MAX_DEPTH} levels deep`, column);
    try {
      return parse();
    } finally {
      depth--;
    }
  };

  const or = (): Expr => {
    let left = and();
    while (isOp('||')) {
      index++;
      left = { kind: 'logical', operator: '||', left, right: and() };
    }
    return left;
  };
  const and = (): Expr => {
    let left = comparison();
    while (isOp('&&')) {
      index++;
      left = { kind: 'logical', operator: '&&', left, right: comparison() };
    }
    return left;
  };
  const comparison = (): Expr => {
    const left = additive();
    const token = peek();
    if (token.kind !== 'op' || !COMPARISONS.includes(token.value)) return left;
    index++;
    const right = additive();
    const next = peek();
    if (next.kind === 'op' && COMPARISONS.includes(next.value)) {
      throw new ExpressionError(`Comparisons cannot be chained; use && between them`, next.column);
    }
    return { kind: 'compare', operator: token.value as ComparisonOperator, left, right };
  };
  const additive = (): Expr => {
    let left = unary();
    for (;;) {
      const token = peek();
      if (token.kind !== 'op' || (token.value !== '+' && token.value !== '-')) return left;
      index++;
      left = { kind: 'arithmetic', operator: token.value, left, right: unary() };
    }
  };
  const unary = (): Expr => {
    const token = peek();
    if (token.kind === 'op' && (token.value === '!' || token.value === '-')) {
      index++;
      const operand = nested(token.column, unary);
      if (token.value === '-' && operand.kind === 'literal' && typeof operand.value === 'number') return { kind: 'literal', value: -operand.value };
      return { kind: token.value === '!' ? 'not' : 'negate', operand };
    }
    return primary();
  };
  const primary = (): Expr => {
    const token = peek();
    index++;
    switch (token.kind) {
      case 'number':
      case 'string':
        return { kind: 'literal', value: token.value };
      case 'ident': {
        if (token.value === 'true' || token.value === 'false') return { kind: 'literal', value: token.value === 'true' };
        if (token.value === 'null') return { kind: 'literal', value: null };
        const segments = [token.value];
        while (isOp('.')) {
          index++;
          const part = peek();
          if (part.kind !== 'ident') throw new ExpressionError(`Expected a field name after '.', found ${describe(part)}`, part.column);
          segments.push(part.value);
          index++;
        }
        return { kind: 'path', segments };
      }
      case 'op':
        if (token.value === '(') {
          const inner = nested(token.column, or);
          const close = peek();
          if (!isOp(')')) throw new ExpressionError(`Expected ')' to close the '(' at column ${token.column}, found ${describe(close)}`, close.column);
          index++;
          return inner;
        }
        throw new ExpressionError(`Expected a value or field, found ${describe(token)}`, token.column);
      case 'end':
        throw new ExpressionError('Expected a value or field, found the end', token.column);
      default: {
        const _never: never = token;
        return _never;
      }
    }
  };

  const expression = or();
  const rest = peek();
  if (rest.kind !== 'end') throw new ExpressionError(`Unexpected ${describe(rest)}`, rest.column);
  return expression;
};
