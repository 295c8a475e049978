'use client';

import { useEffect, useRef, useState } from 'react';
import type { TimelineRow } from '@/lib/debugger/types';
import { PAGE_SIZE, useTimelinePage } from './debugger-queries';
import { formatMinor, formatUtc, TYPE_KIND } from './format';
import styles from './debugger.module.css';

const ROW_HEIGHT = 28;
const VIEW_HEIGHT = 448;
const OVERSCAN = 10;

/** Loads one page of rows and hands them up; renders nothing itself. */
function PageLoader({ streamId, page, head, onRows }: { streamId: string; page: number; head: number; onRows: (page: number, rows: TimelineRow[]) => void }) {
  const { data } = useTimelinePage(streamId, page, head, true);
  useEffect(() => {
    if (data) onRows(page, data.rows);
  }, [data, page, onRows]);
  return null;
}

/**
 * Every event of the stream as a windowed list: only the rows in view are in
 * the DOM (fixed row height), and only their pages are fetched, so 100,000
 * events cost what 30 do.
 */
export function EventList({ streamId, head, version, hits, onSelect }: { streamId: string; head: number; version: number; hits: ReadonlySet<number>; onSelect: (version: number) => void }) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [pages, setPages] = useState<ReadonlyMap<number, TimelineRow[]>>(new Map());
  const first = Math.max(1, Math.floor(scrollTop / ROW_HEIGHT) + 1 - OVERSCAN);
  const last = Math.min(head, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const wantedPages = head === 0 ? [] : [...new Set([Math.floor((first - 1) / PAGE_SIZE), Math.floor((last - 1) / PAGE_SIZE)])];

  const [onRows] = useState(() => (page: number, rows: TimelineRow[]) => setPages((current) => (current.get(page) === rows ? current : new Map(current).set(page, rows))));

  // Keep the current row in view when the position moves by keyboard, slider or chart.
  useEffect(() => {
    const element = viewport.current;
    if (!element || version < 1) return;
    const top = (version - 1) * ROW_HEIGHT;
    if (top < element.scrollTop || top + ROW_HEIGHT > element.scrollTop + VIEW_HEIGHT) element.scrollTop = Math.max(0, top - VIEW_HEIGHT / 2);
  }, [version]);

  const rows: Array<{ version: number; row: TimelineRow | undefined }> = [];
  for (let v = first; v <= last; v++) rows.push({ version: v, row: pages.get(Math.floor((v - 1) / PAGE_SIZE))?.[(v - 1) % PAGE_SIZE] });

  return (
    <div className={styles.eventList}>
      {wantedPages.map((page) => (
        <PageLoader key={page} streamId={streamId} page={page} head={head} onRows={onRows} />
      ))}
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
        aria-label={`Events 1 to ${head}`}
        aria-activedescendant={version > 0 ? `event-row-${version}` : undefined}
        tabIndex={-1}
        data-testid="event-list"
      >
        <div style={{ height: head * ROW_HEIGHT, position: 'relative' }}>
          {rows.map(({ version: v, row }) => (
            <div
              key={v}
              id={`event-row-${v}`}
              role="option"
              aria-selected={v === version}
              className={`${styles.row} ${v === version ? styles.rowCurrent : ''} ${hits.has(v) ? styles.rowHit : ''}`}
              style={{ top: (v - 1) * ROW_HEIGHT, height: ROW_HEIGHT }}
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
          ))}
        </div>
      </div>
    </div>
  );
}
