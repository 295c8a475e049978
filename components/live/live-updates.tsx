'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLiveStore } from './connection-store';

/**
 * One EventSource per page: when the read models reflect new events
 * (`readmodel` notices), cached queries are refetched, so every open page
 * shows changes made anywhere without a reload.
 */
export function LiveUpdates() {
  const queryClient = useQueryClient();
  const setConnection = useLiveStore((state) => state.setConnection);
  const sawPosition = useLiveStore((state) => state.sawPosition);

  useEffect(() => {
    const source = new EventSource('/api/events/stream');
    source.onopen = () => setConnection('live');
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? 'reconnecting' : 'reconnecting');
    source.addEventListener('event', (message) => {
      const { globalPosition } = JSON.parse((message as MessageEvent<string>).data) as { globalPosition: number };
      sawPosition(globalPosition);
    });
    source.addEventListener('readmodel', () => {
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'static' });
    });
    return () => source.close();
  }, [queryClient, setConnection, sawPosition]);

  return null;
}
