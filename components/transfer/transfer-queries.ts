'use client';

import { useQuery } from '@tanstack/react-query';
import { ApiError, getJson } from '@/lib/client/api-client';
import type { TransferStatusBody } from '@/lib/transfer/transfer-view';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import type { Page } from '@/lib/views/shared/paging';

export type TransferLinks = { self: string; events: string; page: string; debugger: string };
export type TransferView = TransferStatusBody & { links: TransferLinks };
export type TransferAccepted = { transferId: string; status: TransferStatusBody['status']; links: TransferLinks };

export const transferKeys = { one: (transferId: string) => ['transfer', transferId] as const, destinations: ['transfer', 'destinations'] as const };

export const isFinished = (status: TransferStatusBody['status']) => status === 'completed' || status === 'failed';

/** The transfer read from its stream; polled while the process manager is still moving the money. */
export const useTransfer = (transferId: string) =>
  useQuery({
    queryKey: transferKeys.one(transferId),
    queryFn: ({ signal }) => getJson<TransferView>(`/api/transfers/${encodeURIComponent(transferId)}`, { signal }),
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data.status) ? false : 500),
    retry: (failures, error) => !(error instanceof ApiError && error.status === 404) && failures < 3,
  });

/** Open accounts to suggest as destinations. */
export const useDestinations = () =>
  useQuery({
    queryKey: transferKeys.destinations,
    queryFn: ({ signal }) => getJson<Page<AccountSummaryView>>('/api/accounts?status=open&sort=owner&limit=100', { signal }),
    staleTime: 30_000,
  });
