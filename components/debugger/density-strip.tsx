'use client';

import { memo, useEffect, useRef, useState, type PointerEvent } from 'react';
import type { DensityBucket } from '@/lib/debugger/stream-probe';
import type { Zoom } from './debugger-store';
import { formatCount, formatUtc } from './format';
import styles from './debugger.module.css';
import extras from './debugger-extras.module.css';

type Drag = { start: number; end: number };

/** The window a zoom-in key press shows: a tenth of the current span around the position. */
export const zoomAround = (version: number, span: Zoom): Zoom => {
  const width = Math.max(20, Math.round((span.to - span.from + 1) / 10));
  const from = Math.max(span.from, Math.min(version - Math.floor(width / 2), span.to - width + 1));
  return { from, to: Math.min(span.to, from + width - 1) };
};

/**
 * Events per slice of time (of the stream, or of the zoomed window); the
 * position and hits marked. Click a slice to go there; drag across slices to
 * zoom to them; double-click or Esc to zoom out.
 */
export const DensityStrip = memo(function DensityStrip({
  buckets,
  version,
  hits,
  zoom,
  onJump,
  onZoom,
}: {
  buckets: DensityBucket[];
  version: number;
  hits: readonly number[];
  zoom: Zoom | null;
  onJump: (version: number) => void;
  onZoom: (zoom: Zoom | null) => void;
}) {
  const strip = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragged = useRef(false);
  const most = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const contains = (bucket: DensityBucket, v: number) => bucket.count > 0 && v >= bucket.firstVersion && v < bucket.firstVersion + bucket.count;

  // A drag released outside the strip still ends.
  useEffect(() => {
    if (!drag) return;
    const cancel = () => setDrag(null);
    window.addEventListener('pointerup', cancel);
    return () => window.removeEventListener('pointerup', cancel);
  }, [drag]);

  const indexAt = (clientX: number) => {
    const box = strip.current!.getBoundingClientRect();
    return Math.max(0, Math.min(buckets.length - 1, Math.floor(((clientX - box.left) / box.width) * buckets.length)));
  };
  const onDown = (event: PointerEvent) => {
    if (event.button !== 0 || buckets.length === 0) return;
    const index = indexAt(event.clientX);
    dragged.current = false;
    setDrag({ start: index, end: index });
  };
  const onMove = (event: PointerEvent) => {
    if (!drag) return;
    const end = indexAt(event.clientX);
    if (end !== drag.end) setDrag({ ...drag, end });
  };
  const onUp = () => {
    if (!drag) return;
    const low = Math.min(drag.start, drag.end);
    const high = Math.max(drag.start, drag.end);
    setDrag(null);
    if (low === high) return;
    const spanned = buckets.slice(low, high + 1).filter((bucket) => bucket.count > 0);
    dragged.current = true;
    if (spanned.length === 0) return;
    const last = spanned.at(-1)!;
    onZoom({ from: spanned[0]!.firstVersion, to: last.firstVersion + last.count - 1 });
  };

  const selection = drag && drag.start !== drag.end ? { left: Math.min(drag.start, drag.end), width: Math.abs(drag.end - drag.start) + 1 } : null;
  const first = buckets[0];
  const last = buckets.at(-1);

  return (
    <div className={extras.densityBox}>
      <div
        ref={strip}
        className={`${styles.density} ${extras.densityDraggable}`}
        role="group"
        aria-label="Events over time: click a slice to go there, drag across slices to zoom, double-click to zoom out"
        data-testid="density-strip"
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onDoubleClick={() => onZoom(null)}
      >
        {buckets.map((bucket, index) => {
          const current = contains(bucket, version);
          const hit = hits.some((h) => contains(bucket, h));
          return (
            <button
              key={`${index}-${bucket.start}`}
              type="button"
              className={`${styles.bucket} ${current ? styles.bucketCurrent : ''} ${hit ? styles.bucketHit : ''}`}
              title={`${formatUtc(bucket.start)}: ${formatCount(bucket.count)} events`}
              aria-label={`${formatCount(bucket.count)} events from ${formatUtc(bucket.start)}`}
              disabled={bucket.count === 0}
              onClick={() => {
                if (dragged.current) dragged.current = false;
                else onJump(bucket.firstVersion);
              }}
            >
              <span style={{ height: `${Math.max(bucket.count ? 8 : 0, (bucket.count / most) * 100)}%` }} />
            </button>
          );
        })}
        {selection ? (
          <div className={extras.dragSelection} style={{ left: `${(selection.left / buckets.length) * 100}%`, width: `${(selection.width / buckets.length) * 100}%` }} aria-hidden />
        ) : null}
      </div>
      <div className={extras.densityFooter}>
        <span className={styles.muted}>{first && last ? `${formatUtc(first.start)} → ${formatUtc(last.end)}` : ''}</span>
        {zoom ? (
          <span className={extras.zoomed} data-testid="zoom-status">
            Zoomed to v{formatCount(zoom.from)}–v{formatCount(zoom.to)}
            <button type="button" onClick={() => onZoom(null)} aria-keyshortcuts="Escape">
              Reset zoom
            </button>
          </span>
        ) : (
          <span className={styles.muted}>drag across the strip to zoom · Z zooms around the position</span>
        )}
      </div>
    </div>
  );
});
