'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { Principal } from '@/lib/auth/principal';
import { ViewerProvider } from '../auth/viewer-context';
import { LiveUpdates } from '../live/live-updates';

/** Live updates need a signed-in viewer: the event stream answers 401 to anyone else. */
export function AppProviders({ viewer, children }: { viewer: Principal | null; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: false, retry: 1 } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ViewerProvider viewer={viewer}>
        {viewer ? <LiveUpdates /> : null}
        {children}
      </ViewerProvider>
    </QueryClientProvider>
  );
}
