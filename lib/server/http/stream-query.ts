import { z } from 'zod';
import { ValidationError } from '../../core/errors';
import { issuesOf } from '../../commands/account-commands';

/* Kept apart from the route helper so the OpenAPI document can use it without loading a database driver. */

export const DEFAULT_EVENTS_LIMIT = 1000;
export const MAX_EVENTS_LIMIT = 10_000;

/** `{category}-{id}`, e.g. `account-3f2a…`. */
export const streamIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}-[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'Stream id must look like {category}-{id}');

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} may be at most ${max}`));

export const streamEventsQuery = z
  .object({
    fromVersion: wholeNumber('fromVersion', 1, Number.MAX_SAFE_INTEGER).optional(),
    toVersion: wholeNumber('toVersion', 1, Number.MAX_SAFE_INTEGER).optional(),
    limit: wholeNumber('limit', 1, MAX_EVENTS_LIMIT).default(DEFAULT_EVENTS_LIMIT),
    /** `1`: the events as stored; default: upcast to their current schema versions. */
    raw: z
      .enum(['0', '1', 'false', 'true'], { message: 'raw must be 1 or 0' })
      .transform((value) => value === '1' || value === 'true')
      .default(false),
  })
  .refine((query) => query.toVersion === undefined || query.toVersion >= (query.fromVersion ?? 1), {
    message: 'toVersion must not be below fromVersion',
    path: ['toVersion'],
  });

export type StreamEventsQuery = z.output<typeof streamEventsQuery>;

export const parseStreamId = (raw: string): string => {
  const parsed = streamIdSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError('Invalid stream id', issuesOf(parsed.error).map((issue) => ({ ...issue, path: 'streamId' })));
  }
  return parsed.data;
};

/** Unknown parameters are ignored; a known one given twice is ambiguous and refused. */
export const parseStreamEventsQuery = (searchParams: URLSearchParams): StreamEventsQuery => {
  const raw: Record<string, string> = {};
  for (const key of ['fromVersion', 'toVersion', 'limit', 'raw']) {
    const values = searchParams.getAll(key);
    if (values.length > 1) throw new ValidationError('Invalid query', [{ path: key, message: `${key} may be given once` }]);
    if (values[0] !== undefined) raw[key] = values[0];
  }
  const parsed = streamEventsQuery.safeParse(raw);
  if (!parsed.success) throw new ValidationError('Invalid query', issuesOf(parsed.error));
  return parsed.data;
};
