'use client';

import { useId } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { CURRENCIES } from '@/lib/domain/account/money';
import { timeAxis, valueAxis, type BalancePoint, type BalanceSeries } from './balance-series';
import { formatDate, formatDateTime, isCurrency, moneyText } from './format';
import styles from './account.module.css';

const dayTick = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const monthTick = new Intl.DateTimeFormat('en-GB', { month: 'short' });
const monthYearTick = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric' });

/** Axis labels only: a compact figure in major units ("€1.2K"); exact amounts are in the tooltip and the table. */
const compactMoney = (currency: string) => {
  if (!isCurrency(currency)) return (minor: number) => String(minor);
  const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  const scale = 10 ** CURRENCIES[currency];
  return (minor: number) => format.format(minor / scale);
};

function BalanceTooltip({ active, payload, currency }: Partial<TooltipContentProps<number, string>> & { currency: string }) {
  const point = payload?.[0]?.payload as BalancePoint | undefined;
  if (!active || !point) return null;
  return (
    <div className={styles.tooltip}>
      <span className={styles.tooltipDate}>{formatDateTime(point.time)}</span>
      <strong className={point.balance < 0 ? styles.negative : undefined}>{moneyText(point.balance, currency)}</strong>
    </div>
  );
}

/**
 * The balance as a step area, green above zero and red below, with the zero
 * line drawn. Loaded only in the browser (recharts measures the DOM).
 */
export function BalanceChart({ series, currency, title }: { series: BalanceSeries; currency: string; title: string }) {
  const gradientId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const { lowest, highest } = series;
  const top = Math.max(0, highest.balance);
  const bottom = Math.min(0, lowest.balance);
  // Where zero sits in the gradients, from the top of the line's own box; a line that never
  // crosses zero gets a plain colour, since a flat line has no box for a gradient to span.
  const crosses = bottom < 0 && top > 0;
  const zero = crosses ? top / (top - bottom) : top > 0 ? 1 : 0;
  const lineColour = top > 0 ? 'var(--positive)' : bottom < 0 ? 'var(--danger)' : 'var(--muted)';
  const axis = valueAxis(bottom, top);
  const time = timeAxis(series.from, series.to);
  const spansYears = new Date(series.from).getFullYear() !== new Date(series.to).getFullYear();
  const timeTick = time.unit === 'day' ? dayTick : spansYears ? monthYearTick : monthTick;
  const desc = `From ${formatDate(series.from)} to ${formatDate(series.to)}: lowest ${moneyText(lowest.balance, currency)} on ${formatDate(
    lowest.time,
  )}, highest ${moneyText(highest.balance, currency)} on ${formatDate(highest.time)}.`;

  return (
    <AreaChart
      responsive
      className={styles.chart}
      data={series.points}
      margin={{ top: 8, right: 12, bottom: 0, left: 4 }}
      title={title}
      desc={desc}
    >
      <defs>
        <linearGradient id={`${gradientId}-stroke`} x1="0" y1="0" x2="0" y2="1">
          <stop offset={zero} stopColor="var(--positive)" />
          <stop offset={zero} stopColor="var(--danger)" />
        </linearGradient>
        <linearGradient id={`${gradientId}-fill`} x1="0" y1="0" x2="0" y2="1">
          <stop offset={0} stopColor="var(--positive)" stopOpacity={0.28} />
          <stop offset={zero} stopColor="var(--positive)" stopOpacity={0.06} />
          <stop offset={zero} stopColor="var(--danger)" stopOpacity={0.1} />
          <stop offset={1} stopColor="var(--danger)" stopOpacity={0.3} />
        </linearGradient>
      </defs>
      <CartesianGrid vertical={false} stroke="var(--border)" strokeDasharray="3 3" />
      <XAxis
        dataKey="time"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        ticks={time.ticks.length > 0 ? time.ticks : undefined}
        tickFormatter={(tick: number) => timeTick.format(tick)}
        tick={{ fill: 'var(--muted)', fontSize: 12 }}
        stroke="var(--border)"
        minTickGap={24}
      />
      <YAxis
        dataKey="balance"
        domain={axis.domain}
        ticks={axis.ticks}
        tickFormatter={compactMoney(currency)}
        tick={{ fill: 'var(--muted)', fontSize: 12 }}
        stroke="var(--border)"
        width={64}
      />
      <ReferenceLine y={0} stroke="var(--muted)" strokeWidth={1.5} ifOverflow="extendDomain" />
      <Tooltip content={<BalanceTooltip currency={currency} />} cursor={{ stroke: 'var(--muted)', strokeDasharray: '2 2' }} />
      <Area
        type="stepAfter"
        dataKey="balance"
        name="Balance"
        baseValue={0}
        stroke={crosses ? `url(#${gradientId}-stroke)` : lineColour}
        strokeWidth={2}
        fill={`url(#${gradientId}-fill)`}
        isAnimationActive={false}
        activeDot={{ r: 4, fill: 'var(--text)', stroke: 'var(--surface)' }}
      />
    </AreaChart>
  );
}
