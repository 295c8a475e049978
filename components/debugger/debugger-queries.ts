import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getJson } from '@/lib/client/api-client';
import type { SeriesPoint } from '@/lib/debugger/debugger-service';
import type { DensityBucket } from '@/lib/debugger/stream-probe';
import type { Zoom } from './debugger-store';
import { loadStateAt } from './state-batcher';
import type { BreakpointResult, EventFilter, SearchResult, SnapshotComparison, SnapshotMark, StateView, TestCase, TimelineRow } from '@/lib/debugger/types';

const base = (streamId: string) => `/api/streams/${encodeURIComponent(streamId)}`;

export const PAGE_SIZE = 200;
/** How often the head is polled when server-sent events are not available. */
const POLL_INTERVAL_MS = 5_000;

// Two and three steps too: a held key outruns a prefetch of only the next position (one request carries them all: state-batcher).
const NEIGHBOURS = [1, -1, 2, -2, 3, -3, 10, -10, 20, -20, 100, -100, 200, -200];

const stateQuery = (streamId: string, version: number) => ({
  queryKey: ['static', 'debugger', streamId, 'state', version],
  queryFn: () => loadStateAt(streamId, version),
  staleTime: Infinity, // history does not change
});

/** The state at a version; the previous answer stays on screen while the next loads, so nothing jumps. */
export const useStateAt = (streamId: string, version: number, head: number | undefined, alsoAhead: readonly (number | undefined)[] = []) => {
  const enabled = head !== undefined;
  const client = useQueryClient();
  const query = useQuery({ ...stateQuery(streamId, version), enabled, placeholderData: keepPreviousData });
  const aheadKey = alsoAhead.join(',');
  // The positions one key press away (step, ten, a page, Home, End, the next and previous hit): fetched ahead so a move shows at once.
  useEffect(() => {
    if (!enabled) return;
    for (const next of [...NEIGHBOURS.map((delta) => version + delta), 0, head!, ...alsoAhead]) {
      if (next !== undefined && next >= 0 && next <= head!) void client.prefetchQuery(stateQuery(streamId, next));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the targets' values (aheadKey), not the array's identity
  }, [client, streamId, version, enabled, head, aheadKey]);
  return query;
};

export const headKey = (streamId: string) => ['debugger', streamId, 'head'] as const;

/**
 * The stream's newest version. Keys starting 'static' (everything else here) hold
 * history, which never changes, so read-model notices do not refetch them; the
 * head is pushed by server-sent events and polled only when they are down.
 */
export const useHead = (streamId: string, poll: boolean) =>
  useQuery({
    queryKey: headKey(streamId),
    queryFn: async () => (await getJson<{ head: number; rows: TimelineRow[] }>(`${base(streamId)}/timeline?from=1&limit=1`)).head,
    refetchInterval: poll ? POLL_INTERVAL_MS : false,
    staleTime: 0,
  });

/** A page of rows; the last page grows with the stream, so its key holds how many rows it should have. */
export const useTimelinePage = (streamId: string, page: number, head: number, enabled: boolean) =>
  useQuery({
    queryKey: ['static', 'debugger', streamId, 'timeline', page, Math.min(PAGE_SIZE, head - page * PAGE_SIZE)],
    queryFn: () => getJson<{ head: number; rows: TimelineRow[] }>(`${base(streamId)}/timeline?from=${page * PAGE_SIZE + 1}&limit=${PAGE_SIZE}`),
    enabled,
    staleTime: Infinity,
  });

const zoomParams = (zoom: Zoom | null) => (zoom ? `&fromVersion=${zoom.from}&toVersion=${zoom.to}` : '');

export const useDensity = (streamId: string, head: number, zoom: Zoom | null) =>
  useQuery({
    queryKey: ['static', 'debugger', streamId, 'density', head, zoom],
    queryFn: () => getJson<{ buckets: DensityBucket[] }>(`${base(streamId)}/timeline?density=buckets&buckets=120${zoomParams(zoom)}`),
    enabled: head > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

export const useBalanceSeries = (streamId: string, head: number, zoom: Zoom | null) =>
  useQuery({
    queryKey: ['static', 'debugger', streamId, 'series', head, zoom],
    queryFn: () => getJson<{ points: SeriesPoint[] }>(`${base(streamId)}/timeline?series=balance&points=400${zoomParams(zoom)}`),
    enabled: head > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

export const useBreakpointHits = (streamId: string, expression: string, head: number) =>
  useQuery({
    queryKey: ['static', 'debugger', streamId, 'breakpoints', expression, head],
    queryFn: () => getJson<BreakpointResult>(`${base(streamId)}/timeline/breakpoints?expr=${encodeURIComponent(expression)}`),
    enabled: expression !== '' && head > 0,
    placeholderData: (previous) => (previous?.expression === expression ? previous : undefined),
    staleTime: Infinity,
    retry: false,
  });

export const useSnapshots = (streamId: string, head: number) =>
  useQuery({
    queryKey: ['static', 'debugger', streamId, 'snapshots', head],
    queryFn: () => getJson<{ snapshots: SnapshotMark[] }>(`${base(streamId)}/state/snapshots`),
    enabled: head > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

export const useSnapshotComparison = (streamId: string, version: number | null) =>
  useQuery({
    queryKey: ['static', 'debugger', streamId, 'snapshot', version],
    queryFn: () => getJson<SnapshotComparison>(`${base(streamId)}/state/snapshots?version=${version}`),
    enabled: version !== null,
    staleTime: Infinity,
  });

export const fetchTestCase = (streamId: string, version: number) => getJson<TestCase>(`${base(streamId)}/state/test-case?version=${version}`);

export const fetchVersionAt = async (streamId: string, at: string) => (await getJson<StateView>(`${base(streamId)}/state?at=${encodeURIComponent(at)}`)).version;

const filterParams = (filter: EventFilter) => {
  const params = new URLSearchParams();
  if (filter.text) params.set('q', filter.text);
  if (filter.type) params.set('type', filter.type);
  if (filter.actor) params.set('actor', filter.actor);
  return params.toString();
};

export const isFiltering = (filter: EventFilter) => Boolean(filter.text || filter.type || filter.actor);

/** Versions whose event matches the list's filter (one pass on the server); history, so cached per head. */
export const useSearch = (streamId: string, filter: EventFilter, head: number) =>
  useQuery({
    queryKey: ['static', 'debugger', streamId, 'search', filter, head],
    queryFn: () => getJson<SearchResult>(`${base(streamId)}/timeline?${filterParams(filter)}`),
    enabled: isFiltering(filter) && head > 0,
    placeholderData: (previous) => (previous && JSON.stringify(previous.filter) === JSON.stringify(filter) ? previous : undefined),
    staleTime: Infinity,
    retry: false,
  });

/** Rows for a page of chosen versions (search matches). */
export const useRows = (streamId: string, versions: readonly number[]) =>
  useQuery({
    queryKey: ['static', 'debugger', streamId, 'rows', versions.join(',')],
    queryFn: () => getJson<{ rows: TimelineRow[] }>(`${base(streamId)}/timeline?versions=${versions.join(',')}`),
    enabled: versions.length > 0,
    staleTime: Infinity,
  });

/** The state at one version, for a comparison (null: not asked). */
export const useStateView = (streamId: string, version: number | null) =>
  useQuery({ ...stateQuery(streamId, version ?? 0), enabled: version !== null });

export const MAX_EVENTS_BETWEEN = 500;

/** The events after `from` up to and including `to` (at most MAX_EVENTS_BETWEEN of them), upcast. */
export const useEventsBetween = (streamId: string, from: number | null, to: number | null) =>
  useQuery({
    queryKey: ['static', 'debugger', streamId, 'between', from, to],
    queryFn: () =>
      getJson<{ events: Array<{ streamVersion: number; type: string; recordedAt: string; data: Record<string, unknown> }> }>(
        `${base(streamId)}/events?fromVersion=${from! + 1}&toVersion=${to}&limit=${MAX_EVENTS_BETWEEN}`,
      ),
    enabled: from !== null && to !== null && to > from,
    staleTime: Infinity,
  });
