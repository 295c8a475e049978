'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect } from 'react';
import { useDebuggerStore } from './debugger-store';

const urlFor = (version: number) => `?v=${version}`;

/** Moves to a version from anywhere on the page (a link-like button); the hook below clamps it to the head. */
export const pushVersion = (version: number) => {
  const next = Math.max(0, Math.round(version));
  useDebuggerStore.getState().setVersion(next);
  window.history.pushState(null, '', urlFor(next));
};

const parseVersion = (raw: string | null): number | null => (raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : null);

/**
 * The position lives in the URL (`?v=N`): reload lands in the same place and
 * the back button walks back through positions. A move sets the store first,
 * an urgent update that renders at once, then writes the URL (Next's router
 * follows in a transition, which may lag); the URL wins when it changes on
 * its own (back, forward, a pasted link).
 */
export function usePosition(head: number | undefined) {
  const searchParams = useSearchParams();
  const fromUrl = parseVersion(searchParams.get('v'));
  const stored = useDebuggerStore((state) => state.version);
  const setVersion = useDebuggerStore((state) => state.setVersion);
  const version = Math.min(stored ?? fromUrl ?? head ?? 0, head ?? Number.MAX_SAFE_INTEGER);

  // Pin the head we opened at, so new events extend the timeline without moving the position.
  useEffect(() => {
    if (fromUrl === null && head !== undefined) window.history.replaceState(null, '', urlFor(head));
  }, [fromUrl, head]);

  // Back, forward and links move the position; a late render of a URL we already moved past does not.
  useEffect(() => {
    if (fromUrl !== null && parseVersion(new URLSearchParams(window.location.search).get('v')) === fromUrl) setVersion(fromUrl);
  }, [fromUrl, setVersion]);
  // Leaving the page (or opening another stream) forgets the position.
  useEffect(() => () => setVersion(null), [setVersion]);

  const goTo = useCallback(
    (next: number, mode: 'push' | 'replace' = 'push') => {
      if (head === undefined) return;
      const clamped = Math.max(0, Math.min(head, Math.round(next)));
      if (clamped === version) return;
      setVersion(clamped);
      if (mode === 'push') window.history.pushState(null, '', urlFor(clamped));
      else window.history.replaceState(null, '', urlFor(clamped));
    },
    [head, version, setVersion],
  );

  return { version, goTo };
}
