/** A mistake in a breakpoint expression; `column` is 1-based. Nothing else ever leaves the parser. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(`${message} (column ${column})`);
    this.name = 'ExpressionError';
  }
}

export type Token =
  | { kind: 'number'; value: number; column: number }
  | { kind: 'string'; value: string; column: number }
  | { kind: 'ident'; value: string; column: number }
  | { kind: 'op'; value: Operator; column: number }
  | { kind: 'end'; column: number };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '(', ')', '.'] as const;
export type Operator = (typeof OPERATORS)[number];

export const MAX_EXPRESSION_LENGTH = 500;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isIdentPart = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

export const tokenize = (source: string): Token[] => {
  if (source.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`Expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, MAX_EXPRESSION_LENGTH + 1);
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const column = i + 1;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c)) {
      let end = i;
      while (isDigit(source[end])) end++;
      if (source[end] === '.' && isDigit(source[end + 1])) {
        end++;
        while (isDigit(source[end])) end++;
      }
      tokens.push({ kind: 'number', value: Number(source.slice(i, end)), column });
      i = end;
    } else if (c === '"') {
      let value = '';
      let end = i + 1;
      for (;;) {
        const ch = source[end];
        if (ch === undefined) throw new ExpressionError('Unterminated string', column);
        if (ch === '"') break;
        if (ch === '\\') {
          const next = source[end + 1];
          if (next !== '"' && next !== '\\') throw new ExpressionError('Only \\" and \\\\ may be escaped in a string', end + 1);
          value += next;
          end += 2;
        } else {
          value += ch;
          end++;
        }
      }
      tokens.push({ kind: 'string', value, column });
      i = end + 1;
    } else if (isIdentStart(c)) {
      let end = i;
      while (isIdentPart(source[end])) end++;
      tokens.push({ kind: 'ident', value: source.slice(i, end), column });
      i = end;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (!op) throw new ExpressionError(`Unexpected character '${c}'`, column);
      tokens.push({ kind: 'op', value: op, column });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', column: source.length + 1 });
  return tokens;
};
