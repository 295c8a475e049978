'use client';

import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { CURRENCIES, formatMoney, type Currency } from '@/lib/domain/account/money';
import type { DailyFlowPoint } from './daily-series';
import styles from './flows-chart.module.css';

/*
 * Deposits rise above the axis and withdrawals hang below it, one column per
 * day. Load with next/dynamic and ssr: false: recharts measures the DOM, and a
 * server render would not match the browser's.
 */

type Row = DailyFlowPoint & { depositsMajor: number; withdrawalsMajor: number };

const DAY_TICK = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const DAY_LONG = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

const exponentOf = (currency: string): number => (currency in CURRENCIES ? CURRENCIES[currency as Currency] : 2);

const money = (amount: number, currency: string): string =>
  currency in CURRENCIES ? formatMoney(amount, currency as Currency) : `${amount} ${currency}`;

const compactFormat = (currency: string) => {
  const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  return (value: number) => format.format(Math.abs(value));
};

/** Fills its container's height: give the container one (at least `minHeight`). */
export function FlowsChart({ points, currency, minHeight = 280 }: { points: DailyFlowPoint[]; currency: string; minHeight?: number }) {
  // Plotting wants major units; converting is display only, every sum stays in minor units.
  const scale = 10 ** exponentOf(currency);
  const rows: Row[] = points.map((point) => ({
    ...point,
    depositsMajor: point.deposits / scale,
    withdrawalsMajor: -point.withdrawals / scale,
  }));

  return (
    <div className={styles.chart} style={{ minHeight }}>
      <ResponsiveContainer width="100%" height="100%" minHeight={minHeight}>
        <BarChart data={rows} stackOffset="sign" barCategoryGap="15%" margin={{ top: 8, right: 4, bottom: 0, left: 4 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="day"
            tickFormatter={(day: string) => DAY_TICK.format(asDate(day))}
            minTickGap={28}
            tickLine={false}
            axisLine={{ stroke: 'var(--border)' }}
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
          />
          <YAxis
            tickFormatter={compactFormat(currency)}
            width={56}
            tickLine={false}
            axisLine={false}
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
          />
          <ReferenceLine y={0} stroke="var(--muted)" />
          <Tooltip content={({ active, payload }) => <FlowsTooltip active={active} payload={payload} currency={currency} />} cursor={{ fill: 'var(--accent-soft)' }} />
          <Bar dataKey="depositsMajor" name="Deposits" stackId="flow" fill="var(--chart-in)" isAnimationActive={false} />
          <Bar dataKey="withdrawalsMajor" name="Withdrawals" stackId="flow" fill="var(--chart-out)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function FlowsTooltip({ active, payload, currency }: Pick<TooltipContentProps, 'active' | 'payload'> & { currency: string }) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <div className={styles.tooltip}>
      <p className={styles.tooltipDay}>{DAY_LONG.format(asDate(row.day))}</p>
      <dl>
        <div>
          <dt>
            <span className={`${styles.swatch} ${styles.swatchIn}`} aria-hidden="true" />
            Deposits
          </dt>
          <dd>{money(row.deposits, currency)}</dd>
        </div>
        <div>
          <dt>
            <span className={`${styles.swatch} ${styles.swatchOut}`} aria-hidden="true" />
            Withdrawals
          </dt>
          <dd>{money(row.withdrawals, currency)}</dd>
        </div>
        {row.interest > 0 ? (
          <div>
            <dt>Interest</dt>
            <dd>{money(row.interest, currency)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Movements</dt>
          <dd>{row.movements.toLocaleString('en-GB')}</dd>
        </div>
      </dl>
    </div>
  );
}
