'use client';

import { useEffect, useRef, useState } from 'react';
import type { TimelineRow } from '@/lib/debugger/types';
import { PAGE_SIZE, useRows, useTimelinePage } from './debugger-queries';
import { formatMinor, formatUtc, TYPE_KIND } from './format';
import styles from './debugger.module.css';

const ROW_HEIGHT = 28;
const VIEW_HEIGHT = 448;
const OVERSCAN = 10;

/** What the list shows: a window of consecutive versions, or chosen versions (search matches) in order. */
export type ListItems = { kind: 'range'; from: number; to: number } | { kind: 'versions'; versions: readonly number[] };

const countOf = (items: ListItems) => (items.kind === 'range' ? Math.max(0, items.to - items.from + 1) : items.versions.length);
const versionAt = (items: ListItems, index: number) => (items.kind === 'range' ? items.from + index : items.versions[index]!);

/** The index showing `version`, or -1 (binary search: the versions are in order). */
const indexOf = (items: ListItems, version: number): number => {
  if (items.kind === 'range') return version >= items.from && version <= items.to ? version - items.from : -1;
  let low = 0;
  let high = items.versions.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = items.versions[middle]!;
    if (found === version) return middle;
    if (found < version) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
};

type OnRows = (rows: TimelineRow[]) => void;

/** Loads one page of consecutive rows and hands them up; renders nothing itself. */
function PageLoader({ streamId, page, head, onRows }: { streamId: string; page: number; head: number; onRows: OnRows }) {
  const { data } = useTimelinePage(streamId, page, head, true);
  useEffect(() => {
    if (data) onRows(data.rows);
  }, [data, onRows]);
  return null;
}

/** Loads the rows of chosen versions (a page of search matches). */
function RowsLoader({ streamId, versions, onRows }: { streamId: string; versions: readonly number[]; onRows: OnRows }) {
  const { data } = useRows(streamId, versions);
  useEffect(() => {
    if (data) onRows(data.rows);
  }, [data, onRows]);
  return null;
}

/**
 * The stream's events (or the matches of a filter, or a zoomed window) as a
 * windowed list: only the rows in view are in the DOM (fixed row height), and
 * only their pages are fetched, so 100,000 events cost what 30 do.
 */
export function EventList({
  streamId,
  head,
  version,
  hits,
  items,
  label,
  onSelect,
}: {
  streamId: string;
  head: number;
  version: number;
  hits: ReadonlySet<number>;
  items: ListItems;
  label: string;
  onSelect: (version: number) => void;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [known, setKnown] = useState<ReadonlyMap<number, TimelineRow>>(new Map());
  const count = countOf(items);
  const firstIndex = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const lastIndex = Math.min(count - 1, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);

  const [onRows] = useState(() => (rows: TimelineRow[]) =>
    setKnown((current) => {
      if (rows.every((row) => current.get(row.version) === row)) return current;
      const next = new Map(current);
      for (const row of rows) next.set(row.version, row);
      return next;
    }),
  );

  // Keep the current row in view when the position moves by keyboard, slider or chart.
  const currentIndex = indexOf(items, version);
  useEffect(() => {
    const element = viewport.current;
    if (!element || currentIndex < 0) return;
    const top = currentIndex * ROW_HEIGHT;
    if (top < element.scrollTop || top + ROW_HEIGHT > element.scrollTop + VIEW_HEIGHT) element.scrollTop = Math.max(0, top - VIEW_HEIGHT / 2);
  }, [currentIndex, items]);

  const shown: number[] = [];
  for (let index = firstIndex; index <= lastIndex; index++) shown.push(versionAt(items, index));

  let loaders: React.ReactNode;
  if (items.kind === 'range') {
    const pages = shown.length === 0 ? [] : [...new Set([Math.floor((shown[0]! - 1) / PAGE_SIZE), Math.floor((shown.at(-1)! - 1) / PAGE_SIZE)])];
    loaders = pages.map((page) => <PageLoader key={page} streamId={streamId} page={page} head={head} onRows={onRows} />);
  } else {
    const pages = shown.length === 0 ? [] : [...new Set([Math.floor(firstIndex / PAGE_SIZE), Math.floor(lastIndex / PAGE_SIZE)])];
    loaders = pages.map((page) => <RowsLoader key={page} streamId={streamId} versions={items.versions.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)} onRows={onRows} />);
  }

  return (
    <>
      {loaders}
      <div className={styles.listHeader} aria-hidden>
        <span>v</span>
        <span>type</span>
        <span>actor</span>
        <span className={styles.amount}>amount</span>
      </div>
      <div
        ref={viewport}
        className={styles.listViewport}
        style={{ height: VIEW_HEIGHT }}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        role="listbox"
        aria-label={label}
        aria-activedescendant={currentIndex >= 0 && version > 0 ? `event-row-${version}` : undefined}
        tabIndex={0}
        data-testid="event-list"
        data-count={count}
      >
        <div style={{ height: count * ROW_HEIGHT, position: 'relative' }}>
          {shown.map((v, offset) => {
            const row = known.get(v);
            return (
              <div
                key={v}
                id={`event-row-${v}`}
                role="option"
                aria-selected={v === version}
                className={`${styles.row} ${v === version ? styles.rowCurrent : ''} ${hits.has(v) ? styles.rowHit : ''}`}
                style={{ top: (firstIndex + offset) * ROW_HEIGHT, height: ROW_HEIGHT }}
                onClick={() => onSelect(v)}
                title={row ? `${row.type} · ${formatUtc(row.recordedAt)} · global ${row.globalPosition} · correlation ${row.correlationId} · causation ${row.causationId ?? '—'}` : undefined}
              >
                <span className={styles.version}>{v}</span>
                {row ? (
                  <>
                    <span className={`${styles.type} ${styles[`kind_${TYPE_KIND[row.type] ?? 'other'}`]}`}>{row.type}</span>
                    <span className={styles.actor}>{row.actor}</span>
                    <span className={`${styles.amount} ${row.amount !== null && row.amount < 0 ? styles.negative : ''}`}>{row.amount === null ? '' : formatMinor(row.amount)}</span>
                  </>
                ) : (
                  <span className={styles.loadingRow}>…</span>
                )}
              </div>
            );
          })}
        </div>
        {count === 0 ? <p className={styles.muted}>No event matches.</p> : null}
      </div>
    </>
  );
}
