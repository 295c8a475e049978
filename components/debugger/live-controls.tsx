'use client';

import { useDebuggerStore } from './debugger-store';
import { formatCount } from './format';
import type { LiveStatus } from './use-live-head';
import styles from './debugger.module.css';
import extras from './debugger-extras.module.css';

const LABELS: Record<LiveStatus, { text: string; title: string }> = {
  connecting: { text: 'connecting…', title: 'Opening the live connection' },
  live: { text: 'live', title: 'New events arrive over server-sent events as they are written' },
  reconnecting: { text: 'reconnecting…', title: 'The live connection dropped; it resumes from the last event seen, and the head is checked every few seconds meanwhile' },
  polling: { text: 'polling', title: 'Server-sent events are unavailable: the head is checked every few seconds' },
};

/** The live connection's state, "follow the head" (a terminal's tail), and how many events arrived while looking elsewhere. */
export function LiveControls({ status, arrived, atHead, onGoToHead }: { status: LiveStatus; arrived: number; atHead: boolean; onGoToHead: () => void }) {
  const following = useDebuggerStore((state) => state.following);
  const setFollowing = useDebuggerStore((state) => state.setFollowing);
  const label = LABELS[status];
  return (
    <>
      <span className={`${extras.liveStatus} ${extras[`live_${status}`]}`} title={label.title} data-testid="live-status" data-status={status}>
        <span aria-hidden>●</span> {label.text}
      </span>
      <button
        type="button"
        aria-pressed={following}
        onClick={() => {
          setFollowing(!following);
          if (!following && !atHead) onGoToHead();
        }}
        title="Follow the head: new events move the position along (F)"
        data-testid="follow-head"
      >
        {following ? 'Following head' : 'Follow head'}
      </button>
      {arrived > 0 && !atHead ? (
        <button type="button" className={styles.chip} onClick={onGoToHead} data-testid="new-events">
          {formatCount(arrived)} new {arrived === 1 ? 'event' : 'events'}: go to head
        </button>
      ) : null}
    </>
  );
}
