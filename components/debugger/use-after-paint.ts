'use client';

import { startTransition, useEffect, useState } from 'react';

/**
 * `value`, one painted frame late. A key press renders the position (state, event, slider) at
 * once; what only follows it (the list, strip, chart, lanes, what-if, compare, related events)
 * takes this value, so its render starts after the browser has painted the move instead of
 * delaying that frame, as `useDeferredValue`'s pass did when it ran before the paint. The update
 * is a transition: the next key press interrupts it. A value that changes again before the frame
 * replaces the pending one, so a held key renders the followers once per frame at most.
 */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // rAF runs just before the paint; a zero timeout from there runs just after it.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setShown(value)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [value, shown]);
  return shown;
}
