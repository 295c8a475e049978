'use client';

import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '@/lib/debugger/debugger-service';
import { formatMinor } from './format';
import styles from './debugger.module.css';

const MAX_HIT_LINES = 100;

/* The plot area's insets inside the chart (margins, axis width and height): the position line is drawn over it. */
const PLOT = { left: 8 + 80, right: 16, top: 8, bottom: 30 };

type ChartProps = { points: SeriesPoint[]; domain: readonly [number, number]; hits: readonly number[]; snapshots: readonly number[] };

/**
 * The version under a click, from where it landed across the plot area: the same mapping that
 * places the position line, so a click at the right edge is the window's last version (the
 * tooltip's index, used before, pointed into a coarser grid and sent the right edge to v31).
 */
export const versionAtX = (x: number, width: number, [from, to]: readonly [number, number]): number => {
  const plot = width - PLOT.left - PLOT.right;
  if (plot <= 0 || to <= from) return from;
  const ratio = Math.min(1, Math.max(0, (x - PLOT.left) / plot));
  return Math.round(from + ratio * (to - from));
};

/**
 * Balance over versions: the current position, breakpoint hits and snapshots;
 * click to jump there. The position is an overlay, so moving never redraws the chart.
 */
export function BalanceChart({ version, onJump, ...chart }: ChartProps & { version: number; onJump: (version: number) => void }) {
  const [from, to] = chart.domain;
  const ratio = to > from ? Math.min(1, Math.max(0, (version - from) / (to - from))) : 0;
  return (
    <section className={styles.panel} aria-labelledby="chart-title" data-testid="balance-chart">
      <h2 id="chart-title">
        Balance over versions <span className={styles.muted}>click to jump · red: hits · dotted: snapshots · blue: you are here</span>
      </h2>
      {/* Keyboard users move with the slider and keys; the chart is a pointer shortcut. */}
      <div
        className={styles.chartBox}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect();
          // Clicks below the plot (the axis) or in the y-axis labels are not a jump.
          if (event.clientY - box.top > box.height - PLOT.bottom || event.clientX - box.left < PLOT.left) return;
          onJump(versionAtX(event.clientX - box.left, box.width, chart.domain));
        }}
      >
        <Chart {...chart} />
        <div
          className={styles.positionLine}
          aria-hidden
          style={{ left: `calc(${PLOT.left}px + (100% - ${PLOT.left + PLOT.right}px) * ${ratio})`, top: PLOT.top, bottom: PLOT.bottom }}
        >
          {/* Outside a zoomed window the line waits at the edge, pointing the way. */}
          <span>{version < from ? `← v${version}` : version > to ? `v${version} →` : `v${version}`}</span>
        </div>
      </div>
    </section>
  );
}

const Chart = memo(function Chart({ points, domain, hits, snapshots }: ChartProps) {
  const everyNth = Math.max(1, Math.ceil(snapshots.length / 40));
  return (
      <LineChart
        responsive
        className={styles.chart}
        data={points}
        margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis dataKey="version" type="number" domain={[domain[0], domain[1]]} allowDataOverflow allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={(value: number) => formatMinor(value).replace('+', '')} width={80} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(value) => formatMinor(Number(value))} labelFormatter={(label) => `version ${label}`} />
        <ReferenceLine y={0} stroke="var(--muted)" />
        {snapshots
          .filter((_, index) => index % everyNth === 0)
          .map((snapshot) => (
            <ReferenceLine key={`s${snapshot}`} x={snapshot} stroke="var(--muted)" strokeDasharray="1 4" strokeOpacity={0.6} />
          ))}
        {hits.slice(0, MAX_HIT_LINES).map((hit) => (
          <ReferenceLine key={`h${hit}`} x={hit} stroke="var(--danger)" strokeWidth={2} />
        ))}
        <Line type="stepAfter" dataKey="value" stroke="var(--text)" dot={false} isAnimationActive={false} strokeWidth={1.5} />
      </LineChart>
  );
});
