import { ACCOUNT_SORTS, ACCOUNT_STATUSES, type AccountSort, type AccountStatus } from '@/lib/views/account-summary/types';
import { DEFAULT_PAGE_LIMIT, SORT_DIRECTIONS, type SortDirection } from '@/lib/views/shared/paging';

/**
 * What the accounts table shows. It lives in the page URL (`?status=open&sort=owner`)
 * so a reload, a shared link or the back button brings the same view back.
 */
export type AccountFilters = {
  status: AccountStatus | 'all';
  /** Exact owner name, as the API matches it; empty for everyone. */
  owner: string;
  sort: AccountSort;
  direction: SortDirection;
};

/** Names and money from large to small, dates newest first: what a person expects on a first click. */
export const naturalDirection = (sort: AccountSort): SortDirection => (sort === 'owner' ? 'asc' : 'desc');

export const DEFAULT_FILTERS: AccountFilters = { status: 'all', owner: '', sort: 'opened', direction: 'desc' };

const oneOf = <T extends string>(allowed: readonly T[], value: unknown): T | undefined =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

type SearchParams = Record<string, string | string[] | undefined>;

/** Unknown or malformed parameters fall back to the defaults instead of failing the page. */
export const parseAccountFilters = (params: SearchParams): AccountFilters => {
  const sort = oneOf(ACCOUNT_SORTS, params.sort) ?? DEFAULT_FILTERS.sort;
  const owner = typeof params.owner === 'string' ? params.owner.trim().slice(0, 100) : '';
  return {
    status: oneOf(ACCOUNT_STATUSES, params.status) ?? 'all',
    owner,
    sort,
    direction: oneOf(SORT_DIRECTIONS, params.direction) ?? naturalDirection(sort),
  };
};

/** The page's query string for `filters`, leaving out what is the default anyway. */
export const pageSearch = (filters: AccountFilters): string => {
  const params = new URLSearchParams();
  if (filters.status !== 'all') params.set('status', filters.status);
  if (filters.owner) params.set('owner', filters.owner);
  if (filters.sort !== DEFAULT_FILTERS.sort) params.set('sort', filters.sort);
  if (filters.direction !== naturalDirection(filters.sort)) params.set('direction', filters.direction);
  const search = params.toString();
  return search ? `?${search}` : '';
};

/** `GET /api/accounts` for one page of `filters`. */
export const accountsPath = (filters: AccountFilters, cursor: string | null, limit = DEFAULT_PAGE_LIMIT): string => {
  const params = new URLSearchParams({ sort: filters.sort, direction: filters.direction, limit: String(limit) });
  if (filters.status !== 'all') params.set('status', filters.status);
  if (filters.owner) params.set('owner', filters.owner);
  if (cursor) params.set('cursor', cursor);
  return `/api/accounts?${params.toString()}`;
};

/**
 * Rows sorted by balance, grouped by currency (codes in alphabetical order), each group keeping
 * the balance order it came in: 100 JPY is not more than 1 EUR, so balances are compared only
 * within a currency. The rows loaded so far are grouped; more pages join their groups.
 */
export const groupByCurrency = <Row extends { currency: string }>(rows: readonly Row[]): Array<{ currency: string; rows: Row[] }> => {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.currency, [...(groups.get(row.currency) ?? []), row]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, grouped]) => ({ currency, rows: grouped }));
};
