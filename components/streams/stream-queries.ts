import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { StreamListPage } from '@/lib/audit/stream-list';
import { getJson } from '@/lib/client/api-client';

export const STREAM_PAGE = 50;

export type StreamFilters = { q: string; category: string; sort: 'recent' | 'size' | 'id' };

/** The API's query string for the filters (empty ones left out). */
export const streamListQuery = (filters: StreamFilters, cursor?: string): string => {
  const params = new URLSearchParams({ sort: filters.sort, limit: String(STREAM_PAGE) });
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.category) params.set('category', filters.category);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
};

/** Pages of streams, each fetched with the previous page's cursor: the server never counts or skips rows. */
export const useStreamPages = (filters: StreamFilters) =>
  useInfiniteQuery({
    queryKey: ['streams', filters],
    queryFn: ({ pageParam }) => getJson<StreamListPage>(`/api/streams?${streamListQuery(filters, pageParam ?? undefined)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
