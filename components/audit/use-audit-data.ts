import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TrailFilter, TrailPage } from '@/lib/audit/audit-trail';
import type { MerkleFingerprint, VerificationReport } from '@/lib/audit/verification-report';
import { getJson } from '@/lib/client/api-client';
import type { CountedTrailPage } from '@/lib/server/routes/audit';

/** The filters as the API's query string (empty ones left out). */
export const trailQueryString = (filter: Record<string, string | undefined>, extra: Record<string, string | number | undefined> = {}): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) {
    if (value !== undefined && String(value).trim() !== '') params.set(key, String(value).trim());
  }
  return params.toString();
};

export const useStreamVerification = (streamId: string) =>
  useQuery({
    queryKey: ['audit', 'verification', streamId],
    queryFn: () => getJson<VerificationReport>(`/api/streams/${encodeURIComponent(streamId)}/verification`),
    staleTime: 30_000,
    retry: false,
  });

export const useStoreVerification = (enabled: boolean) =>
  useQuery({
    queryKey: ['audit', 'verification', 'store'],
    queryFn: () => getJson<VerificationReport>('/api/audit/verification'),
    enabled,
    staleTime: Infinity,
    retry: false,
  });

export const useFingerprint = () =>
  useQuery({ queryKey: ['audit', 'fingerprint'], queryFn: () => getJson<MerkleFingerprint>('/api/audit/fingerprint'), staleTime: 60_000 });

export const useTrailPage = (query: string) =>
  useQuery({
    queryKey: ['audit', 'events', query],
    queryFn: () => getJson<CountedTrailPage>(`/api/audit/events?${query}`),
    placeholderData: keepPreviousData,
  });

/** Events sharing a correlation id, across streams, in the order they happened. */
export const useCorrelated = (correlationId: string | null) =>
  useQuery({
    queryKey: ['audit', 'correlated', correlationId],
    queryFn: () => getJson<TrailPage>(`/api/audit/events?${trailQueryString({ correlationId: correlationId ?? undefined }, { order: 'asc', limit: 50 })}`),
    enabled: correlationId !== null,
    staleTime: 10_000,
  });

/** The event with this id, if the id names one (a causation id may name a command instead). */
export const useEventById = (eventId: string | null) =>
  useQuery({
    queryKey: ['audit', 'event', eventId],
    queryFn: async () => (await getJson<TrailPage>(`/api/audit/events?${trailQueryString({ eventId: eventId ?? undefined }, { limit: 1 })}`)).rows[0] ?? null,
    enabled: eventId !== null,
    staleTime: Infinity,
  });

/** Events this event caused. */
export const useCausedBy = (eventId: string) =>
  useQuery({
    queryKey: ['audit', 'caused-by', eventId],
    queryFn: () => getJson<TrailPage>(`/api/audit/events?${trailQueryString({ causationId: eventId }, { order: 'asc', limit: 50 })}`),
    staleTime: 10_000,
  });

export type { TrailFilter };
