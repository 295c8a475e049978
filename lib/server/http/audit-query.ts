import { z } from 'zod';
import { DEFAULT_TRAIL_LIMIT, MAX_TRAIL_LIMIT, type TrailFilter } from '../../audit/audit-trail';
import { ValidationError, type FieldIssue } from '../../core/errors';
import { issuesOf } from '../../commands/account-commands';
import { streamIdSchema } from './stream-query';

/* Query parameters of the audit routes. Kept apart from the routes so the OpenAPI document can use them without a database driver. */

const wholeNumber = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d{1,16}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} may be at most ${max}`));

const isoTime = (name: string) =>
  z.iso
    .datetime({ offset: true, local: true, message: `${name} must be an ISO date-time, e.g. 2026-03-01T10:00:00Z` })
    // A time without an offset is read as UTC, so a link means the same moment on every server.
    .transform((iso) => new Date(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`));

const text = (name: string, max = 200) => z.string().trim().min(1, `${name} may not be empty`).max(max, `${name} may be at most ${max} characters`);

export const trailParams = z
  .object({
    actor: text('actor').optional(),
    type: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*(,[A-Za-z][A-Za-z0-9_]*)*$/, 'type must be event type names separated by commas')
      .transform((value) => value.split(','))
      .optional(),
    from: isoTime('from').optional(),
    to: isoTime('to').optional(),
    eventId: text('eventId').optional(),
    correlationId: text('correlationId').optional(),
    causationId: text('causationId').optional(),
    streamId: streamIdSchema.optional(),
    category: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'category must be the part of a stream id before its first dash').optional(),
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, { message: 'to must be after from', path: ['to'] });

export const trailPageParams = z.object({
  cursor: wholeNumber('cursor', 0).optional(),
  limit: wholeNumber('limit', 1, MAX_TRAIL_LIMIT).default(DEFAULT_TRAIL_LIMIT),
  order: z.enum(['asc', 'desc'], 'order must be asc or desc').default('desc'),
});

export const exportParams = z.object({ order: z.enum(['asc', 'desc'], 'order must be asc or desc').default('asc') });

export const fingerprintParams = z.object({
  position: wholeNumber('position', 0).optional(),
  root: z.string().regex(/^[0-9a-fA-F]{64}$/, 'root must be 64 hexadecimal digits').optional(),
}).refine((query) => query.root === undefined || query.position !== undefined, { message: 'a root needs the position it was taken at', path: ['position'] });

export const proofParams = z.object({ position: wholeNumber('position', 1), treePosition: wholeNumber('treePosition', 1).optional() });

export const stateAtParams = z
  .object({ version: wholeNumber('version', 0).optional(), at: isoTime('at').optional() })
  .refine((query) => (query.version === undefined) !== (query.at === undefined), { message: 'Give exactly one of version or at', path: ['version'] });

export const totalsAtParams = z.object({ at: isoTime('at') });

/**
 * Parses the parameters a schema names; a parameter given twice is refused,
 * except `type`, which may repeat (`type=A&type=B` is `type=A,B`).
 */
export const parseQuery = <S extends z.ZodType>(schema: S, searchParams: URLSearchParams, keys: readonly string[]): z.output<S> => {
  const raw: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const key of keys) {
    const values = searchParams.getAll(key).filter((value) => key !== 'type' || value !== '');
    if (values.length > 1 && key !== 'type') issues.push({ path: key, message: `${key} may be given once` });
    else if (values.length > 0) raw[key] = values.join(',');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) issues.push(...issuesOf(parsed.error));
  if (issues.length > 0 || !parsed.success) throw new ValidationError('Invalid query', issues);
  return parsed.data;
};

export const TRAIL_KEYS = ['actor', 'type', 'from', 'to', 'eventId', 'correlationId', 'causationId', 'streamId', 'category'] as const;

export const trailFilterOf = (searchParams: URLSearchParams): TrailFilter => {
  const { type, ...rest } = parseQuery(trailParams, searchParams, TRAIL_KEYS);
  return { ...rest, ...(type ? { types: type } : {}) };
};
