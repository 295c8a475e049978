'use client';

import { useViewer } from '../auth/viewer-context';
import { useLiveStore } from './connection-store';

const LABELS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

/** Shows whether live updates are flowing. */
export function ConnectionIndicator() {
  const connection = useLiveStore((state) => state.connection);
  // Nobody signed in, no live stream to report on.
  if (!useViewer()) return null;
  return (
    <span className={`connection connection--${connection}`} role="status" aria-live="polite" data-testid="connection-indicator">
      <span className="connection__dot" aria-hidden="true" />
      {LABELS[connection]}
    </span>
  );
}
