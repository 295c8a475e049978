import { ENTITY_ID_PATTERN } from '../../core/ids';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors';
import { ACCOUNT_SORTS, ACCOUNT_STATUSES, type ListAccountsQuery } from '../../views/account-summary/types';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, SORT_DIRECTIONS } from '../../views/shared/paging';
import type { AccountTransactionsQuery } from '../../views/account-transactions/types';
import { DEFAULT_STATS_DAYS, MAX_STATS_DAYS, statsWindow, type BankStatsQuery } from '../../views/bank-totals/types';
import { wholeNumber } from './query';

/* Query parameters of the read routes on accounts and the bank. */

const limit = wholeNumber('limit', 1, MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT).meta({ description: 'Page size' });
const cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,1024}$/, 'cursor must be a nextCursor from a previous page')
  .optional()
  .meta({ description: 'Opaque: the `nextCursor` of the previous page, with the same sort and direction' });
const direction = z.enum(SORT_DIRECTIONS, 'direction must be asc or desc');

export const listAccountsParams = z.object({
  owner: z.string().trim().min(1, 'owner may not be empty').max(100, 'owner may be at most 100 characters').optional().meta({ description: 'Exact owner name (case-sensitive)' }),
  customerId: z
    .string()
    .trim()
    .regex(ENTITY_ID_PATTERN, 'customerId must be letters, digits, _ or -')
    .optional()
    .meta({ description: 'The customer who holds the accounts (staff; a customer always sees only their own)' }),
  status: z.enum(ACCOUNT_STATUSES, `status must be one of ${ACCOUNT_STATUSES.join(', ')}`).optional().meta({ description: 'Account status' }),
  sort: z.enum(ACCOUNT_SORTS, `sort must be one of ${ACCOUNT_SORTS.join(', ')}`).default('opened').meta({ description: 'Sort key' }),
  direction: direction.optional().meta({ description: 'Default `desc` (newest, richest, most recently active first), `asc` for `sort=owner`' }),
  limit,
  cursor,
});

export const accountTransactionsParams = z.object({ direction: direction.default('desc').meta({ description: 'By account version' }), limit, cursor });

export const bankStatsParams = z.object({
  days: wholeNumber('days', 1, MAX_STATS_DAYS).default(DEFAULT_STATS_DAYS).meta({ description: 'Daily flows of this many UTC days, ending today' }),
});

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
