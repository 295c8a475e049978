import { z } from 'zod';
import { NotFoundError, ValidationError, type FieldIssue } from '../../core/errors';
import {
  ACCOUNT_SORTS,
  ACCOUNT_STATUSES,
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  SORT_DIRECTIONS,
  type AccountTransactionsQuery,
  type ListAccountsQuery,
} from '../../read/queries/account-queries';
import { DEFAULT_STATS_DAYS, MAX_STATS_DAYS, statsWindow, type BankStatsQuery } from '../../read/queries/bank-queries';
import { accountIdSchema, issuesOf } from '../../commands/account-commands';

/* Query parameters of the read routes. Kept apart from the route helpers so the OpenAPI document can use them without loading a database driver. */

export const DEFAULT_WAIT_MS = 5_000;
export const MAX_WAIT_MS = 10_000;
/** Sent with 503 read_model_behind: projections usually catch up within milliseconds. */
export const RETRY_AFTER_SECONDS = 1;

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} may be at most ${max}`));

/** Read-your-writes: every read route accepts these. */
export const consistencyParams = z.object({
  after_position: wholeNumber('after_position', 0, Number.MAX_SAFE_INTEGER).optional(),
  wait_ms: wholeNumber('wait_ms', 0, MAX_WAIT_MS).default(DEFAULT_WAIT_MS),
});

const limit = wholeNumber('limit', 1, MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT);
const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,1024}$/, 'cursor must be a nextCursor from a previous page').optional();
const direction = z.enum(SORT_DIRECTIONS, 'direction must be asc or desc');

export const listAccountsParams = z.object({
  owner: z.string().trim().min(1, 'owner may not be empty').max(100, 'owner may be at most 100 characters').optional(),
  status: z.enum(ACCOUNT_STATUSES, `status must be one of ${ACCOUNT_STATUSES.join(', ')}`).optional(),
  sort: z.enum(ACCOUNT_SORTS, `sort must be one of ${ACCOUNT_SORTS.join(', ')}`).default('opened'),
  direction: direction.optional(),
  limit,
  cursor,
});

export const accountTransactionsParams = z.object({ direction: direction.default('desc'), limit, cursor });

export const bankStatsParams = z.object({ days: wholeNumber('days', 1, MAX_STATS_DAYS).default(DEFAULT_STATS_DAYS) });

export const noParams = z.object({});

type Parsed<S extends z.ZodObject> = { data: z.output<S>; issues: [] } | { data: undefined; issues: FieldIssue[] };

/** Unknown parameters are ignored; a known one given twice is ambiguous and refused. */
export const parseParams = <S extends z.ZodObject>(searchParams: URLSearchParams, schema: S): Parsed<S> => {
  const raw: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(schema.shape)) {
    const values = searchParams.getAll(key);
    if (values.length > 1) issues.push({ path: key, message: `${key} may be given once` });
    else if (values[0] !== undefined) raw[key] = values[0];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) issues.push(...issuesOf(parsed.error));
  return issues.length === 0 && parsed.success ? { data: parsed.data, issues: [] } : { data: undefined, issues };
};

export const invalidQuery = (issues: FieldIssue[]) => new ValidationError('Invalid query', issues);

/** An id that is not well-formed cannot exist: 404 like the command routes, not 400. */
export const knownAccountId = (accountId: string): string => {
  if (!accountIdSchema.safeParse(accountId).success) throw accountNotFound(accountId);
  return accountId;
};

export const accountNotFound = (accountId: string) => new NotFoundError(`Account ${accountId} does not exist`, 'account_not_found');

/** Newest, richest and most recently active first; owners A to Z. */
export const toListAccountsQuery = (params: z.output<typeof listAccountsParams>): ListAccountsQuery => ({
  ...params,
  direction: params.direction ?? (params.sort === 'owner' ? 'asc' : 'desc'),
});

export const toAccountTransactionsQuery = (accountId: string, params: z.output<typeof accountTransactionsParams>): AccountTransactionsQuery => ({
  accountId,
  ...params,
});

export const toBankStatsQuery = ({ days }: z.output<typeof bankStatsParams>, now: Date): BankStatsQuery => statsWindow(days, now);
