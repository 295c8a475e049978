'use client';

import { useLiveStore } from './connection-store';

const LABELS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

/** Shows whether live updates are flowing. */
export function ConnectionIndicator() {
  const connection = useLiveStore((state) => state.connection);
  return (
    <span className={`connection connection--${connection}`} role="status" aria-live="polite" data-testid="connection-indicator">
      <span className="connection__dot" aria-hidden="true" />
      {LABELS[connection]}
    </span>
  );
}
