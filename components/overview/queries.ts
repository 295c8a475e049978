'use client';

import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useLiveStore } from '@/components/live/connection-store';
import { ApiError, getJson, withPosition } from '@/lib/client/api-client';
import { MAX_PAGE_LIMIT, type Page } from '@/lib/views/shared/paging';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import { statsWindow, type BankStatsQuery, type BankStatsView } from '@/lib/views/bank-totals/types';
import { accountsPath, type AccountFilters } from './account-filters';

/*
 * The overview's server data. Keys never start with 'static', so LiveUpdates
 * refetches them whenever the read models move. Every fetch carries this
 * browser's last write position, read at fetch time rather than put in the key:
 * a new key would drop the loaded pages and flash skeletons after each command.
 */

export const overviewKeys = {
  stats: (days: number) => ['bank', 'stats', days] as const,
  accounts: (filters: AccountFilters) => ['accounts', 'list', filters] as const,
  owners: ['accounts', 'owners'] as const,
};

const afterOwnWrites = (path: string): string => withPosition(path, useLiveStore.getState().lastWritePosition);

/** The read side answered 503 read_model_behind: it is still folding a recent write in. */
export const isCatchingUp = (error: unknown): boolean => error instanceof ApiError && error.code === 'read_model_behind';

/** Catching up is worth a few patient retries (the server already waits before answering); client errors are not retried. */
const retry = (failureCount: number, error: Error): boolean => {
  if (isCatchingUp(error)) return failureCount < 4;
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 1;
};
const retryDelay = (attempt: number, error: Error): number => (isCatchingUp(error) ? 1_000 : Math.min(1_000 * 2 ** attempt, 8_000));

/** The stats with the window of days they cover, worked out as the server does so empty days can be drawn. */
export type BankStats = BankStatsView & BankStatsQuery;

export const useBankStats = (days: number) =>
  useQuery({
    queryKey: overviewKeys.stats(days),
    queryFn: async ({ signal }): Promise<BankStats> => {
      const window = statsWindow(days, new Date());
      return { ...(await getJson<BankStatsView>(afterOwnWrites(`/api/stats?days=${days}`), { signal })), ...window };
    },
    placeholderData: keepPreviousData,
    retry,
    retryDelay,
  });

export const useAccountPages = (filters: AccountFilters) =>
  useInfiniteQuery({
    queryKey: overviewKeys.accounts(filters),
    queryFn: ({ pageParam, signal }) => getJson<Page<AccountSummaryView>>(afterOwnWrites(accountsPath(filters, pageParam)), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    retry,
    retryDelay,
  });

/**
 * Owner names for the filter's suggestions: the API filters by exact name, so
 * offering the names beats making people guess the spelling. One page is
 * plenty for a demo bank; a larger one would want a search endpoint.
 */
export const useOwnerSuggestions = (enabled: boolean) =>
  useQuery({
    queryKey: overviewKeys.owners,
    queryFn: async ({ signal }) => {
      const page = await getJson<Page<AccountSummaryView>>(
        accountsPath({ status: 'all', owner: '', sort: 'owner', direction: 'asc' }, null, MAX_PAGE_LIMIT),
        { signal },
      );
      return [...new Set(page.items.map((account) => account.owner))];
    },
    enabled,
    staleTime: 60_000,
    retry,
    retryDelay,
  });
