import { readFileSync } from 'node:fs';
import { ValidationError } from '../core/errors';

/** A JSON argument, or `-` for standard input; absent → `fallback`. */
export const jsonArg = (raw: string | undefined, what: string, fallback?: unknown): unknown => {
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new ValidationError(`${what} is required`, [{ path: what, message: 'Give it as JSON, or - to read it from standard input' }]);
  }
  const text = raw === '-' ? readFileSync(0, 'utf8') : raw;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`${what} is not valid JSON`, [{ path: what, message: (error as Error).message }]);
  }
};
