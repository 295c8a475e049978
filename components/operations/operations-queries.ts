'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, getJson } from '@/lib/client/api-client';
import type { NotificationView, OutboxStatusView, ParkedMessageView } from '@/lib/server/operations-service';

/*
 * The operations page's server data. Keys are not 'static', so LiveUpdates
 * refetches them when new events are folded; the relay publishes on its own
 * time, so they also poll every few seconds.
 */

export const operationsKeys = {
  outbox: ['operations', 'outbox'] as const,
  parked: ['operations', 'parked'] as const,
  notifications: ['operations', 'notifications'] as const,
};

const POLL_MS = 3_000;

export const useOutboxStatus = () =>
  useQuery({
    queryKey: operationsKeys.outbox,
    queryFn: ({ signal }) => getJson<OutboxStatusView>('/api/outbox', { signal }),
    refetchInterval: POLL_MS,
  });

export const useParkedMessages = () =>
  useQuery({
    queryKey: operationsKeys.parked,
    queryFn: async ({ signal }) => (await getJson<{ items: ParkedMessageView[] }>('/api/outbox/parked', { signal })).items,
    refetchInterval: POLL_MS,
  });

type NotificationsPage = { items: NotificationView[]; nextCursor: number | null };

export const useNotifications = () =>
  useInfiniteQuery({
    queryKey: operationsKeys.notifications,
    queryFn: ({ signal, pageParam }) =>
      getJson<NotificationsPage>(`/api/notifications?limit=12${pageParam ? `&before=${pageParam}` : ''}`, { signal }),
    initialPageParam: 0,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: POLL_MS,
  });

export const useRetryParked = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (position: number) => {
      const response = await fetch(`/api/outbox/parked/${position}/retry`, { method: 'POST', headers: { Accept: 'application/json' } });
      const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
      if (!response.ok) throw new ApiError(response.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `Retry failed (${response.status})`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['operations'] }),
  });
};
