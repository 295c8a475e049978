'use client';

import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '@/lib/debugger/debugger-service';
import { formatMinor } from './format';
import styles from './debugger.module.css';

const MAX_HIT_LINES = 100;

/* The plot area's insets inside the chart (margins, axis width and height): the position line is drawn over it. */
const PLOT = { left: 8 + 80, right: 16, top: 8, bottom: 30 };

type ChartProps = { points: SeriesPoint[]; domain: readonly [number, number]; hits: readonly number[]; snapshots: readonly number[]; onJump: (version: number) => void };

/**
 * Balance over versions: the current position, breakpoint hits and snapshots;
 * click to jump there. The position is an overlay, so moving never redraws the chart.
 */
export function BalanceChart({ version, ...chart }: ChartProps & { version: number }) {
  const [from, to] = chart.domain;
  const ratio = to > from ? Math.min(1, Math.max(0, (version - from) / (to - from))) : 0;
  return (
    <section className={styles.panel} aria-labelledby="chart-title" data-testid="balance-chart">
      <h2 id="chart-title">
        Balance over versions <span className={styles.muted}>click to jump · red: hits · dotted: snapshots · blue: you are here</span>
      </h2>
      <div className={styles.chartBox}>
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

const Chart = memo(function Chart({ points, domain, hits, snapshots, onJump }: ChartProps) {
  const everyNth = Math.max(1, Math.ceil(snapshots.length / 40));
  return (
      <LineChart
        responsive
        className={styles.chart}
        data={points}
        margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
        onClick={(state) => {
          const index = Number(state?.activeTooltipIndex);
          const point = Number.isInteger(index) ? points[index] : undefined;
          if (point) onJump(point.version);
        }}
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
