'use client';

import { useEffect } from 'react';
import { useDebuggerStore } from './debugger-store';
import { filterFromParams, filterParams, parseZoom, writeUrl, zoomParam } from './debugger-url';

/**
 * The breakpoint, zoom window and event filters live in the URL beside the version: read once
 * when a stream opens (a reload or a shared link restores them), written back (replacing the
 * history entry) whenever the reader changes one.
 */
export function useUrlState(streamId: string) {
  const zoom = useDebuggerStore((state) => state.zoom);
  const filter = useDebuggerStore((state) => state.filter);
  const breakpoint = useDebuggerStore((state) => state.breakpoint);
  const loadedFor = useDebuggerStore((state) => state.urlReadFor);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const store = useDebuggerStore.getState();
    store.setZoom(parseZoom(params.get('zoom')));
    store.setFilter(filterFromParams(params));
    store.setBreakpoint(params.get('bp')?.trim() ?? '');
    store.setUrlReadFor(streamId);
    return () => useDebuggerStore.getState().setUrlReadFor(null);
  }, [streamId]);

  // Until the URL has been read, the store still holds the previous page's values: writing them would erase the link's.
  useEffect(() => {
    if (loadedFor !== streamId) return;
    writeUrl({ bp: breakpoint || null, zoom: zoomParam(zoom), ...filterParams(filter) }, 'replace');
  }, [loadedFor, streamId, breakpoint, zoom, filter]);

  return loadedFor === streamId;
}
