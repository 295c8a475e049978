import { streamIdSchema } from '../commands/validation';
import { UsageError } from './command';

/** A stream id from the command line, or a UsageError that says what one looks like. */
export const streamIdArg = (raw: string | undefined, what = 'STREAM'): string => {
  if (raw === undefined) throw new UsageError(`${what} is required`);
  if (!streamIdSchema.safeParse(raw).success) {
    throw new UsageError(`Invalid stream id "${raw}": stream ids look like {category}-{id}, e.g. account-3f2a…`);
  }
  return raw;
};

/** An ISO 8601 time (a date alone means its start, UTC). */
export const timeArg = (name: string, raw: string): Date => {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw.replace(' ', 'T');
  const at = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--${name} must be an ISO 8601 time such as 2026-05-04T09:00:00Z, got "${raw}"`);
  return at;
};

export const noExtraArgs = (positionals: string[], expected: number): void => {
  if (positionals.length > expected) throw new UsageError(`Unexpected argument "${positionals[expected]}"`);
};
