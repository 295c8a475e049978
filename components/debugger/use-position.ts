'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { fetchVersionAt } from './debugger-queries';
import { useDebuggerStore } from './debugger-store';
import { writeUrl, type HistoryMode } from './debugger-url';

/** Moves to a version from anywhere on the page (a link-like button, a jump): one history entry. */
export const pushVersion = (version: number) => {
  const next = Math.max(0, Math.round(version));
  useDebuggerStore.getState().setVersion(next);
  writeUrl({ v: String(next), at: null }, 'push');
};

const parseVersion = (raw: string | null): number | null => (raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : null);

/**
 * The position lives in the URL (`?v=N`, or `?at=<ISO time>` resolved once to the version recorded
 * at or before it): reload lands in the same place. Stepping and playback replace the history entry,
 * jumps push one, so Back leaves the page after scrubbing and returns from a jump. A `v` beyond the
 * head, or one that is no version, is rewritten to the head. A move sets the store first (an urgent
 * render) and then the URL; the URL wins when it changes on its own (back, forward, a pasted link).
 */
export function usePosition(head: number | undefined, streamId?: string) {
  const searchParams = useSearchParams();
  const rawVersion = searchParams.get('v');
  const fromUrl = parseVersion(rawVersion);
  const at = searchParams.get('at');
  const [atProblem, setAtProblem] = useState<string | null>(null);
  const stored = useDebuggerStore((state) => state.version);
  const setVersion = useDebuggerStore((state) => state.setVersion);
  const version = Math.min(stored ?? fromUrl ?? head ?? 0, head ?? Number.MAX_SAFE_INTEGER);

  // Pin the head we opened at, so new events extend the timeline without moving the position;
  // normalise a `v` that is out of range or malformed. A time in `at` is resolved first.
  useEffect(() => {
    if (head === undefined || (at !== null && fromUrl === null && streamId)) return;
    if (fromUrl === null || fromUrl > head) writeUrl({ v: String(head) }, 'replace');
  }, [fromUrl, rawVersion, head, at, streamId]);

  useEffect(() => {
    if (at === null || fromUrl !== null || !streamId) return;
    let current = true;
    fetchVersionAt(streamId, at).then(
      (found) => {
        if (!current) return;
        setAtProblem(null);
        setVersion(found);
        writeUrl({ v: String(found), at: null }, 'replace');
      },
      (error: unknown) => {
        if (!current) return;
        setAtProblem(`?at=${at}: ${error instanceof Error ? error.message : 'that time could not be read'}`);
        writeUrl({ at: null }, 'replace');
      },
    );
    return () => {
      current = false;
    };
  }, [at, fromUrl, streamId, setVersion]);

  // Back, forward and links move the position; a late render of a URL we already moved past does not.
  useEffect(() => {
    if (fromUrl !== null && parseVersion(new URLSearchParams(window.location.search).get('v')) === fromUrl) setVersion(fromUrl);
  }, [fromUrl, setVersion]);
  // Leaving the page (or opening another stream) forgets the position.
  useEffect(() => () => setVersion(null), [setVersion]);

  const goTo = useCallback(
    (next: number, mode: HistoryMode = 'push') => {
      if (head === undefined) return;
      const clamped = Math.max(0, Math.min(head, Math.round(next)));
      if (clamped === version) return;
      setVersion(clamped);
      writeUrl({ v: String(clamped), at: null }, mode);
    },
    [head, version, setVersion],
  );

  return { version, goTo, atProblem };
}
