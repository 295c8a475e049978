import { z } from 'zod';
import { ValidationError, type FieldIssue } from '../../core/errors';
import { ENTITY_ID_PATTERN } from '../../core/ids';
import { issuesOf } from '../../commands/validation';

/*
 * The one query-string parser of the JSON API and the parameter shapes it reads. Each parameter
 * is a zod schema over the raw text; the same schema documents it in the OpenAPI document. A
 * parameter may be given once unless it is declared a list; unknown parameters are ignored.
 */

/** How a list parameter's values arrive: `?a=x&a=y` and `?a=x,y` alike. */
type ListMode = 'array' | 'joined';
const LISTS = new WeakMap<z.ZodType, ListMode>();

/** A whole number as text, within bounds: `01`, `-1`, `1e3`, `0x10` and `1.5` are refused. */
export const wholeNumber = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d{1,16}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} may be at most ${max}`));

/** An ISO date-time; without an offset it is read as UTC, so a link means the same moment on every server. */
export const isoTime = (name: string) =>
  z.iso
    .datetime({ offset: true, local: true, message: `${name} must be an ISO date-time, e.g. 2026-03-01T10:00:00Z` })
    .transform((iso) => new Date(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`));

export const text = (name: string, max = 200) =>
  z.string().trim().min(1, `${name} may not be empty`).max(max, `${name} may be at most ${max} characters`);

/** An aggregate's id (account, transfer) as it appears in a path. */
export const entityId = z.string().regex(ENTITY_ID_PATTERN);

/** Repeated or comma-separated values, as an array of items each checked by `item`. */
export const listOf = <Item extends z.ZodType>(item: Item, name: string, max: number) => {
  const schema = z.array(item).max(max, `At most ${max} ${name} values may be given`);
  LISTS.set(schema, 'array');
  return schema;
};

/** Repeated or comma-separated values handed to `schema` as one comma-separated text. */
export const joinedList = <Schema extends z.ZodType>(schema: Schema): Schema => {
  LISTS.set(schema, 'joined');
  return schema;
};

/** The schema a parameter's raw text meets first: inside `.optional()`, `.default()` and `.transform()`. */
const inner = (schema: z.ZodType): z.ZodType => {
  const def = (schema as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
  if ((def.type === 'optional' || def.type === 'default') && def.innerType) return inner(def.innerType);
  if (def.type === 'pipe' && def.in) return inner(def.in);
  return schema;
};

/** `?key=a&key=b` and `?key=a,b` alike; items are trimmed and empty ones dropped. */
export const valuesOf = (searchParams: URLSearchParams, key: string): string[] =>
  searchParams
    .getAll(key)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');

export type QuerySchema = z.ZodObject;

type Parsed<S extends QuerySchema> = { data: z.output<S>; issues: [] } | { data: undefined; issues: FieldIssue[] };

/** Every problem at its own path, or the parsed query. */
export const parseParams = <S extends QuerySchema>(searchParams: URLSearchParams, schema: S): Parsed<S> => {
  const raw: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const list = LISTS.get(inner(field));
    if (list === 'array') {
      const values = valuesOf(searchParams, key);
      if (values.length > 0) raw[key] = values;
    } else if (list === 'joined') {
      const values = valuesOf(searchParams, key);
      if (values.length > 0) raw[key] = values.join(',');
    } else {
      const values = searchParams.getAll(key);
      if (values.length > 1) issues.push({ path: key, message: `${key} may be given once` });
      else if (values[0] !== undefined) raw[key] = values[0];
    }
  }
  const parsed = schema.safeParse(raw);
  // A list's problem is the parameter's, not the n-th value's: `stream`, not `stream.3`.
  const atParameter = (issue: FieldIssue) => {
    const key = issue.path.split('.')[0] ?? '';
    return LISTS.get(inner((schema.shape as Record<string, z.ZodType>)[key] ?? schema)) === 'array' ? { ...issue, path: key } : issue;
  };
  if (!parsed.success) issues.push(...issuesOf(parsed.error).map(atParameter));
  return issues.length === 0 && parsed.success ? { data: parsed.data, issues: [] } : { data: undefined, issues };
};

export const invalidQuery = (issues: FieldIssue[]) => new ValidationError('Invalid query', issues);

/** The parsed query, or a 400 naming every problem. */
export const parseQuery = <S extends QuerySchema>(searchParams: URLSearchParams, schema: S): z.output<S> => {
  const parsed = parseParams(searchParams, schema);
  if (parsed.data === undefined) throw invalidQuery(parsed.issues);
  return parsed.data;
};

export const noQuery = z.object({});
