'use client';

import dynamic from 'next/dynamic';
import { useId, useState } from 'react';
import { dailySeries, flowTotals, type DailyFlowPoint } from '@/components/charts/daily-series';
import { FlowsLegend } from '@/components/charts/flows-legend';
import { Money } from '@/components/ui/money';
import { CURRENCIES, formatMoney, type Currency } from '@/lib/domain/account/money';
import { byCurrencyOrder, DEFAULT_STATS_RANGE } from './bank-totals';
import { useBankStats } from './queries';
import { QueryProblem } from './query-problem';
import styles from './overview.module.css';

const CHART_HEIGHT = 280;

function ChartSkeleton() {
  return <div className="skeleton" style={{ height: CHART_HEIGHT, margin: 0 }} aria-hidden="true" />;
}

// Client only: recharts measures the DOM, and it stays out of the first page's JavaScript.
const FlowsChart = dynamic(() => import('@/components/charts/flows-chart').then((module) => module.FlowsChart), {
  ssr: false,
  loading: ChartSkeleton,
});

const RANGES = [30, 90, 180] as const;

const SHORT_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const day = (isoDay: string) => SHORT_DAY.format(new Date(`${isoDay}T00:00:00Z`));
const money = (amount: number, currency: string) => (currency in CURRENCIES ? formatMoney(amount, currency as Currency) : `${amount} ${currency}`);

/** The chart's text alternative: what a sighted reader takes from it at a glance. */
const describe = (points: DailyFlowPoint[], currency: string): string => {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return '';
  const totals = flowTotals(points);
  const busiest = points.reduce((top, point) => (point.deposits + point.withdrawals > top.deposits + top.withdrawals ? point : top), first);
  return (
    `Bar chart of daily deposits and withdrawals in ${currency} from ${day(first.day)} to ${day(last.day)}. ` +
    `Deposits total ${money(totals.deposits, currency)} and withdrawals ${money(totals.withdrawals, currency)}. ` +
    `The busiest day was ${day(busiest.day)}, with ${money(busiest.deposits, currency)} in and ${money(busiest.withdrawals, currency)} out.`
  );
};

/** Deposits against withdrawals per day, for one currency over a chosen period. */
export function FlowsPanel() {
  const [days, setDays] = useState<number>(DEFAULT_STATS_RANGE);
  const [currency, setCurrency] = useState('EUR');
  const stats = useBankStats(days);
  const ids = useId();

  const held = stats.data ? [...stats.data.totalsByCurrency].sort(byCurrencyOrder).map((total) => total.currency) : [];
  const currencies = held.includes(currency) ? held : [currency, ...held];
  const points = stats.data ? dailySeries(stats.data.dailyFlows, currency, stats.data.fromDay, stats.data.toDay) : [];
  const totals = flowTotals(points);
  const net = totals.deposits + totals.interest - totals.withdrawals;

  return (
    <section className={`card ${styles.panel}`} aria-labelledby={`${ids}-heading`}>
      <div className={styles.panelHead}>
        <h2 id={`${ids}-heading`}>Money in and out</h2>
        <div className={styles.controls}>
          <label className={styles.inlineField}>
            <span>Currency</span>
            <select value={currency} onChange={(event) => setCurrency(event.target.value)} className={styles.select}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </label>
          <fieldset className={styles.segmented}>
            <legend className="visually-hidden">Period</legend>
            {RANGES.map((range) => (
              <label key={range}>
                <input type="radio" name={`${ids}-range`} value={range} checked={days === range} onChange={() => setDays(range)} />
                <span>{range} days</span>
              </label>
            ))}
          </fieldset>
        </div>
      </div>

      {stats.data ? (
        <div aria-busy={stats.isPlaceholderData} className={`${styles.panelBody}${stats.isPlaceholderData ? ` ${styles.stale}` : ''}`}>
          <dl className={styles.flowTotals}>
            <div>
              <dt>Deposits</dt>
              <dd>
                <Money amount={totals.deposits} currency={currency} />
              </dd>
            </div>
            <div>
              <dt>Withdrawals</dt>
              <dd>
                <Money amount={totals.withdrawals} currency={currency} />
              </dd>
            </div>
            <div>
              <dt>Net</dt>
              <dd>
                <Money amount={net} currency={currency} signed />
              </dd>
            </div>
          </dl>
          {totals.movements === 0 ? (
            <p className={styles.emptyChart}>
              No {currency} movements in the last {days} days.
            </p>
          ) : (
            <figure className={styles.figure} aria-labelledby={`${ids}-heading`} aria-describedby={`${ids}-description`}>
              <p id={`${ids}-description`} className="visually-hidden">
                {describe(points, currency)}
              </p>
              <FlowsChart points={points} currency={currency} />
            </figure>
          )}
          <div className={styles.chartFoot}>
            <FlowsLegend />
            <p className="muted">
              {day(stats.data.fromDay)} – {day(stats.data.toDay)} · {totals.movements.toLocaleString('en-GB')} movements · UTC days
            </p>
          </div>
        </div>
      ) : stats.isError ? (
        <QueryProblem error={stats.error} what="daily flows" onRetry={() => void stats.refetch()} retrying={stats.isFetching} />
      ) : (
        <div aria-busy="true">
          <p className="visually-hidden">Loading daily flows…</p>
          <div className="skeleton" style={{ width: '60%', height: '2.5rem', margin: '0 0 1rem' }} aria-hidden="true" />
          <ChartSkeleton />
        </div>
      )}
    </section>
  );
}
