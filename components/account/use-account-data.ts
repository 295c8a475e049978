'use client';

import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, getJson, withPosition } from '@/lib/client/api-client';
import { useLiveStore } from '@/components/live/connection-store';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import type { Page } from '@/lib/views/shared/paging';
import type { TransactionView } from '@/lib/views/account-transactions/types';

/** Page size of the history list ("Load more"). */
export const HISTORY_PAGE_SIZE = 25;
/** The chart folds at most this many of the newest movements, so a busy merchant stays quick to draw. */
export const CHART_MOVEMENT_LIMIT = 2_000;
const CHART_PAGE_SIZE = 100;

/**
 * Every account query sits under `['account', id]`, so one invalidation after a
 * command refreshes the whole page. Events never change, so the one read from
 * the event store is keyed under `static`, which live updates leave alone.
 */
export const accountKeys = {
  all: (accountId: string) => ['account', accountId] as const,
  summary: (accountId: string) => ['account', accountId, 'summary'] as const,
  history: (accountId: string) => ['account', accountId, 'transactions', 'history'] as const,
  recent: (accountId: string) => ['account', accountId, 'transactions', 'recent'] as const,
  event: (accountId: string, version: number) => ['static', 'account-event', accountId, version] as const,
};

const accountPath = (accountId: string, rest: string) => `/api/accounts/${encodeURIComponent(accountId)}/${rest}`;

/** Read-your-writes: asks the read side to include this browser's latest accepted command. */
const consistent = (path: string) => withPosition(path, useLiveStore.getState().lastWritePosition);

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** 503 `read_model_behind` is worth a few more tries (the projections catch up in milliseconds); a 4xx is not. */
const retry = (failures: number, error: unknown) => {
  if (error instanceof ApiError && error.status === 503) return failures < 4;
  if (error instanceof ApiError && error.status < 500) return false;
  return failures < 1;
};

export const useAccountSummary = (accountId: string) =>
  useQuery({
    queryKey: accountKeys.summary(accountId),
    queryFn: ({ signal }) => getJson<AccountSummaryView>(consistent(accountPath(accountId, 'summary')), { signal }),
    retry,
  });

const transactionsPage = (accountId: string, limit: number, cursor: string | null, signal: AbortSignal) =>
  getJson<Page<TransactionView>>(
    consistent(accountPath(accountId, `transactions?direction=desc&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)),
    { signal },
  );

/** Newest first, a page at a time. */
export const useTransactionHistory = (accountId: string) =>
  useInfiniteQuery({
    queryKey: accountKeys.history(accountId),
    queryFn: ({ pageParam, signal }) => transactionsPage(accountId, HISTORY_PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    retry,
  });

export type RecentMovements = {
  /** Newest first, at most CHART_MOVEMENT_LIMIT. */
  items: TransactionView[];
  /** True when `items` reach back to the account's first movement. */
  complete: boolean;
};

/**
 * The newest movements, for the chart. Live updates refetch this after every
 * event in the bank, so a refetch only reads pages until it meets a movement
 * it already holds and puts the new ones in front.
 */
export const useRecentMovements = (accountId: string) => {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: accountKeys.recent(accountId),
    queryFn: async ({ signal }): Promise<RecentMovements> => {
      const previous = queryClient.getQueryData<RecentMovements>(accountKeys.recent(accountId));
      const newestKnown = previous?.items[0]?.version ?? 0;
      const fresh: TransactionView[] = [];
      let cursor: string | null = null;
      let metKnown = false;
      let reachedFirst = false;
      while (!metKnown && !reachedFirst && fresh.length < CHART_MOVEMENT_LIMIT) {
        const page = await transactionsPage(accountId, CHART_PAGE_SIZE, cursor, signal);
        for (const item of page.items) {
          if (previous && item.version <= newestKnown) {
            metKnown = true;
            break;
          }
          fresh.push(item);
        }
        cursor = page.nextCursor;
        if (cursor === null) reachedFirst = true;
      }
      const items = metKnown && previous ? [...fresh, ...previous.items] : fresh;
      const complete = (metKnown && previous ? previous.complete : reachedFirst) && items.length <= CHART_MOVEMENT_LIMIT;
      return { items: items.slice(0, CHART_MOVEMENT_LIMIT), complete };
    },
    retry,
  });
};

type InterestAppliedEvent = { type: 'InterestApplied'; data: { rateBasisPoints: number; periodStart: string; periodEnd: string } };

/** The InterestApplied event behind an interest movement: it holds the period paid, which the read model does not. */
export const useInterestEvent = (accountId: string, version: number | undefined) =>
  useQuery({
    queryKey: accountKeys.event(accountId, version ?? 0),
    enabled: version !== undefined,
    staleTime: Infinity,
    retry,
    queryFn: async ({ signal }) => {
      const stream = encodeURIComponent(`account-${accountId}`);
      const body = await getJson<{ events: Array<{ type: string; data: unknown }> }>(
        `/api/streams/${stream}/events?fromVersion=${version}&toVersion=${version}`,
        { signal },
      );
      const event = body.events[0];
      return event?.type === 'InterestApplied' ? (event as InterestAppliedEvent).data : null;
    },
  });
