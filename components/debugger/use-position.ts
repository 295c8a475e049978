'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect } from 'react';
import { useDebuggerStore } from './debugger-store';

/** Moves to a version from anywhere on the page (a link-like button); the hook below clamps it to the head. */
export const pushVersion = (version: number) => window.history.pushState(null, '', `?v=${Math.max(0, Math.round(version))}`);

const parseVersion = (raw: string | null): number | null => (raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : null);

/**
 * The position lives in the URL (`?v=N`): reload lands in the same place and
 * the back button walks back through positions. Native pushState keeps Next's
 * router in sync without a server round trip, so a step renders at once.
 */
export function usePosition(head: number | undefined) {
  const searchParams = useSearchParams();
  const fromUrl = parseVersion(searchParams.get('v'));
  const setVersion = useDebuggerStore((state) => state.setVersion);
  const version = Math.min(fromUrl ?? head ?? 0, head ?? Number.MAX_SAFE_INTEGER);

  // Pin the head we opened at, so new events extend the timeline without moving the position.
  useEffect(() => {
    if (fromUrl === null && head !== undefined) window.history.replaceState(null, '', `?v=${head}`);
  }, [fromUrl, head]);

  useEffect(() => setVersion(version), [setVersion, version]);

  const goTo = useCallback(
    (next: number, mode: 'push' | 'replace' = 'push') => {
      if (head === undefined) return;
      const clamped = Math.max(0, Math.min(head, Math.round(next)));
      if (clamped === version) return;
      if (mode === 'push') window.history.pushState(null, '', `?v=${clamped}`);
      else window.history.replaceState(null, '', `?v=${clamped}`);
    },
    [head, version],
  );

  return { version, goTo };
}
