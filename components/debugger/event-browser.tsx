'use client';

import { memo, useMemo } from 'react';
import { isFiltering, useSearch } from './debugger-queries';
import { useDebuggerStore } from './debugger-store';
import { EventFilterBar } from './event-filter-bar';
import { EventList, type ListItems } from './event-list';
import { formatCount } from './format';
import styles from './debugger.module.css';

/**
 * The event list with its filter. A filter narrows the list only: the slider
 * and the keys still step through every version, and the list marks where you are.
 */
export const EventBrowser = memo(function EventBrowser({ streamId, head, searchHead, version, hits, onSelect }: { streamId: string; head: number; searchHead: number; version: number; hits: ReadonlySet<number>; onSelect: (version: number) => void }) {
  const filter = useDebuggerStore((state) => state.filter);
  const zoom = useDebuggerStore((state) => state.zoom);
  const filtering = isFiltering(filter);
  const search = useSearch(streamId, filter, searchHead);
  const from = zoom ? Math.max(1, zoom.from) : 1;
  const to = zoom ? Math.min(head, zoom.to) : head;

  const items: ListItems = useMemo(() => {
    if (!filtering) return { kind: 'range', from, to };
    const versions = search.data?.versions ?? [];
    return { kind: 'versions', versions: zoom ? versions.filter((v) => v >= from && v <= to) : versions };
  }, [filtering, search.data, zoom, from, to]);

  const inWindow = zoom ? ` in v${formatCount(from)}–${formatCount(to)}` : '';
  let status = `${formatCount(to - from + 1)} events${inWindow}`;
  if (filtering) {
    if (search.isError) status = search.error.message;
    else if (!search.data) status = 'searching…';
    else {
      const shown = items.kind === 'versions' ? items.versions.length : 0;
      status = `${formatCount(shown)} ${shown === 1 ? 'match' : 'matches'}${inWindow}${search.data.truncated ? ` (first ${formatCount(search.data.versions.length)} of ${formatCount(search.data.total)})` : ''} · ←/→ still step through every version`;
    }
  }
  const label = filtering ? `Events matching the filter${inWindow}` : `Events ${from} to ${to}`;

  return (
    <div className={styles.eventList}>
      <EventFilterBar status={status} />
      <EventList streamId={streamId} head={head} version={version} hits={hits} items={items} label={label} onSelect={onSelect} />
    </div>
  );
});
