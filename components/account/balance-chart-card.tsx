'use client';

import dynamic from 'next/dynamic';
import { useMemo, useState } from 'react';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import { CHART_MOVEMENT_LIMIT, useRecentMovements } from './use-account-data';
import { balanceSeries } from './balance-series';
import { formatCount, formatDate, movementCount, moneyText } from './format';
import { SectionError } from './section-error';
import styles from './account.module.css';

const ChartSkeleton = () => <div className={`skeleton ${styles.chartSkeleton}`} aria-hidden="true" />;

// Recharts measures the DOM: rendering it on the server would only produce a hydration mismatch.
const BalanceChart = dynamic(() => import('./balance-chart').then((module) => module.BalanceChart), {
  ssr: false,
  loading: ChartSkeleton,
});

const TITLE = 'Balance over time';

export function BalanceChartCard({ account }: { account: AccountSummaryView }) {
  const movements = useRecentMovements(account.accountId);
  // The line runs on to the moment the page was opened; fixed once so re-renders do not move it.
  const [now] = useState(() => Date.now());
  const series = useMemo(
    () => (movements.data ? balanceSeries(account, movements.data.items, movements.data.complete, now) : null),
    [account, movements.data, now],
  );
  const total = movementCount(account);

  return (
    <section className="card" aria-labelledby="balance-chart-title" data-testid="balance-chart">
      <div className={styles.cardHeader}>
        <h2 id="balance-chart-title">{TITLE}</h2>
        {series ? (
          <p className={styles.chartRange}>
            <span>
              Low <span className={series.lowest.balance < 0 ? styles.negative : undefined}>{moneyText(series.lowest.balance, account.currency)}</span>
            </span>
            <span>
              High <span>{moneyText(series.highest.balance, account.currency)}</span>
            </span>
          </p>
        ) : null}
      </div>

      {movements.isPending ? (
        <>
          <ChartSkeleton />
          <span className="visually-hidden">Loading the balance history…</span>
        </>
      ) : movements.isError && !movements.data ? (
        <SectionError what="the balance history" onRetry={() => void movements.refetch()} />
      ) : series ? (
        <figure className={styles.chartFigure} data-testid="balance-chart-figure">
          <BalanceChart series={series} currency={account.currency} title={TITLE} />
          <figcaption className={styles.chartNote}>
            {movements.data?.complete
              ? `Every movement since the account opened on ${formatDate(account.openedAt)}.`
              : `The ${formatCount(CHART_MOVEMENT_LIMIT)} most recent of ${formatCount(total)} movements, since ${formatDate(series.from)}. The full history is in the table below.`}
          </figcaption>
        </figure>
      ) : (
        <p className={styles.empty}>No money has moved yet: the balance has been {moneyText(account.balance, account.currency)} since the account opened.</p>
      )}
    </section>
  );
}
