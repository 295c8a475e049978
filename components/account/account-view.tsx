'use client';

import Link from 'next/link';
import { useLiveStore } from '@/components/live/connection-store';
import { AccountActions } from './account-actions';
import { AccountNotFound } from './account-not-found';
import { isNotFound, useAccountSummary } from './use-account-data';
import { AccountSkeleton } from './account-skeleton';
import { AccountSummary } from './account-summary';
import { BalanceChartCard } from './balance-chart-card';
import { SectionError } from './section-error';
import { TransactionHistory } from './transaction-history';
import { TransferCard } from '@/components/transfer/transfer-card';
import styles from './account.module.css';

/**
 * The account page's body. Data comes through react-query in the browser, so
 * the server sends the skeleton and nothing that depends on the clock or the
 * viewer's time zone (no hydration mismatches).
 */
export function AccountView({ accountId }: { accountId: string }) {
  const summary = useAccountSummary(accountId);
  const lastWrite = useLiveStore((state) => state.lastWritePosition);

  if (summary.isPending) return <AccountSkeleton />;
  if (summary.isError && !summary.data) {
    if (isNotFound(summary.error)) return <AccountNotFound accountId={accountId} />;
    return (
      <div className={styles.page}>
        <Breadcrumb current={accountId} />
        <section className="card" aria-labelledby="account-error-title">
          <h1 id="account-error-title" className={styles.owner}>
            Account {accountId}
          </h1>
          <SectionError what="this account" onRetry={() => void summary.refetch()} />
        </section>
      </div>
    );
  }

  const account = summary.data;
  return (
    <div className={styles.page} data-testid="account-page">
      <Breadcrumb current={account.owner} />
      {summary.isError ? (
        <p className={styles.inlineError} role="status">
          The latest figures could not be fetched; showing what was last loaded.
        </p>
      ) : null}
      {/* "Updating" only while this browser's own change is on its way, not on every live refresh. */}
      <AccountSummary account={account} refreshing={summary.isFetching && lastWrite > account.position} />
      <div className={styles.layout}>
        <div className={styles.actionsArea}>
          <AccountActions account={account} />
          <TransferCard account={account} />
        </div>
        <div className={styles.chartArea}>
          <BalanceChartCard account={account} />
        </div>
        <div className={styles.historyArea}>
          <TransactionHistory account={account} />
        </div>
      </div>
    </div>
  );
}

function Breadcrumb({ current }: { current: string }) {
  return (
    <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
      <ol>
        <li>
          <Link href="/">Overview</Link>
        </li>
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
