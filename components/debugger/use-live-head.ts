'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { headKey } from './debugger-queries';

const noSubscription = () => () => {};

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'polling';

/**
 * Pushes the stream's new head into the head query as events arrive over
 * `GET /api/events/stream?stream=…` (EventSource resumes with Last-Event-ID
 * after a drop). While the connection is down the caller polls instead.
 */
export function useLiveHead(streamId: string): LiveStatus {
  const client = useQueryClient();
  // The server renders as if EventSource existed, so hydration matches; the browser's answer follows.
  const supported = useSyncExternalStore(noSubscription, () => typeof EventSource !== 'undefined', () => true);
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/events/stream?stream=${encodeURIComponent(streamId)}`);
    const raise = (version: number) => client.setQueryData<number>(headKey(streamId), (head) => (head === undefined || version > head ? version : head));
    source.onopen = () => {
      setStatus('live');
      // Events between the head's first read and the connection would otherwise be missed.
      void client.invalidateQueries({ queryKey: headKey(streamId) });
    };
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'polling' : 'reconnecting');
    source.addEventListener('event', (message) => {
      const { streamId: eventStream, streamVersion } = JSON.parse((message as MessageEvent<string>).data) as { streamId: string; streamVersion: number };
      if (eventStream === streamId) raise(streamVersion);
    });
    return () => source.close();
  }, [client, streamId]);

  return supported ? status : 'polling';
}

/** The value, updated at most once per `ms`: whole-stream folds (chart, hits) follow a busy stream without refolding per event. */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const [lastSet, setLastSet] = useState(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, lastSet + ms - Date.now());
    const timer = setTimeout(() => {
      setShown(value);
      setLastSet(Date.now());
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, lastSet, ms]);
  return shown;
}
